terraform {
  required_providers {
    dataiku = {
      source  = "tf-dataiku/dataiku"
      version = "~> 0.1"
    }
  }
}

# Every setting is optional. Without them the provider reads DATAIKU_HOST and
# DATAIKU_API_KEY, then DKU_DSS_URL and DKU_API_KEY, then
# ~/.dataiku/config.json.
provider "dataiku" {
  host    = "https://dss.example.com:11200"
  api_key = var.dataiku_api_key

  # A DSS whose certificate is issued by a private certificate authority.
  ca_cert_file = "/etc/ssl/certs/corp-ca.pem"

  # Retries of 429/502/503/504 answers and network failures.
  max_retries             = 5
  request_timeout_seconds = 60
}

variable "dataiku_api_key" {
  type        = string
  sensitive   = true
  description = "DSS API key; pass it with TF_VAR_dataiku_api_key, never in a file."
}
