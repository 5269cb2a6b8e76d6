# Operations with Terraform actions (Terraform >= 1.14; OpenTofu has no
# actions). The recipe's outputs are rebuilt after every change of the
# recipe, and the smoke-test scenario runs on demand:
#
#   terraform apply                                           # a recipe change rebuilds its output, then checks it
#   terraform apply -invoke=action.dataiku_scenario_run.smoke # run the smoke test now
terraform {
  required_version = ">= 1.14"
  required_providers {
    dataiku = { source = "tf-dataiku/dataiku" }
  }
}

provider "dataiku" {}

variable "project_key" {
  type    = string
  default = "SALES"
}

resource "dataiku_dataset" "orders" {
  project_key     = var.project_key
  name            = "orders"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  params          = { path = "/orders" }
  format_type     = "csv"
}

resource "dataiku_dataset" "orders_clean" {
  project_key     = var.project_key
  name            = "orders_clean"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  managed         = true
}

# After the recipe is created or changed, its output is rebuilt, then the
# output's data-quality rules are computed: an ERROR fails the apply.
resource "dataiku_recipe" "compute_orders_clean" {
  project_key = var.project_key
  name        = "compute_orders_clean"
  type        = "python"
  inputs      = { main = [{ ref = dataiku_dataset.orders.name }] }
  outputs     = { main = [{ ref = dataiku_dataset.orders_clean.name }] }
  script      = <<-EOT
    import dataiku
    df = dataiku.Dataset("orders").get_dataframe()
    dataiku.Dataset("orders_clean").write_with_schema(df.dropna())
  EOT

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.dataiku_dataset_build.orders_clean, action.dataiku_data_quality_compute.orders_clean]
    }
  }
}

action "dataiku_dataset_build" "orders_clean" {
  config {
    project_key = var.project_key
    datasets    = [dataiku_dataset.orders_clean.name]
    job_type    = "NON_RECURSIVE_FORCED_BUILD"
    timeout     = "30m"
  }
}

resource "dataiku_data_quality_rule" "orders_have_ids" {
  project_key  = var.project_key
  dataset_name = dataiku_dataset.orders_clean.name
  type         = "ColumnNotEmptyRule"
  name         = "Orders have ids"
  config       = { column = "order_id" }
}

action "dataiku_data_quality_compute" "orders_clean" {
  config {
    project_key  = var.project_key
    dataset_name = dataiku_dataset.orders_clean.name
  }
}

resource "dataiku_scenario" "smoke" {
  project_key = var.project_key
  name        = "Smoke test"
  type        = "step_based"
  steps = [{
    type   = "build_flowitem"
    name   = "Build the clean orders"
    params = jsonencode({ builds = [{ type = "DATASET", itemId = dataiku_dataset.orders_clean.name, partitionsSpec = "" }], jobType = "RECURSIVE_BUILD" })
  }]
}

# Not triggered by any resource: run it with -invoke.
action "dataiku_scenario_run" "smoke" {
  config {
    project_key = var.project_key
    scenario_id = dataiku_scenario.smoke.id
    timeout     = "15m"
  }
}
