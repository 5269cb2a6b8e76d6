# Data collections are imported with their id (not their display name).
terraform import dataiku_data_collection.sales aB3dE5fG

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_data_collection.sales
#   identity = { id = "aB3dE5fG" }
# }
