# A service of the API Deployer, with who may deploy it. Its versions are
# published from the design node's API service, or uploaded.
resource "dataiku_published_api_service" "churn" {
  service_id = "churn-scoring"
  permissions = jsonencode([
    { group = "ml-ops", read = true, write = true, deploy = true, admin = false },
  ])
  settings = { basicInfo = { name = "Churn scoring" } }
}
