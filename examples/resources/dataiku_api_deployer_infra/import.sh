# Infrastructures are imported with their id. The API nodes' admin keys
# are write-only: set api_node_keys_wo (and api_node_keys_wo_version) in
# the configuration to manage them after the import.
terraform import dataiku_api_deployer_infra.static_prod api-prod

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_api_deployer_infra.static_prod
#   identity = { id = "api-prod" }
# }
