# Datasets are imported with DSS's own reference form, PROJECT_KEY.dataset_name.
terraform import dataiku_dataset.orders_files SALES.orders_raw
