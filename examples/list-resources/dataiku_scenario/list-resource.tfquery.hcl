list "dataiku_scenario" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
