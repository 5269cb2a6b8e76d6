data "dataiku_data_collection" "sales" {
  id = "aB3dE5fG"
}

output "sales_collection_readers" {
  value = [for p in data.dataiku_data_collection.sales.permissions : coalesce(p.group, p.user) if p.read]
}
