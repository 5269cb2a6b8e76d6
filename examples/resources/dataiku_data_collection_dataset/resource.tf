resource "dataiku_data_collection" "sales" {
  display_name = "Sales reference data"
}

# The SALES project's orders dataset, published in the collection.
resource "dataiku_data_collection_dataset" "orders" {
  data_collection_id = dataiku_data_collection.sales.id
  project_key        = "SALES"
  dataset_name       = "orders"
}
