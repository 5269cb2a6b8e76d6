# A dataset in a data collection is imported with the collection's id, a
# slash, then PROJECT_KEY.dataset_name.
terraform import dataiku_data_collection_dataset.orders aB3dE5fG/SALES.orders

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_data_collection_dataset.orders
#   identity = { data_collection_id = "aB3dE5fG", project_key = "SALES", dataset_name = "orders" }
# }
