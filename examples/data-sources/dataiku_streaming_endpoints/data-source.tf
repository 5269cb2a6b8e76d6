# Every streaming endpoint of project SALES.
data "dataiku_streaming_endpoints" "all" {
  project_key = "SALES"
}

output "kafka_endpoints" {
  value = [for e in data.dataiku_streaming_endpoints.all.streaming_endpoints : e.name if e.type == "kafka"]
}
