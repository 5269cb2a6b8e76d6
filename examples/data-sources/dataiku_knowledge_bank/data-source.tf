# Find a knowledge bank's generated id by its name (one bank of that name),
# e.g. for the knowledge bank input of a prompt recipe.
data "dataiku_knowledge_bank" "faq" {
  project_key = "SALES"
  name        = "Product FAQ"
}

output "faq_bank_id" {
  value = data.dataiku_knowledge_bank.faq.id
}
