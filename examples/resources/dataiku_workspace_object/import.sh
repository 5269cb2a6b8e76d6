# Workspace objects are imported with the workspace's key and the object's
# id DSS gave it (terraform query with the dataiku_workspace_object list
# resource shows them), joined by a slash.
terraform import dataiku_workspace_object.orders SALES/aB3dE5fG

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_workspace_object.orders
#   identity = { workspace_key = "SALES", id = "aB3dE5fG" }
# }
