variable "warehouse_password" {
  type      = string
  sensitive = true
}

# A PostgreSQL connection. The password is write-only (Terraform 1.11 or
# later): sent when the connection is created, never stored in the plan or
# the state; DSS keeps it encrypted. To rotate it, change the password and
# increment secret_params_wo_version.
resource "dataiku_connection" "warehouse" {
  name        = "warehouse"
  type        = "PostgreSQL"
  description = "Sales warehouse"
  params = {
    host = "db.example.com"
    port = 5432
    db   = "sales"
    user = "dss"
  }
  secret_params_wo = jsonencode({
    password = var.warehouse_password
  })
  secret_params_wo_version = 1

  # Only the analysts may create datasets on it.
  usable_by      = "ALLOWED"
  allowed_groups = ["analysts"]
  max_activities = 4
}

# A file-system connection for managed datasets and folders, usable by all.
resource "dataiku_connection" "shared_files" {
  name   = "shared_files"
  type   = "Filesystem"
  params = { root = "/data/shared" }
}

# A managed folder on the connection, created in the same apply.
resource "dataiku_managed_folder" "exports" {
  project_key     = "SALES"
  name            = "exports"
  connection_name = dataiku_connection.shared_files.name
}
