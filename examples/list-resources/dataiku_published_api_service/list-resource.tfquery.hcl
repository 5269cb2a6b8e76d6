# Every API service published to the API Deployer.
list "dataiku_published_api_service" "all" {
  provider = dataiku
}
