# The last record count DSS computed on an unpartitioned dataset.
data "dataiku_dataset_metrics" "customers" {
  project_key = "SALES"
  name        = "customers"
}

output "customers_count" {
  value = tonumber(data.dataiku_dataset_metrics.customers.metrics["records:COUNT_RECORDS"].value)
}

# One day of a dataset partitioned by day.
data "dataiku_dataset_metrics" "orders_day" {
  project_key = "SALES"
  name        = "orders_raw"
  partition   = "2024-01-31"
}

check "orders_day_not_empty" {
  assert {
    condition     = tonumber(try(data.dataiku_dataset_metrics.orders_day.metrics["records:COUNT_RECORDS"].value, "0")) > 0
    error_message = "orders_raw has no records for 2024-01-31 (or they were never counted)."
  }
}
