data "dataiku_clusters" "all" {}

output "running_clusters" {
  value = [for c in data.dataiku_clusters.all.clusters : c.name if c.state == "RUNNING"]
}
