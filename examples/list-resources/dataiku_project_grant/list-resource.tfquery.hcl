list "dataiku_project_grant" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
