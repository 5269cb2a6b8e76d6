# Connections are imported with their name. Secrets cannot be imported: the
# state has no secret_params_wo_version, so the first apply with
# secret_params_wo and a version sends the configured secrets to DSS.
# With an import block and `terraform plan -generate-config-out`, the
# generated params hold every parameter but the secrets, and
# secret_params_wo = null: the plan is empty and DSS keeps its secrets. To
# manage them, set secret_params_wo and secret_params_wo_version = 1.
terraform import dataiku_connection.warehouse warehouse

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_connection.warehouse
#   identity = { name = "warehouse" }
# }
