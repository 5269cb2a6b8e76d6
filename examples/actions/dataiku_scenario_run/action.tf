# Runs the smoke-test scenario and waits for it (Terraform >= 1.14).
# On demand:   terraform apply -invoke=action.dataiku_scenario_run.smoke
# Or after a change, from a resource's lifecycle (below).
action "dataiku_scenario_run" "smoke" {
  config {
    project_key = "SALES"
    scenario_id = "SMOKE_TEST"
    params      = { release = "2024.06" }
    timeout     = "20m"
    fail_on     = "WARNING"
  }
}

# Runs it after every deployment of a new release.
resource "terraform_data" "release" {
  input = "2024.06"
  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.dataiku_scenario_run.smoke]
    }
  }
}
