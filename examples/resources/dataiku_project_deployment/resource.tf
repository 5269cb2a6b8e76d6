# Needs the published project SALES with its bundle v1.2.0 (dataiku_project_bundle),
# the infrastructure prod (dataiku_project_deployer_infra) and, on its automation
# node, a connection for each one the bundle uses (here pg_dev, remapped to pg_prod).
resource "dataiku_project_deployment" "sales_prod" {
  deployment_id         = "sales-on-prod"
  published_project_key = "SALES"
  infra_id              = "prod"
  # Bumping the bundle deploys it in place; the apply waits for DSS's update.
  bundle_id            = "v1.2.0"
  deployed_project_key = "SALES_PROD"

  connection_remappings = {
    pg_dev = "pg_prod"
  }
  variable_overrides = jsonencode({ env = "prod" })

  timeouts {
    create = "20m"
    update = "20m"
  }
}
