# A project's wiki is imported with its key.
terraform import dataiku_project_wiki.sales SALES

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_project_wiki.sales
#   identity = { project_key = "SALES" }
# }
