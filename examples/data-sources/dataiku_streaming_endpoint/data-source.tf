# One streaming endpoint, e.g. to reuse its topic or schema elsewhere.
data "dataiku_streaming_endpoint" "orders" {
  project_key = "SALES"
  name        = "orders_stream"
}

output "orders_topic" {
  value = data.dataiku_streaming_endpoint.orders.params.topic
}
