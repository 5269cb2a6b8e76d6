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
