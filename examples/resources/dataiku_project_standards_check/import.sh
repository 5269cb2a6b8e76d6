# Checks are imported with the id DSS gave them (not their name).
terraform import dataiku_project_standards_check.small_flows aBcD1234

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_project_standards_check.small_flows
#   identity = { id = "aBcD1234" }
# }
