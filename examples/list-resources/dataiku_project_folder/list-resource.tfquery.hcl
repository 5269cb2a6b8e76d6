# Every project folder, named by its path from the root.
list "dataiku_project_folder" "all" {
  provider = dataiku
}
