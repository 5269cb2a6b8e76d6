data "dataiku_project_standards_scopes" "all" {}

# The scopes in DSS's order: a project runs the checks of the first one that selects it.
output "scope_order" {
  value = [for s in data.dataiku_project_standards_scopes.all.scopes : s.name]
}
