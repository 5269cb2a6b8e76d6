# Every infrastructure of the Project Deployer.
list "dataiku_project_deployer_infra" "all" {
  provider = dataiku
}
