resource "dataiku_project_standards_check" "described" {
  check_element_type = "my-standards-plugin_project-description"
}

# Every project that no dataiku_project_standards_scope selects runs these
# checks. There is one default scope per DSS instance.
resource "dataiku_project_standards_default_scope" "this" {
  checks = [dataiku_project_standards_check.described.id]
}
