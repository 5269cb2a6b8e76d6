data "dataiku_knowledge_banks" "support" {
  project_key = "SUPPORT"
}

locals {
  faq_bank = one([for kb in data.dataiku_knowledge_banks.support.items : kb.id if kb.name == "faq"])
}

# Answer questions with the documents of the "faq" knowledge bank.
resource "dataiku_recipe" "answer" {
  project_key = "SUPPORT"
  name        = "answer_questions"
  type        = "prompt"
  inputs = {
    main           = [{ ref = "questions" }]
    knowledge_bank = [{ ref = local.faq_bank }]
  }
  outputs = { main = [{ ref = "answers" }] }
}
