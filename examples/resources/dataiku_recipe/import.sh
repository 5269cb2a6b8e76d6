# Recipes are imported with PROJECT_KEY.recipe_name.
terraform import dataiku_recipe.compute_orders_clean SALES.compute_orders_clean
