# Every deployment of the API Deployer.
list "dataiku_api_deployment" "all" {
  provider = dataiku
}
