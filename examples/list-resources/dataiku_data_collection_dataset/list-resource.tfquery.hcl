# The datasets of one data collection.
list "dataiku_data_collection_dataset" "sales" {
  provider = dataiku
  config {
    data_collection_id = "aB3dE5fG"
  }
}
