# A published project made by a bundle's publish, outside this configuration.
data "dataiku_published_project" "sales" {
  project_key = "SALES"
}

output "sales_deployers" {
  value = [for p in jsondecode(data.dataiku_published_project.sales.permissions) : p.group if try(p.deploy, false)]
}
