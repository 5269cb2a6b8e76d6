# The rules of one dataset: one request.
list "dataiku_data_quality_rule" "orders" {
  provider = dataiku
  config {
    project_key  = "SALES"
    dataset_name = "orders"
  }
}
