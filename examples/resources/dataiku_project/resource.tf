resource "dataiku_project" "sales" {
  project_key       = "SALES"
  name              = "Sales analytics"
  short_description = "Weekly sales dashboards"
  description       = "Owned by the data platform team. Changes go through the infrastructure repository."
  tags              = ["sales", "production"]
  project_folder_id = "ROOT"

  # Authoritative: DSS ends up with exactly these grants.
  permissions = [
    { group = "analysts", read_project_content = true, read_dashboards = true },
    { group = "data_team", write_project_content = true, run_scenarios = true },
    { user = "alice", admin = true },
  ]

  standard_variables = { env = "prod", retention_days = 30 }
  local_variables    = jsonencode({ api_token = var.sales_api_token })

  delete_managed_data = false
}

variable "sales_api_token" {
  type      = string
  sensitive = true
}
