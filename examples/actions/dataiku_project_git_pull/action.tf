# Brings into the SALES project what was pushed to its remote from
# elsewhere, rebasing the project's own commits on it (Terraform >= 1.14).
# On demand: terraform apply -invoke=action.dataiku_project_git_pull.sales
action "dataiku_project_git_pull" "sales" {
  config {
    project_key = "SALES"
    branch      = "master"
  }
}
