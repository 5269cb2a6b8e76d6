# Find a retrieval-augmented LLM's generated id, LLM and knowledge bank by
# its name (one of that name in the project).
data "dataiku_retrieval_augmented_llm" "faq" {
  project_key = "SALES"
  name        = "FAQ assistant"
}

output "faq_assistant_bank" {
  value = data.dataiku_retrieval_augmented_llm.faq.knowledge_bank_id
}
