data "dataiku_project" "sales" {
  project_key = "SALES"
  # Variables are read only when asked, since local variables may hold secrets.
  include_variables = false
}

output "sales_owner" {
  value = data.dataiku_project.sales.owner
}
