data "dataiku_project_standards_check_specs" "all" {}

output "check_element_types" {
  value = [for s in data.dataiku_project_standards_check_specs.all.check_specs : s.element_type]
}
