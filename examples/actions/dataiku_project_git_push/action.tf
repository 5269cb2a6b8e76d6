# Commits the SALES project's pending changes and pushes them to its
# remote after each release of the project's configuration (Terraform >= 1.14).
# On demand: terraform apply -invoke=action.dataiku_project_git_push.sales
action "dataiku_project_git_push" "sales" {
  config {
    project_key    = "SALES"
    commit_message = "Release applied by Terraform"
  }
}

resource "terraform_data" "sales_release" {
  input = "2026.12"
  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.dataiku_project_git_push.sales]
    }
  }
}
