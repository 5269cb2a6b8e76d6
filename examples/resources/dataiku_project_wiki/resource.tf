# The SALES wiki opens on its welcome article. Should the article be
# deleted in DSS, the next apply creates it again, then makes it home.
# Destroying the resource unsets the home article; the articles stay.
resource "dataiku_wiki_article" "welcome" {
  project_key = "SALES"
  name        = "Welcome"
  content     = "# Sales analytics\n\nStart with the [runbook](Runbook)."
}

resource "dataiku_project_wiki" "sales" {
  project_key     = "SALES"
  home_article_id = dataiku_wiki_article.welcome.id
}
