data "dataiku_flow_zones" "sales" {
  project_key = "SALES"
}

# Which zone each dataset is in, the default zone included.
output "dataset_zones" {
  value = merge([
    for z in data.dataiku_flow_zones.sales.zones : {
      for it in z.items : it.id => z.name if it.type == "DATASET"
    }
  ]...)
}
