list "dataiku_evaluation_store" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
