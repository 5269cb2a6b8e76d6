# Recipes are imported with PROJECT_KEY.recipe_name.
# With an import block and `terraform plan -generate-config-out`, a code
# recipe's code lands in script and a visual recipe's settings in payload;
# a type the provider does not list (a plugin's) gets payload when DSS holds
# a JSON object there, script otherwise.
terraform import dataiku_recipe.compute_orders_clean SALES.compute_orders_clean

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_recipe.compute_orders_clean
#   identity = { project_key = "SALES", name = "compute_orders_clean" }
# }
