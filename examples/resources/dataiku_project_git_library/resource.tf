resource "dataiku_project" "sales" {
  project_key = "SALES"
  name        = "Sales"
}

variable "git_token" {
  type      = string
  sensitive = true
}

# A shared Python package, checked out at a tag into the project's library
# and added to its Python path.
resource "dataiku_project_git_library" "utils" {
  project_key        = dataiku_project.sales.project_key
  path               = "python/shared_utils"
  repository         = "https://github.com/acme/dss-utils.git"
  checkout           = "v1.4.0"
  path_in_repository = "src"

  # An HTTPS repository's credentials: the login is kept in the state, the
  # token is write-only (Terraform 1.11+). Change the version to send a new
  # token.
  login               = "ci-bot"
  password_wo         = var.git_token
  password_wo_version = 1
}

# An SSH repository needs no credentials (DSS uses its own key). Its folder
# is kept when the resource is destroyed.
resource "dataiku_project_git_library" "templates" {
  project_key                 = dataiku_project.sales.project_key
  path                        = "templates"
  repository                  = "git@github.com:acme/report-templates.git"
  checkout                    = "main"
  add_to_python_path          = false
  delete_directory_on_destroy = false
}
