# Scopes are imported with their name.
terraform import dataiku_project_standards_scope.finance finance

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_project_standards_scope.finance
#   identity = { name = "finance" }
# }
