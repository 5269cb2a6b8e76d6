# Every scenario of a project, sorted by id.
data "dataiku_scenarios" "all" {
  project_key = "SALES"
}

output "active_scenarios" {
  value = [for s in data.dataiku_scenarios.all.scenarios : s.id if s.active]
}
