# The platform team owns the SALES project and leaves its permissions
# unset (not authoritative); each team's module grants its own group.
resource "dataiku_project_grant" "analysts" {
  project_key          = "SALES"
  group                = "analysts"
  read_project_content = true
  read_dashboards      = true
  run_scenarios        = true
}

# A grant for one user: every flag not set is false.
resource "dataiku_project_grant" "jdoe" {
  project_key           = "SALES"
  user                  = "jdoe"
  read_project_content  = true
  write_project_content = true
}
