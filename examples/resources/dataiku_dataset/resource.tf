# Files on a filesystem connection, read as CSV with a declared schema.
resource "dataiku_dataset" "orders_files" {
  project_key     = "SALES"
  name            = "orders_raw"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = { path = "/landing/orders" }
  format_type     = "csv"
  format_params   = { separator = ",", parseHeaderRow = true }
  description     = "Orders as dropped by the ERP export."
  tags            = ["raw", "erp"]

  schema_columns = [
    { name = "order_id", type = "bigint" },
    { name = "customer", type = "string", max_length = 200 },
    { name = "amount", type = "double", comment = "In EUR" },
    { name = "ordered_at", type = "date" },
  ]

  partitioning = {
    dimensions        = [{ name = "day", type = "time", period = "DAY" }]
    file_path_pattern = "%Y/%M/%D/.*"
  }
}

# An existing SQL table.
resource "dataiku_dataset" "customers_table" {
  project_key     = "SALES"
  name            = "customers"
  type            = "PostgreSQL"
  connection_name = "pg_warehouse"
  params          = { mode = "table", schema = "crm", table = "customers" }
  tags            = ["curated"]

  # Metrics DSS computes after each build, and a check on one of them.
  metrics = {
    probes = [
      { type = "basic" },
      { type = "records", compute_on_build_mode = "WHOLE_DATASET" },
      { type = "col_stats", configuration = jsonencode({ aggregates = [{ column = "lifetime_value", function = "AVG" }] }) },
    ]
  }
  checks = [{
    type          = "numericRange"
    name          = "Some customers"
    configuration = jsonencode({ metricId = "records:COUNT_RECORDS", minimum = 1, minimumEnabled = true })
  }]
}

# A SQL query dataset.
resource "dataiku_dataset" "big_customers" {
  project_key     = "SALES"
  name            = "big_customers"
  type            = "PostgreSQL"
  connection_name = "pg_warehouse"
  params = {
    mode  = "query"
    query = "SELECT * FROM crm.customers WHERE lifetime_value > 10000"
  }
  short_description = "Customers above 10k lifetime value"
}

# A managed dataset: DSS chooses where its files go on the connection.
resource "dataiku_dataset" "orders_prepared" {
  project_key          = "SALES"
  name                 = "orders_prepared"
  type                 = "Filesystem"
  connection_name      = "filesystem_managed"
  managed              = true
  format_type          = "parquet"
  drop_data_on_destroy = true
}
