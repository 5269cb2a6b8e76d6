# Needs the projects SALES and CRM, and CRM's dataset customers.
# The datasets of the Flow. DSS is never asked to create a recipe's
# outputs, so every output is declared.
resource "dataiku_dataset" "orders" {
  project_key     = "SALES"
  name            = "orders"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  params          = { path = "/orders" }
  format_type     = "csv"
}

resource "dataiku_dataset" "orders_clean" {
  project_key     = "SALES"
  name            = "orders_clean"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  managed         = true
}

resource "dataiku_dataset" "orders_enriched" {
  project_key     = "SALES"
  name            = "orders_enriched"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  managed         = true
}

# A Python recipe cleaning orders. Referring to the datasets' name
# attributes keeps the recipe right when a dataset is renamed in place.
resource "dataiku_recipe" "compute_orders_clean" {
  project_key = "SALES"
  name        = "compute_orders_clean"
  type        = "python"
  inputs      = { main = [{ ref = dataiku_dataset.orders.name }] }
  outputs     = { main = [{ ref = dataiku_dataset.orders_clean.name }] }
  script      = <<-EOT
    import dataiku
    df = dataiku.Dataset("orders").get_dataframe()
    dataiku.Dataset("orders_clean").write_with_schema(df.dropna())
  EOT
  params      = { envSelection = { envMode = "EXPLICIT_ENV", envName = "py311_pipeline" } }
  tags        = ["etl"]
}

# The CRM project shares its customers dataset with SALES: DSS lets a
# recipe of SALES read CRM.customers only then.
resource "dataiku_exposed_object" "crm_customers" {
  project_key = "CRM"
  type        = "DATASET"
  local_name  = "customers"
  targets     = [{ project_key = "SALES", appear_on_flow = true }]
}

# A visual join with another project's dataset, read through the exposure
# above (the reference orders the exposure first); only the keys written in
# payload are managed, DSS's other join settings are left as DSS fills them.
resource "dataiku_recipe" "join_orders_customers" {
  project_key = "SALES"
  name        = "join_orders_customers"
  type        = "join"
  inputs = { main = [
    { ref = dataiku_dataset.orders_clean.name },
    { ref = "CRM.${dataiku_exposed_object.crm_customers.local_name}" },
  ] }
  outputs = { main = [{ ref = dataiku_dataset.orders_enriched.name, append = false }] }
  payload = jsonencode({
    joins = [{
      table1 = 0, table2 = 1, type = "LEFT", conditionsMode = "AND"
      on     = [{ type = "EQ", column1 = { name = "customer_id", table = 0 }, column2 = { name = "id", table = 1 } }]
    }]
  })
}
