# Read the SALES project's default Python env, e.g. to pin a recipe to it.
data "dataiku_project_execution_defaults" "sales" {
  project_key = "SALES"
}

output "sales_python_env" {
  value = data.dataiku_project_execution_defaults.sales.python_env_name
}
