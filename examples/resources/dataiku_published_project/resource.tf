# Created first, so that the bundle publishes into it.
resource "dataiku_published_project" "sales" {
  project_key = "SALES"
  permissions = jsonencode([
    { group = "release-managers", read = true, write = true, deploy = true, admin = false },
  ])
}

resource "dataiku_project_bundle" "release" {
  project_key           = "SALES"
  bundle_id             = "v1.2.0"
  publish               = true
  published_project_key = dataiku_published_project.sales.project_key
}
