data "dataiku_managed_folders" "sales" {
  project_key = "SALES"
}

output "sales_folders" {
  value = { for f in data.dataiku_managed_folders.sales.folders : f.name => f.id }
}
