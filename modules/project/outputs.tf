output "project_key" {
  value       = dataiku_project.this.project_key
  description = "The project's key, for the project's datasets, recipes and scenarios (so that they depend on the project)."
}

output "zone_ids" {
  value       = { for name, zone in dataiku_flow_zone.zone : name => zone.id }
  description = "The ids DSS gave the Flow zones, by name, for `dataiku_flow_zone` items elsewhere or zone-scoped objects."
}
