list "dataiku_api_key" "all" {
  provider = dataiku
}
