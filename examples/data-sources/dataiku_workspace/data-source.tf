data "dataiku_workspace" "sales" {
  workspace_key = "SALES"
}

output "sales_workspace_name" {
  value = data.dataiku_workspace.sales.display_name
}
