# Look a folder up by its path from the root, or by id.
data "dataiku_project_folder" "emea" {
  path = "/Sales/EMEA"
}

output "emea_projects" {
  value = data.dataiku_project_folder.emea.project_keys
}
