list "dataiku_code_studio" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
