# Infrastructures are imported with their id. The admin API key is
# write-only: set api_key_wo (and api_key_wo_version) in the configuration
# to manage it after the import.
terraform import dataiku_project_deployer_infra.prod prod

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_project_deployer_infra.prod
#   identity = { id = "prod" }
# }
