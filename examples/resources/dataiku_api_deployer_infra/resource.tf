variable "api_node_admin_keys" {
  description = "Admin API keys of the API nodes, by node URL."
  type        = map(string)
  sensitive   = true
}

# A static infrastructure: API nodes DSS deploys services to.
resource "dataiku_api_deployer_infra" "static_prod" {
  id    = "api-prod"
  stage = "Production"
  type  = "STATIC"

  api_nodes = [
    { url = "https://api-node-1.example.com:12000", graphite_prefix = "prod.node1" },
    { url = "https://api-node-2.example.com:12000" },
  ]
  # Write-only: never in the plan or the state. A new node's key is sent
  # when the node is added; bump the version to send rotated keys.
  api_node_keys_wo         = var.api_node_admin_keys
  api_node_keys_wo_version = 1

  permissions = jsonencode([
    { group = "ml-ops", read = true, deploy = true, admin = false },
  ])
}

# A Kubernetes infrastructure: its cluster settings (context, namespace,
# registry, ...) go in settings, under the names DSS gives them in the
# infrastructure's settings document (GET /api-deployer/infras/{id}/settings);
# only the keys named here are managed.
resource "dataiku_api_deployer_infra" "k8s_test" {
  id                  = "api-k8s-test"
  stage               = "Test"
  type                = "K8S"
  govern_check_policy = "WARN"

  settings = {
    k8sContext   = "test-cluster"
    registryHost = "registry.example.com/dss"
  }
}
