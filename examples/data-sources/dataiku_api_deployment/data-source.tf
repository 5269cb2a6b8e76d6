data "dataiku_api_deployment" "churn_prod" {
  id = "churn-scoring-on-prod"
}

output "churn_prod_health" {
  value = "${data.dataiku_api_deployment.churn_prod.version}: ${data.dataiku_api_deployment.churn_prod.health}"
}

# Where clients call the service: one base URL per API node (empty while
# DSS has none yet); an endpoint's URL adds "/<endpoint id>/predict".
output "churn_prod_predict_urls" {
  value = [for u in data.dataiku_api_deployment.churn_prod.service_urls : "${u}/churn/predict"]
}
