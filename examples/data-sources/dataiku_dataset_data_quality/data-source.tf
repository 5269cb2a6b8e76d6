# The dataset's data quality as DSS last computed it.
data "dataiku_dataset_data_quality" "orders" {
  project_key  = "SALES"
  dataset_name = "orders"
}

output "orders_quality" {
  value = {
    status   = data.dataiku_dataset_data_quality.orders.status
    failures = [for r in data.dataiku_dataset_data_quality.orders.rules : "${r.name}: ${r.message}" if r.outcome == "ERROR"]
  }
}
