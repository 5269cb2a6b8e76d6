# Rebuilds two datasets as one DSS job and waits for it (Terraform >= 1.14).
# On demand: terraform apply -invoke=action.dataiku_dataset_build.orders
action "dataiku_dataset_build" "orders" {
  config {
    project_key = "SALES"
    datasets    = ["orders_clean", "orders_enriched"]
    job_type    = "RECURSIVE_FORCED_BUILD"
    timeout     = "1h"
  }
}
