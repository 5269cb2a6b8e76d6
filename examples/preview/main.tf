# A per-branch preview project: CI applies this configuration with the
# branch's name, and gets a copy of the SALES project (its datasets,
# recipes, scenarios, settings and variables) under SALES_<BRANCH>, on the
# preview connection, tagged preview, that the CI team can work in.
# `terraform destroy` with the same branch removes the copy; SALES is
# never changed.

provider "dataiku" {
  host    = var.dss_host
  api_key = var.dss_api_key
}

resource "dataiku_project" "preview" {
  project_key = "SALES_${upper(var.branch)}"
  name        = "Sales (preview of ${var.branch})"
  description = "Preview of branch ${var.branch}, duplicated from SALES."
  tags        = ["preview"]

  permissions = [
    { group = var.ci_group, read_project_content = true, write_project_content = true, run_scenarios = true },
  ]

  # Create-time only: DSS keeps no record of it, and the copy is never
  # duplicated again while it exists.
  duplicate_from = {
    project_key          = "SALES"
    connection_remapping = var.connection_remapping
  }

  # A preview's data is throw-away.
  delete_managed_data = true
}

output "preview_project_key" {
  value = dataiku_project.preview.project_key
}
