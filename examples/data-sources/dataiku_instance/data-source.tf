# Which DSS, and which user, the provider is connected as.
data "dataiku_instance" "current" {}

# Refuse to run against the wrong instance.
check "automation_instance" {
  assert {
    condition     = data.dataiku_instance.current.node_type == "AUTOMATION"
    error_message = "This configuration targets an automation node, not the ${coalesce(data.dataiku_instance.current.node_type, "unknown")} node at ${data.dataiku_instance.current.host}."
  }
}

output "dss_version" {
  value = data.dataiku_instance.current.dss_version
}

# The user profiles the licence allows (null unless the API key is an admin's).
output "licensed_profiles" {
  value = data.dataiku_instance.current.licensed_profiles
}
