# The team's folder on the DSS home page; the project is placed in it.
resource "dataiku_project_folder" "sales" {
  name = "Sales analytics (${local.project_key})"
}

# One project, owned by the platform, with the team's group granted access.
# permissions is authoritative: grants added in the DSS UI are removed by the
# next apply.
resource "dataiku_project" "sales" {
  project_key       = local.project_key
  name              = "Sales analytics (${var.environment})"
  short_description = "Orders and customers, managed by Terraform"
  description       = "Created by the Terraform quickstart. Edit the configuration, not this project's settings."
  tags              = local.common_tags
  project_folder_id = dataiku_project_folder.sales.id

  permissions = [
    {
      group                = var.owner_group
      read_project_content = true
      read_dashboards      = true
    },
    {
      group                 = dataiku_group.team.name
      read_project_content  = true
      write_project_content = true
      read_dashboards       = true
      run_scenarios         = true
    },
  ]

  # Project variables, an object: key order and number formatting never cause a diff.
  standard_variables = {
    environment     = var.environment
    warehouse       = var.warehouse_connection
    retention_days  = 30
    alert_recipient = "data-platform@example.com"
  }
  local_variables = jsonencode({})
}

# A managed dataset: DSS chooses where its files live on filesystem_managed.
resource "dataiku_dataset" "orders_prepared" {
  project_key     = dataiku_project.sales.project_key
  name            = "orders_prepared"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  managed         = true
  description     = "Orders after cleaning; written by a recipe."
  tags            = local.common_tags
}

# Files already on the landing connection, read as CSV with a declared
# schema.
resource "dataiku_dataset" "orders_raw" {
  project_key     = dataiku_project.sales.project_key
  name            = "orders_raw"
  type            = "Filesystem"
  connection_name = dataiku_connection.landing.name
  params = {
    path = "/orders"
  }
  format_type = "csv"
  format_params = {
    separator      = ","
    style          = "excel"
    parseHeaderRow = true
  }
  schema_columns = [
    { name = "order_id", type = "bigint", comment = "Primary key" },
    { name = "customer_id", type = "bigint" },
    { name = "ordered_at", type = "date" },
    { name = "amount", type = "double", comment = "In EUR" },
    { name = "status", type = "string", max_length = 32 },
  ]
  tags = local.common_tags
}

# A table of the warehouse, read through the instance's PostgreSQL connection.
resource "dataiku_dataset" "customers" {
  project_key     = dataiku_project.sales.project_key
  name            = "customers"
  type            = "PostgreSQL"
  connection_name = var.warehouse_connection
  params = {
    mode   = "table"
    schema = "public"
    table  = "customers"
  }
  description = "The CRM's customer table, replicated nightly."
  tags        = concat(local.common_tags, ["warehouse"])
}

# Read back what DSS has, as another configuration would.
data "dataiku_project" "sales" {
  project_key = dataiku_project.sales.project_key
}

data "dataiku_datasets" "sales" {
  project_key = dataiku_project.sales.project_key

  depends_on = [
    dataiku_dataset.orders_prepared,
    dataiku_dataset.orders_raw,
    dataiku_dataset.customers,
  ]
}

output "project" {
  description = "The quickstart project."
  value = {
    key   = dataiku_project.sales.project_key
    name  = dataiku_project.sales.name
    owner = data.dataiku_project.sales.owner
    tags  = data.dataiku_project.sales.tags
  }
}

output "datasets" {
  description = "The project's datasets, as DSS lists them: name => type and connection."
  value = {
    for d in data.dataiku_datasets.sales.datasets : d.name => {
      type       = d.type
      connection = d.connection_name
      managed    = d.managed
    }
  }
}

# A managed folder for the reports the pipeline exports; DSS generates its id
# and places it at /${projectKey}/${odbId} on filesystem_folders.
resource "dataiku_managed_folder" "reports" {
  project_key = dataiku_project.sales.project_key
  name        = "reports"
  description = "Weekly sales reports, exported by the pipeline."
  tags        = local.common_tags
}
