# Global API keys are imported with their id (never their secret). The
# secret of an imported key is null: DSS shows it only on creation.
# The block that `terraform plan -generate-config-out` writes for an
# imported key plans empty; its secret stays null in the state.
terraform import dataiku_api_key.ci AbCdEfGh12345678

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_api_key.ci
#   identity = { id = "AbCdEfGh12345678" }
# }
