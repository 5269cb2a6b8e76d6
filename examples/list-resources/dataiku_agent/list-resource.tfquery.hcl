list "dataiku_agent" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
