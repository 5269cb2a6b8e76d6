list "dataiku_project_git_remote" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
