list "dataiku_project_git_library" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
