# Every project published to the Project Deployer.
list "dataiku_published_project" "all" {
  provider = dataiku
}
