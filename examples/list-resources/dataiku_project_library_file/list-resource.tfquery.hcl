list "dataiku_project_library_file" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
