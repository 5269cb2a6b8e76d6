# The Flow: orders_raw -> prepare_orders (Python) -> orders_prepared,
# then orders_prepared + customers -> join_customers (visual join) ->
# orders_enriched, rebuilt every night by a scenario. Every recipe output
# is declared here: DSS is never asked to create one behind Terraform.

resource "dataiku_dataset" "orders_enriched" {
  project_key     = dataiku_project.sales.project_key
  name            = "orders_enriched"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  managed         = true
  description     = "Orders with their customer; written by the join recipe."
  tags            = local.common_tags
}

# Referring to the datasets' name attributes keeps the recipes right when
# a dataset is renamed in place.
resource "dataiku_recipe" "prepare_orders" {
  project_key = dataiku_project.sales.project_key
  name        = "prepare_orders"
  type        = "python"
  inputs      = { main = [{ ref = dataiku_dataset.orders_raw.name }] }
  outputs     = { main = [{ ref = dataiku_dataset.orders_prepared.name }] }
  script      = <<-EOT
    import dataiku
    orders = dataiku.Dataset("${dataiku_dataset.orders_raw.name}").get_dataframe()
    orders = orders[orders["status"] != "cancelled"]
    dataiku.Dataset("${dataiku_dataset.orders_prepared.name}").write_with_schema(orders)
  EOT
  tags        = local.common_tags
}

# A visual join: only the keys written in payload are managed; DSS fills
# the rest of the join's settings.
resource "dataiku_recipe" "join_customers" {
  project_key = dataiku_project.sales.project_key
  name        = "join_customers"
  type        = "join"
  inputs = { main = [
    { ref = dataiku_dataset.orders_prepared.name },
    { ref = dataiku_dataset.customers.name },
  ] }
  outputs = { main = [{ ref = dataiku_dataset.orders_enriched.name }] }
  payload = jsonencode({
    joins = [{
      table1 = 0, table2 = 1, type = "LEFT", conditionsMode = "AND"
      on     = [{ type = "EQ", column1 = { name = "customer_id", table = 0 }, column2 = { name = "id", table = 1 } }]
    }]
  })
  tags = local.common_tags
}

# Every night at 02:30, rebuild the enriched orders (and what they need).
resource "dataiku_scenario" "nightly" {
  project_key = dataiku_project.sales.project_key
  name        = "Nightly build"
  type        = "step_based"
  active      = true
  description = "Rebuilds the enriched orders every night."

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
    name = "build the enriched orders"
    params = jsonencode({
      builds  = [{ type = "DATASET", itemId = dataiku_recipe.join_customers.outputs.main[0].ref, partitionsSpec = "" }]
      jobType = "RECURSIVE_BUILD"
    })
  }]
}

# Two zones splitting the Flow: what comes in, and what is computed.
resource "dataiku_flow_zone" "ingestion" {
  project_key = dataiku_project.sales.project_key
  name        = "Ingestion"
  color       = "#2ab1ac"
  items = [
    { type = "DATASET", id = dataiku_dataset.orders_raw.name },
    { type = "DATASET", id = dataiku_dataset.customers.name },
  ]
}

resource "dataiku_flow_zone" "preparation" {
  project_key = dataiku_project.sales.project_key
  name        = "Preparation"
  color       = "#f29d1b"
  items = [
    { type = "RECIPE", id = dataiku_recipe.prepare_orders.name },
    { type = "DATASET", id = dataiku_dataset.orders_prepared.name },
    { type = "RECIPE", id = dataiku_recipe.join_customers.name },
    { type = "DATASET", id = dataiku_dataset.orders_enriched.name },
  ]
}
