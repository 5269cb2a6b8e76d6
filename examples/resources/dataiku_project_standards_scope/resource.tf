resource "dataiku_project_standards_check" "small_flows" {
  check_element_type = "my-standards-plugin_max-datasets"
  params = {
    threshold = 80
  }
}

# Projects tagged "finance" run this scope's checks; it comes first.
resource "dataiku_project_standards_scope" "finance" {
  name             = "finance"
  description      = "Finance projects"
  selection_method = "BY_TAG"
  tags             = ["finance"]
  checks           = [dataiku_project_standards_check.small_flows.id]
  position         = 0
}
