# List a project's recipes with their inputs and outputs.
data "dataiku_recipes" "sales" {
  project_key = "SALES"
}

output "recipe_names" {
  value = [for r in data.dataiku_recipes.sales.recipes : r.name]
}
