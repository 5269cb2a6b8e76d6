# A check the platform team manages, named by the id DSS gave it.
data "dataiku_project_standards_check" "max_datasets" {
  id = "aB3dE5fG"
}

# The team's own scope runs it on the team's projects.
resource "dataiku_project_standards_scope" "sales" {
  name     = "sales"
  checks   = [data.dataiku_project_standards_check.max_datasets.id]
  projects = ["SALES"]
}
