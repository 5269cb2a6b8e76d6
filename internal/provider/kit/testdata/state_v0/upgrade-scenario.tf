terraform {
  required_providers {
    dataiku = { source = "tf-dataiku/dataiku" }
  }
}
provider "dataiku" {}

resource "dataiku_project" "p" {
  project_key = "UPGSC"
  name        = "Upgrade scenario reporters"
}

resource "dataiku_scenario" "s" {
  project_key = dataiku_project.p.project_key
  name        = "Nightly"
  type        = "step_based"
  reporters = jsonencode([{
    id = "rep1", active = true, name = "Mail the team", phase = "END"
    messaging = { type = "mail-scenario", configuration = { recipient = "team@example.com", retries = 2 } }
  }])
}
