# Datasets are imported with DSS's own reference form, PROJECT_KEY.dataset_name.
# The imported state holds every parameter DSS has in params and
# format_params; the first plan after the import shows an in-place update
# that narrows them to the keys the configuration writes (nothing changes
# in DSS), and later plans compare only those keys.
terraform import dataiku_dataset.orders_files SALES.orders_raw
