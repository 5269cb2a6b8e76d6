data "dataiku_project_standards_scope" "platform" {
  name = "platform"
}

# A scope that runs the platform scope's checks on other projects.
resource "dataiku_project_standards_scope" "sales" {
  name     = "sales"
  checks   = data.dataiku_project_standards_scope.platform.checks
  projects = ["SALES"]
}
