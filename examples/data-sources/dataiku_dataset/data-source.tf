data "dataiku_dataset" "orders" {
  project_key = "SALES"
  name        = "orders_raw"
}

output "orders_connection" {
  value = data.dataiku_dataset.orders.connection_name
}

output "orders_path" {
  value = jsondecode(data.dataiku_dataset.orders.params).path
}

output "orders_columns" {
  value = [for c in data.dataiku_dataset.orders.schema_columns : c.name]
}
