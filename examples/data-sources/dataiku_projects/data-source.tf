data "dataiku_projects" "production" {
  tag = "production"
}

output "production_project_keys" {
  value = [for p in data.dataiku_projects.production.projects : p.project_key]
}
