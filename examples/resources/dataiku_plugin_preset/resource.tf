variable "geo_api_key" {
  type      = string
  sensitive = true
}

resource "dataiku_plugin_preset" "prod" {
  plugin_id   = "geoadmin"
  type        = "parameter-set-geoadmin-credentials"
  name        = "prod"
  config      = { endpoint = "https://api.example.com" }
  permissions = ["analysts"]

  # Write-only (Terraform 1.11+): change the version to send a new key.
  secret_config_wo         = jsonencode({ api_key = var.geo_api_key })
  secret_config_wo_version = 1
}
