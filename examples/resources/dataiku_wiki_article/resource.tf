resource "dataiku_wiki_article" "readme" {
  project_key = "SALES"
  name        = "README"
  # Or content = file("wiki/README.md"): the markdown is kept byte for byte.
  content = "# Sales\n\nThe orders pipeline, from the shop's exports to the warehouse.\n"
}

resource "dataiku_wiki_article" "runbook" {
  project_key = "SALES"
  name        = "Runbook"
  parent_id   = dataiku_wiki_article.readme.id
  # In HCL, a literal ${ is written $${.
  content = <<-EOT
    # Runbook

    Rebuild `orders` with the `nightly` scenario; its connection is $${warehouse}.
  EOT
}
