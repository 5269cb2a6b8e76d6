# The production automation node, managed by the platform team's
# configuration: the plan fails if it does not exist.
data "dataiku_project_deployer_infra" "prod" {
  id = "prod"
}

resource "dataiku_project_deployment" "sales_prod" {
  deployment_id         = "sales-on-prod"
  published_project_key = "SALES"
  infra_id              = data.dataiku_project_deployer_infra.prod.id
  bundle_id             = "v12"
}

output "prod_automation_node" {
  value = data.dataiku_project_deployer_infra.prod.automation_node_url
}
