# The team that works on the project: a DSS group, granted access in
# dataiku_project.sales. Capabilities not written keep DSS's defaults for a
# new group (members may write safe code, nothing more).
resource "dataiku_group" "team" {
  name        = "${lower(local.project_key)}_team"
  description = "Works on the ${local.project_key} project; managed by Terraform."
}

# A service key for the team's pipeline: it has exactly the team's rights
# (read and write the project's content), no admin right. Its secret is in
# the state (sensitive) and in the output below; store the state securely.
resource "dataiku_api_key" "pipeline" {
  label         = "${lower(local.project_key)}-pipeline"
  description   = "Runs the ${local.project_key} pipeline; managed by Terraform."
  groups        = [dataiku_group.team.name]
  lifetime_days = 365
}
