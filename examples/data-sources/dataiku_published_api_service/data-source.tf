# Deploy the newest version published to the API Deployer.
data "dataiku_published_api_service" "churn" {
  service_id = "churn-scoring"
}

output "newest_churn_version" {
  value = element(data.dataiku_published_api_service.churn.versions, length(data.dataiku_published_api_service.churn.versions) - 1)
}
