list "dataiku_managed_folder" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
