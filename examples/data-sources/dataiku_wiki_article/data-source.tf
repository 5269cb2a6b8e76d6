data "dataiku_wiki_article" "runbook" {
  project_key = "SALES"
  name        = "Runbook"
}

output "runbook_markdown" {
  value = data.dataiku_wiki_article.runbook.content
}
