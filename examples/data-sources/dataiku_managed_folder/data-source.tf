# Find a folder's generated id by its name, e.g. for a FilesInFolder dataset.
data "dataiku_managed_folder" "models" {
  project_key = "SALES"
  name        = "models"
}

output "models_folder_id" {
  value = data.dataiku_managed_folder.models.id
}
