# A quality gate: the project's Project Standards checks run before each
# new bundle is made, and an issue of severity HIGH or CRITICAL stops the
# apply (Terraform >= 1.14; DSS 14+).
# On demand: terraform apply -invoke=action.dataiku_project_standards_run.sales
resource "dataiku_project_bundle" "release" {
  project_key = "SALES"
  bundle_id   = "v42"

  lifecycle {
    action_trigger {
      events  = [before_create]
      actions = [action.dataiku_project_standards_run.sales]
    }
  }
}

action "dataiku_project_standards_run" "sales" {
  config {
    project_key = "SALES"
    fail_on     = "HIGH"
  }
}
