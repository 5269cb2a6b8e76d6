# A project's execution defaults are imported with its key.
terraform import dataiku_project_execution_defaults.sales SALES

# Terraform 1.12 and later can also name them by their identity:
# import {
#   to       = dataiku_project_execution_defaults.sales
#   identity = { project_key = "SALES" }
# }
