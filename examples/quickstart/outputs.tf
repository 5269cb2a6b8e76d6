output "dss" {
  description = "The DSS instance this configuration was applied to."
  value = {
    host        = data.dataiku_instance.this.host
    dss_version = data.dataiku_instance.this.dss_version
    connected   = data.dataiku_instance.this.auth_identifier
  }
}

output "environment" {
  description = "The environment the configuration targets."
  value       = var.environment
}

output "pipeline_key" {
  description = "The pipeline's service key: its id, and its secret (sensitive: terraform output -raw pipeline_key_secret)."
  value = {
    id         = dataiku_api_key.pipeline.id
    label      = dataiku_api_key.pipeline.label
    expires_on = dataiku_api_key.pipeline.expires_on
  }
}

output "pipeline_key_secret" {
  description = "The pipeline key's secret, for the pipeline's DATAIKU_API_KEY."
  value       = dataiku_api_key.pipeline.secret
  sensitive   = true
}
