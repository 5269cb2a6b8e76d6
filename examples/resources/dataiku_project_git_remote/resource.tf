# Connect the SALES project's repository to GitHub, so that CI can push it
# with the dataiku_project_git_push action.
resource "dataiku_project_git_remote" "origin" {
  project_key = "SALES"
  url         = "git@github.com:acme/dss-sales.git"
}

# A second remote, e.g. a mirror.
resource "dataiku_project_git_remote" "mirror" {
  project_key = "SALES"
  name        = "mirror"
  url         = "https://gitlab.example.com/acme/dss-sales.git"
}
