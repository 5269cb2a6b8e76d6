list "dataiku_knowledge_bank" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
