data "dataiku_saved_models" "sales" {
  project_key = "SALES"
}

output "sales_models" {
  value = { for m in data.dataiku_saved_models.sales.items : m.id => m.name }
}
