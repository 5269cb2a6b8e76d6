# Every folder of the tree, with its path.
data "dataiku_project_folders" "all" {
  recursive = true
}

output "folder_paths" {
  value = [for f in data.dataiku_project_folders.all.folders : f.path]
}
