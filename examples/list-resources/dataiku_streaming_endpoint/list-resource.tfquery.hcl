# The Kafka streaming endpoints of project SALES.
list "dataiku_streaming_endpoint" "sales_kafka" {
  provider = dataiku
  config {
    project_key = "SALES"
    type        = "kafka"
  }
}

# Every streaming endpoint of project SALES, with each one's resource object.
list "dataiku_streaming_endpoint" "sales" {
  provider         = dataiku
  include_resource = true
  config {
    project_key = "SALES"
  }
}
