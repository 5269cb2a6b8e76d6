# From design to automation as code: a design project with a Flow and a
# scenario, its bundle published to the Project Deployer, an
# infrastructure for the automation node, and a deployment of the bundle
# there. A data source through the automation node's provider reads the
# deployed project. Releasing a change is a new bundle id (var.release).

provider "dataiku" {
  alias   = "design"
  host    = var.design_host
  api_key = var.design_api_key
}

provider "dataiku" {
  alias   = "automation"
  host    = var.automation_host
  api_key = var.automation_api_key
}

resource "dataiku_project" "app" {
  provider    = dataiku.design
  project_key = var.project_key
  name        = "Promotion demo"
}

resource "dataiku_dataset" "orders" {
  provider        = dataiku.design
  project_key     = dataiku_project.app.project_key
  name            = "orders"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  managed         = true
}

resource "dataiku_dataset" "orders_clean" {
  provider        = dataiku.design
  project_key     = dataiku_project.app.project_key
  name            = "orders_clean"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  managed         = true
}

resource "dataiku_dataset" "returns" {
  count           = var.with_returns ? 1 : 0
  provider        = dataiku.design
  project_key     = dataiku_project.app.project_key
  name            = "returns"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  managed         = true
}

resource "dataiku_recipe" "clean" {
  provider    = dataiku.design
  project_key = dataiku_project.app.project_key
  name        = "clean_orders"
  type        = "python"
  inputs      = { main = [{ ref = dataiku_dataset.orders.name }] }
  outputs     = { main = [{ ref = dataiku_dataset.orders_clean.name }] }
  script      = <<-EOT
    import dataiku
    df = dataiku.Dataset("orders").get_dataframe()
    dataiku.Dataset("orders_clean").write_with_schema(df.dropna())
  EOT
}

resource "dataiku_scenario" "nightly" {
  provider    = dataiku.design
  project_key = dataiku_project.app.project_key
  name        = "Nightly"
  type        = "step_based"
  steps = [{
    type = "build_flowitem"
    name = "build the clean orders"
    params = jsonencode({
      builds  = [{ type = "DATASET", itemId = dataiku_recipe.clean.outputs.main[0].ref, partitionsSpec = "" }]
      jobType = "RECURSIVE_BUILD"
    })
  }]
}

# The bundle snapshots the project once everything above is in place.
resource "dataiku_project_bundle" "release" {
  provider        = dataiku.design
  project_key     = dataiku_project.app.project_key
  bundle_id       = var.release
  publish         = true
  keep_on_destroy = true
  depends_on      = [dataiku_recipe.clean, dataiku_scenario.nightly, dataiku_dataset.returns]

  lifecycle {
    create_before_destroy = true
  }
}

resource "dataiku_project_deployer_infra" "prod" {
  provider            = dataiku.design
  id                  = "promotion-prod"
  stage               = "Production"
  automation_node_url = var.automation_host
  api_key_wo          = var.automation_api_key
  api_key_wo_version  = 1
}

resource "dataiku_project_deployment" "prod" {
  provider              = dataiku.design
  deployment_id         = "${var.project_key}-on-prod"
  published_project_key = dataiku_project.app.project_key
  infra_id              = dataiku_project_deployer_infra.prod.id
  bundle_id             = dataiku_project_bundle.release.bundle_id
  deployed_project_key  = "${var.project_key}_PROD"
  variable_overrides    = jsonencode({ env = "prod" })
}

# Read through the automation node: the deployed project's datasets.
data "dataiku_datasets" "deployed" {
  provider    = dataiku.automation
  project_key = dataiku_project_deployment.prod.deployed_project_key
  # Read after the deployment's update, not at plan time.
  depends_on = [dataiku_project_deployment.prod]
}

output "deployed" {
  value = {
    bundle   = dataiku_project_deployment.prod.deployed_bundle_id
    health   = dataiku_project_deployment.prod.health
    datasets = sort([for d in data.dataiku_datasets.deployed.datasets : d.name])
  }
}
