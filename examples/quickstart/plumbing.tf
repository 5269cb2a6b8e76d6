# Where the team's landing files are read from: a file-system connection,
# created with the project and usable by the team's group only. DSS's
# defaults not written here (allow_write, max_activities, ...) are part of
# the plan, so a change made in the DSS UI shows as drift.
resource "dataiku_connection" "landing" {
  name           = "${lower(local.project_key)}_landing"
  type           = "Filesystem"
  description    = "Landing zone of the ${local.project_key} project; managed by Terraform."
  params         = { root = "/data/landing" }
  usable_by      = "ALLOWED"
  allowed_groups = [dataiku_group.team.name]
}

# The Python environment the project's recipes run in. DSS builds it from
# the requirement lines; changing them rebuilds it in place. The team may
# use it; the build gets 30 minutes.
resource "dataiku_code_env" "pipeline" {
  lang               = "PYTHON"
  name               = "${lower(local.project_key)}-py"
  python_interpreter = "PYTHON310"
  packages = [
    "pandas>=2.0,<3",
    "requests",
  ]

  permissions = [
    { group = dataiku_group.team.name, use = true, update = false, manage_users = false },
  ]

  timeouts {
    create = "30m"
    update = "30m"
  }
}
