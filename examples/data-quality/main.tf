# Data quality as code: a dataset, the rules that guard it, and a gate on
# the outcomes DSS last computed.

provider "dataiku" {}

resource "dataiku_project" "sales" {
  project_key = var.project_key
  name        = "Sales (data quality example)"
}

resource "dataiku_dataset" "orders" {
  project_key     = dataiku_project.sales.project_key
  name            = "orders"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = { path = "/sales/orders" }
}

# Rules follow the dataset: referring to its name orders them after it,
# and renaming the dataset keeps them (same ids).
resource "dataiku_data_quality_rule" "row_count" {
  project_key  = dataiku_dataset.orders.project_key
  dataset_name = dataiku_dataset.orders.name
  name         = "row count"
  type         = "RecordCountInRangeRule"
  config = {
    minimum            = 1
    minimumEnabled     = true
    softMinimum        = 1000
    softMinimumEnabled = true
  }
}

resource "dataiku_data_quality_rule" "order_id" {
  project_key  = dataiku_dataset.orders.project_key
  dataset_name = dataiku_dataset.orders.name
  name         = "order_id not empty"
  type         = "ColumnNotEmptyRule"
  config       = { column = "order_id" }
}

data "dataiku_dataset_data_quality" "orders" {
  project_key  = dataiku_dataset.orders.project_key
  dataset_name = dataiku_dataset.orders.name

  # The gate: a plan (and an apply) stops while DSS reports ERROR.
  lifecycle {
    postcondition {
      condition     = self.status != "ERROR"
      error_message = "Dataset orders fails its data quality rules: ${join("; ", [for r in self.rules : "${r.name}: ${r.message}" if r.outcome == "ERROR"])}"
    }
  }
}

# Continuous validation: reported on every plan and apply (and by
# Terraform Cloud's health checks), without stopping them.
check "orders_quality" {
  assert {
    condition     = data.dataiku_dataset_data_quality.orders.status != "ERROR"
    error_message = "Data quality of orders is ${data.dataiku_dataset_data_quality.orders.status}."
  }
}

output "orders_quality" {
  value = {
    status = data.dataiku_dataset_data_quality.orders.status
    rules  = { for r in data.dataiku_dataset_data_quality.orders.rules : r.name => r.outcome }
  }
}
