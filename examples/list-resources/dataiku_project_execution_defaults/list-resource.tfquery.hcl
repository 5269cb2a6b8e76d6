# The projects whose execution defaults are not all INHERIT, among those
# whose key starts with SALES.
list "dataiku_project_execution_defaults" "sales" {
  provider = dataiku
  config {
    project_key = "SALES*"
  }
}
