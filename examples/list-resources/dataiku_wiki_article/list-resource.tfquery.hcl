list "dataiku_wiki_article" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
