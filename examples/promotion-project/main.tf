# A project team's root module: its design project, the bundles it
# releases, and one deployment of them per stage. The infrastructures are
# the platform team's (examples/promotion-platform): read here, never
# managed, so the plan fails, naming the id, when one does not exist.
#
# Promotion is gated by a variable: var.release is the bundle exported,
# published and deployed to development on every apply; var.prod_release
# names the bundle production runs, null until a release manager promotes
# one (typically the bundle development has run and passed).

provider "dataiku" {
  host    = var.design_host
  api_key = var.design_api_key
}

data "dataiku_project_deployer_infra" "dev" {
  id = var.dev_infra_id
}

data "dataiku_project_deployer_infra" "prod" {
  id = var.prod_infra_id
}

resource "dataiku_project" "app" {
  project_key = var.project_key
  name        = "Orders"
}

resource "dataiku_dataset" "orders" {
  project_key     = dataiku_project.app.project_key
  name            = "orders"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  managed         = true
}

# A new var.release is a new bundle: the old one stays on the design node
# (keep_on_destroy) and its published copy on the deployer, where
# production may still run it.
resource "dataiku_project_bundle" "release" {
  project_key     = dataiku_project.app.project_key
  bundle_id       = var.release
  publish         = true
  keep_on_destroy = true
  depends_on      = [dataiku_dataset.orders]

  lifecycle {
    create_before_destroy = true
  }
}

resource "dataiku_project_deployment" "dev" {
  deployment_id         = "${var.project_key}-on-dev"
  published_project_key = dataiku_project.app.project_key
  infra_id              = data.dataiku_project_deployer_infra.dev.id
  bundle_id             = dataiku_project_bundle.release.bundle_id
  deployed_project_key  = "${var.project_key}_DEV"
  connection_remappings = var.dev_connection_remappings
  variable_overrides    = jsonencode({ env = "dev" })
}

resource "dataiku_project_deployment" "prod" {
  count                 = var.prod_release == null ? 0 : 1
  deployment_id         = "${var.project_key}-on-prod"
  published_project_key = dataiku_project.app.project_key
  infra_id              = data.dataiku_project_deployer_infra.prod.id
  bundle_id             = var.prod_release
  deployed_project_key  = "${var.project_key}_PROD"
  connection_remappings = var.prod_connection_remappings
  variable_overrides    = jsonencode({ env = "prod" })

  # A plan that would delete or replace the production deployment fails,
  # even once this block is gone: set it to false and apply first.
  deletion_protection = true

  timeouts {
    create = "45m"
    update = "45m"
  }

  # The bundle var.prod_release names was published by an earlier apply;
  # on a first apply that sets both variables, publish first.
  depends_on = [dataiku_project_bundle.release]
}

output "deployed" {
  value = {
    dev  = dataiku_project_deployment.dev.deployed_bundle_id
    prod = one(dataiku_project_deployment.prod[*].deployed_bundle_id)
  }
}
