list "dataiku_exposed_object" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
