# Datasets are imported with DSS's own reference form, PROJECT_KEY.dataset_name.
# The imported state holds every parameter DSS has in params and
# format_params; plans compare only the keys the configuration writes, so
# the plan after an import is empty when those keys match.
terraform import dataiku_dataset.orders_files SALES.orders_raw
