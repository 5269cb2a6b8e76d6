# The SALES project shares its orders dataset with two reporting projects;
# REPORTING also shows it on its Flow.
resource "dataiku_exposed_object" "orders" {
  project_key = "SALES"
  type        = "DATASET"
  local_name  = "orders"
  targets = [
    { project_key = "REPORTING", appear_on_flow = true },
    { project_key = "FINANCE", appear_on_flow = false },
  ]
}

# A managed folder is exposed by its id, and quick sharing lets every user
# who can see it use it in their own projects.
resource "dataiku_exposed_object" "models" {
  project_key           = "SALES"
  type                  = "MANAGED_FOLDER"
  local_name            = "aB3dE5fG"
  quick_sharing_enabled = true
}

# A recipe of REPORTING reads SALES.orders: it depends on the exposure, so
# Terraform creates the exposure first and destroys it last.
resource "dataiku_recipe" "orders_copy" {
  project_key = "REPORTING"
  name        = "copy_orders"
  type        = "sync"
  inputs      = { main = [{ ref = "SALES.${dataiku_exposed_object.orders.local_name}" }] }
  outputs     = { main = [{ ref = "orders_copy" }] }
}
