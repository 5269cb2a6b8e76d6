# A governed project: placed in a folder, granted to groups by role, with
# its variables, Flow zones and default Python env. The grants are
# authoritative: a grant added in DSS's UI shows as drift and the next
# apply removes it.

locals {
  # The rights each role grants. A group named in several roles gets the
  # strongest (admins over contributors over readers): DSS holds one grant
  # per group.
  role_rights = {
    reader = { read_project_content = true, read_dashboards = true }
    contributor = {
      read_project_content  = true
      read_dashboards       = true
      write_project_content = true
      write_dashboards      = true
      run_scenarios         = true
      export_datasets_data  = true
    }
    admin = { admin = true }
  }
  role_of = merge(
    { for g in var.readers : g => "reader" },
    { for g in var.contributors : g => "contributor" },
    { for g in var.admins : g => "admin" },
  )
}

resource "dataiku_project" "this" {
  project_key       = var.project_key
  name              = var.name
  short_description = var.short_description
  description       = var.description
  tags              = var.tags
  project_folder_id = var.folder_id

  permissions = [for group, role in local.role_of : merge({ group = group }, local.role_rights[role])]

  standard_variables = var.variables

  deletion_protection = var.deletion_protection
}

resource "dataiku_flow_zone" "zone" {
  for_each = var.zones

  project_key = dataiku_project.this.project_key
  name        = each.key
  color       = each.value
}

resource "dataiku_project_execution_defaults" "this" {
  count = var.python_env_name == null ? 0 : 1

  project_key     = dataiku_project.this.project_key
  python_env_mode = "EXPLICIT_ENV"
  python_env_name = var.python_env_name
}
