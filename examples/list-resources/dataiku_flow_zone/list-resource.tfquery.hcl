list "dataiku_flow_zone" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
