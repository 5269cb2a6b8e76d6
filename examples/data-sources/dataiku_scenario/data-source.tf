# One scenario's settings, by id.
data "dataiku_scenario" "nightly" {
  project_key = "SALES"
  id          = "Nightly_build"
}

output "nightly_schedule" {
  value = data.dataiku_scenario.nightly.triggers
}
