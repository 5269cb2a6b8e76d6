# Published projects are imported with their key, e.g. one a publish created.
terraform import dataiku_published_project.sales SALES

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_published_project.sales
#   identity = { project_key = "SALES" }
# }
