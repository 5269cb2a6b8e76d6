# Workspaces are imported with their key.
terraform import dataiku_workspace.sales SALES

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_workspace.sales
#   identity = { workspace_key = "SALES" }
# }
