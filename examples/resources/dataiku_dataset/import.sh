# Datasets are imported with DSS's own reference form, PROJECT_KEY.dataset_name.
# The imported state holds every parameter DSS has in params and
# format_params; plans compare only the keys the configuration writes, so
# the plan after an import is empty when those keys match.
terraform import dataiku_dataset.orders_files SALES.orders_raw

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_dataset.orders_files
#   identity = { project_key = "SALES", name = "orders_raw" }
# }
