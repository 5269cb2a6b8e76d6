list "dataiku_retrieval_augmented_llm" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
