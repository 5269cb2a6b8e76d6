# A check made of a check spec DSS knows (see dataiku_project_standards_check_specs).
resource "dataiku_project_standards_check" "small_flows" {
  check_element_type = "my-standards-plugin_max-datasets"
  name               = "At most 80 datasets"
  description        = "Large flows are split into projects."
  params = {
    threshold = 80
  }
  tags = ["flow"]
}
