# A nightly scenario that rebuilds the prepared orders. DSS derives the id
# (Nightly_build) from the name.
resource "dataiku_scenario" "nightly" {
  project_key = "SALES"
  name        = "Nightly build"
  type        = "step_based"
  active      = true
  description = "Rebuilds the prepared orders every night"

  triggers = [{
    type      = "temporal"
    name      = "every night"
    frequency = "Daily"
    hour      = 2
    minute    = 30
    timezone  = "Europe/Paris"
  }]

  steps = [{
    type = "build_flowitem"
    name = "build orders"
    params = jsonencode({
      builds  = [{ type = "DATASET", itemId = "orders_prepared", partitionsSpec = "" }]
      jobType = "RECURSIVE_BUILD"
    })
  }]

  # Mail the team when a run ends, through a dataiku_messaging_channel
  # (channelId is its id). Credentials (a webhook's url, tokens) go in
  # reporter_secrets_wo, never here.
  reporters = [{
    id        = "mail_team"
    active    = true
    name      = "Mail the team"
    phase     = "END"
    messaging = { type = "mail-scenario", configuration = { channelId = "mail-ops", recipient = "data-team@example.com" } }
  }]
}

# A Python scenario started when the raw orders change. A trigger type the
# provider does not name (a plugin's) is written "dss:<type>".
resource "dataiku_scenario" "on_new_orders" {
  project_key = "SALES"
  name        = "On new orders"
  type        = "custom_python"
  active      = true

  triggers = [{
    type     = "dataset_modified"
    datasets = ["orders_raw"]
  }]

  script = <<-EOT
    from dataiku.scenario import Scenario
    Scenario().build_dataset("orders_prepared")
  EOT
}
