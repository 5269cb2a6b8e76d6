# The platform team's root module: the Project Deployer's infrastructures,
# one automation node per stage. It runs with a key of an administrator of
# the Project Deployer, on the node that hosts the deployer (here the design
# node). Project teams do not manage these: they read them with the
# dataiku_project_deployer_infra data source (examples/promotion-project).

provider "dataiku" {
  host    = var.design_host
  api_key = var.design_api_key
}

resource "dataiku_project_deployer_infra" "dev" {
  id                  = "dev"
  stage               = "Development"
  automation_node_url = var.dev_automation_url

  # Write-only: sent to DSS, never kept in the plan or the state. To rotate
  # the key, pass the new one and bump the version in the same apply.
  api_key_wo         = var.dev_automation_api_key
  api_key_wo_version = var.dev_automation_api_key_version

  # Project teams may deploy to the development node themselves.
  permissions = jsonencode([
    { group = var.project_team_group, read = true, deploy = true, admin = false },
  ])
}

resource "dataiku_project_deployer_infra" "prod" {
  id                  = "prod"
  stage               = "Production"
  automation_node_url = var.prod_automation_url

  api_key_wo         = var.prod_automation_api_key
  api_key_wo_version = var.prod_automation_api_key_version

  # Project teams see the production node; only release managers deploy.
  permissions = jsonencode([
    { group = var.project_team_group, read = true, deploy = false, admin = false },
    { group = var.release_manager_group, read = true, deploy = true, admin = false },
  ])
}

output "infra_ids" {
  description = "The ids project teams name in their dataiku_project_deployer_infra data sources."
  value = {
    dev  = dataiku_project_deployer_infra.dev.id
    prod = dataiku_project_deployer_infra.prod.id
  }
}
