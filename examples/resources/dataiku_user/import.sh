# Users are imported with their login. A password cannot be imported: set
# password_wo and password_wo_version to have Terraform send one.
# With an import block and `terraform plan -generate-config-out`, the
# generated block has password_wo = null: the plan is empty and DSS keeps
# the password. To manage it, set password_wo and password_wo_version = 1.
terraform import dataiku_user.jane jane

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_user.jane
#   identity = { login = "jane" }
# }
