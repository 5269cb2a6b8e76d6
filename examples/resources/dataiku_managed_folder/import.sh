# Managed folders are imported with DSS's reference form PROJECT_KEY.folder_id,
# the 8-character id DSS generated (not the folder's name).
terraform import dataiku_managed_folder.models SALES.aB3dE5fG

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_managed_folder.models
#   identity = { project_key = "SALES", id = "aB3dE5fG" }
# }
