# Every dataset of the project tagged "raw" (or "erp").
data "dataiku_datasets" "raw" {
  project_key = "SALES"
  tags        = ["raw", "erp"]
}

# Every PostgreSQL dataset of the project.
data "dataiku_datasets" "sql" {
  project_key = "SALES"
  type        = "PostgreSQL"
}

output "raw_dataset_names" {
  value = [for d in data.dataiku_datasets.raw.datasets : d.name]
}
