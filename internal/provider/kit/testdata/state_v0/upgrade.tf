terraform {
  required_providers {
    dataiku = { source = "tf-dataiku/dataiku" }
  }
}
provider "dataiku" {}

resource "dataiku_project" "p" {
  project_key        = "UPG"
  name               = "Upgrade"
  standard_variables = jsonencode({ env = "prod", retention_days = 30, ratio = 0.5, tags = ["a", "b"], nothing = null, empty = {} })
}

resource "dataiku_dataset" "d" {
  project_key     = dataiku_project.p.project_key
  name            = "orders"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  params          = jsonencode({ path = "/orders", filesSelectionRules = { mode = "ALL", excludeRules = [], includeRules = [] } })
  format_type     = "csv"
  format_params   = jsonencode({ separator = ";", parseHeaderRow = true, skipRowsBeforeHeader = 0 })
}

resource "dataiku_connection" "c" {
  name   = "upg_files"
  type   = "Filesystem"
  params = jsonencode({ root = "/data/upg" })
}

resource "dataiku_instance_settings" "s" {
  settings = jsonencode({ maxRunningActivities = 7, ldapSettings = { enabled = false } })
}

resource "dataiku_instance_variables" "v" {
  variables = jsonencode({ env = "prod", retention_days = 30, notify = ["a@example.com"] })
}

resource "dataiku_data_quality_rule" "r" {
  project_key  = dataiku_project.p.project_key
  dataset_name = dataiku_dataset.d.name
  name         = "rows"
  type         = "RecordCountInRangeRule"
  config       = jsonencode({ minimum = 1, minimumEnabled = true, maximum = 10000000, maximumEnabled = true })
}
