# Every deployment of the Project Deployer.
list "dataiku_project_deployment" "all" {
  provider = dataiku
}
