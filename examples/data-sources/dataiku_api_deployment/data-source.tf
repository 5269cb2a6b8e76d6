data "dataiku_api_deployment" "churn_prod" {
  id = "churn-scoring-on-prod"
}

output "churn_prod_health" {
  value = "${data.dataiku_api_deployment.churn_prod.version}: ${data.dataiku_api_deployment.churn_prod.health}"
}
