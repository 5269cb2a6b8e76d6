# Read a recipe's settings, e.g. to check what a Flow builds.
data "dataiku_recipe" "compute_orders_clean" {
  project_key = "SALES"
  name        = "compute_orders_clean"
}

output "orders_clean_inputs" {
  value = data.dataiku_recipe.compute_orders_clean.inputs
}
