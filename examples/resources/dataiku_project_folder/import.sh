# Project folders are imported with the id DSS generated for them (shown in
# the folder's URL, or by data.dataiku_project_folder with a path).
terraform import dataiku_project_folder.sales_emea aB3dE5f

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_project_folder.sales_emea
#   identity = { id = "aB3dE5f" }
# }
