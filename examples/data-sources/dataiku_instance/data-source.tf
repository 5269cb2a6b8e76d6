# Which DSS, and which user, the provider is connected as.
data "dataiku_instance" "current" {}

# Refuse to run against the wrong instance.
check "automation_instance" {
  assert {
    condition     = startswith(data.dataiku_instance.current.host, "https://automation.")
    error_message = "This configuration targets the automation instance, not ${data.dataiku_instance.current.host}."
  }
}

output "dss_version" {
  value = data.dataiku_instance.current.dss_version
}
