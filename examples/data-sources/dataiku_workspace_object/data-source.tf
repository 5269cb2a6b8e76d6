# An object of the platform team's workspace, by the workspace's key and
# the id DSS gave the object.
data "dataiku_workspace_object" "handbook" {
  workspace_key = "PLATFORM"
  id            = "aB3dE5fG"
}

# The same link, shared to the team's own workspace.
resource "dataiku_workspace_object" "handbook" {
  workspace_key = "SALES"
  html_link     = data.dataiku_workspace_object.handbook.html_link
}
