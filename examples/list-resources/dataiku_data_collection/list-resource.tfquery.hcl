# Every data collection the API key may see.
list "dataiku_data_collection" "all" {
  provider = dataiku
}
