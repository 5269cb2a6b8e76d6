resource "dataiku_api_deployer_infra" "prod" {
  id    = "api-prod"
  stage = "Production"
  type  = "STATIC"
  api_nodes = [
    { url = "https://api-node-1.example.com:12000" },
  ]
  api_node_keys_wo         = { "https://api-node-1.example.com:12000" = var.api_node_key }
  api_node_keys_wo_version = 1
}

resource "dataiku_published_api_service" "churn" {
  service_id = "churn-scoring"
}

# Serves version v3 of the service on the production API nodes; a new
# version is a change of `version`, deployed in place.
resource "dataiku_api_deployment" "churn_prod" {
  id         = "churn-scoring-on-prod"
  service_id = dataiku_published_api_service.churn.service_id
  infra_id   = dataiku_api_deployer_infra.prod.id
  version    = "v3"
  settings   = { tags = ["prod"] }
}

variable "api_node_key" {
  type      = string
  sensitive = true
}
