data "dataiku_retrieval_augmented_llms" "sales" {
  project_key = "SALES"
}

# The LLM ids of the project's retrieval-augmented LLMs, by name.
output "rag_llm_ids" {
  value = { for l in data.dataiku_retrieval_augmented_llms.sales.items : l.name => "retrieval-augmented-llm:${l.id}"... }
}
