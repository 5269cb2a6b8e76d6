# The Kubernetes infrastructure of the API Deployer, managed by the
# platform team's configuration: the plan fails if it does not exist.
data "dataiku_api_deployer_infra" "k8s_prod" {
  id = "k8s-prod"
}

resource "dataiku_api_deployment" "churn_prod" {
  id         = "churn-on-k8s-prod"
  service_id = "churn"
  infra_id   = data.dataiku_api_deployer_infra.k8s_prod.id
  version    = "v3"
}

output "k8s_prod_stage" {
  value = data.dataiku_api_deployer_infra.k8s_prod.stage
}
