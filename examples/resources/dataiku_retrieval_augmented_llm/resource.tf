resource "dataiku_knowledge_bank" "faq" {
  project_key       = "SALES"
  name              = "Product FAQ"
  vector_store_type = "CHROMA"
  embedding_llm_id  = "openai:openai_prod:text-embedding-3-small"
}

# An LLM that answers over the FAQ bank: DSS makes its first version and
# declares it active; the bank, the LLM and settings are that version's.
resource "dataiku_retrieval_augmented_llm" "faq" {
  project_key       = "SALES"
  name              = "FAQ assistant"
  knowledge_bank_id = dataiku_knowledge_bank.faq.id
  llm_id            = "openai:openai_prod:gpt-4o"
  tags              = ["rag"]

  # Any other key of the active version's ragllmSettings, under DSS's name:
  # only the keys written here are managed.
  settings = {
    maxDocuments = 8
  }
}

# Usable wherever DSS takes an LLM id.
output "faq_assistant_llm_id" {
  value = "retrieval-augmented-llm:${dataiku_retrieval_augmented_llm.faq.id}"
}
