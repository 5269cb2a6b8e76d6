# A folder for the images the embedding recipe extracts from the documents.
resource "dataiku_managed_folder" "faq_images" {
  project_key = "SALES"
  name        = "faq_images"
}

# A local Chroma store, embedded by an LLM of the LLM Mesh, with two
# metadata fields stored with each vector.
resource "dataiku_knowledge_bank" "faq" {
  project_key       = "SALES"
  name              = "Product FAQ"
  vector_store_type = "CHROMA"
  embedding_llm_id  = "openai:openai_prod:text-embedding-3-small"
  images_folder_id  = dataiku_managed_folder.faq_images.id
  metadata_schema = {
    source = "string"
    page   = "int"
  }
  tags = ["rag"]

  # Any other key of the bank's settings, under DSS's name: only the keys
  # written here are managed.
  settings = {
    envSelection = { envMode = "EXPLICIT_ENV", envName = "rag_py311" }
  }
}

# A remote Pinecone index.
resource "dataiku_knowledge_bank" "contracts" {
  project_key         = "SALES"
  name                = "Contracts"
  vector_store_type   = "PINECONE"
  embedding_llm_id    = "openai:openai_prod:text-embedding-3-large"
  connection_name     = "pinecone_prod"
  pinecone_index_name = "contracts"
}
