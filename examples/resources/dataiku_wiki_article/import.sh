# Wiki articles are imported with the project's key and the article's id
# DSS generated (not its name; terraform query with the
# dataiku_wiki_article list resource shows them), joined by a slash.
terraform import dataiku_wiki_article.runbook SALES/aB3dE5f

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_wiki_article.runbook
#   identity = { project_key = "SALES", id = "aB3dE5f" }
# }
