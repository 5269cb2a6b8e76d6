# The days of January 2024 that exist in a dataset partitioned by day.
data "dataiku_dataset_partitions" "orders_january" {
  project_key = "SALES"
  name        = "orders_raw"
  prefix      = "2024-01"
}

output "january_days" {
  value = data.dataiku_dataset_partitions.orders_january.ids
}

check "january_complete" {
  assert {
    condition     = length(data.dataiku_dataset_partitions.orders_january.ids) == 31
    error_message = "orders_raw lacks some days of January 2024."
  }
}
