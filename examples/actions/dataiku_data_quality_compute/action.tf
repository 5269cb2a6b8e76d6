# Computes the rules of orders_clean and fails on any rule in ERROR or
# WARNING (Terraform >= 1.14).
# On demand: terraform apply -invoke=action.dataiku_data_quality_compute.orders_clean
action "dataiku_data_quality_compute" "orders_clean" {
  config {
    project_key  = "SALES"
    dataset_name = "orders_clean"
    fail_on      = "WARNING"
  }
}
