data "dataiku_project_deployment" "sales_prod" {
  deployment_id = "sales-on-prod"
}

# What runs in production, and whether it is healthy.
output "production" {
  value = {
    bundle = data.dataiku_project_deployment.sales_prod.deployed_bundle_id
    health = data.dataiku_project_deployment.sales_prod.health
  }
}
