data "dataiku_project_deployer_infras" "production" {
  stage = "Production"
}

output "production_infras" {
  value = data.dataiku_project_deployer_infras.production.ids
}
