data "dataiku_project_git_status" "sales" {
  project_key = "SALES"
}

output "sales_git" {
  value = {
    branch = data.dataiku_project_git_status.sales.current_branch
    origin = lookup(data.dataiku_project_git_status.sales.remotes, "origin", null)
    ahead  = data.dataiku_project_git_status.sales.ahead
    behind = data.dataiku_project_git_status.sales.behind
  }
}
