# A Kafka topic in the Flow of project SALES: continuous recipes read the
# orders from it as they happen. Only the params keys written here are
# managed; DSS's other parameters are kept as DSS has them.
resource "dataiku_streaming_endpoint" "orders" {
  project_key     = "SALES"
  name            = "orders_stream"
  type            = "kafka"
  connection_name = "kafka_main"
  params          = { topic = "sales.orders" }
  description     = "Orders as they are placed"
  tags            = ["streaming"]

  schema_columns = [
    { name = "order_id", type = "bigint" },
    { name = "amount", type = "double", comment = "EUR" },
    { name = "placed_at", type = "date" },
  ]
}

# Server-sent events from an HTTP URL: no connection.
resource "dataiku_streaming_endpoint" "ticker" {
  project_key = "SALES"
  name        = "ticker"
  type        = "httpsse"
  params      = { url = "https://stream.example.com/ticker" }
}

# Placed in a flow zone like any other Flow object.
resource "dataiku_flow_zone" "streams" {
  project_key = "SALES"
  name        = "Streams"
  items = [
    { type = "STREAMING_ENDPOINT", id = dataiku_streaming_endpoint.orders.name },
    { type = "STREAMING_ENDPOINT", id = dataiku_streaming_endpoint.ticker.name },
  ]
}
