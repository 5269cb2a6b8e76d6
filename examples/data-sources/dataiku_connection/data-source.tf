# A connection's definition; its secrets are never exposed.
data "dataiku_connection" "warehouse" {
  name = "warehouse"
}

output "warehouse_host" {
  value = jsondecode(data.dataiku_connection.warehouse.params).host
}
