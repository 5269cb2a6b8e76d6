# Every infrastructure of the API Deployer.
list "dataiku_api_deployer_infra" "all" {
  provider = dataiku
}
