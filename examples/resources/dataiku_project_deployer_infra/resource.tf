variable "automation_admin_key" {
  type      = string
  sensitive = true
}

resource "dataiku_project_deployer_infra" "prod" {
  id                  = "prod"
  stage               = "Production"
  automation_node_url = "https://automation.example.com:11200"
  govern_check_policy = "NO_CHECK"

  # Write-only: never in the plan or the state. Bump the version to send a
  # rotated key.
  api_key_wo         = var.automation_admin_key
  api_key_wo_version = 1

  permissions = jsonencode([
    { group = "release-managers", read = true, deploy = true, admin = false },
  ])
  settings = { trustAllSSLCertificates = false }
}
