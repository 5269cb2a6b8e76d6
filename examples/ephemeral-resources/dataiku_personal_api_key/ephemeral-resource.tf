# A CI job's short-lived key for the service user "deployer": created when
# the run starts, deleted when it ends, and never in the plan or the state.
ephemeral "dataiku_personal_api_key" "ci" {
  user        = "deployer"
  label       = "ci-pipeline"
  description = "Deleted when the Terraform run ends"
}

# Hand it to a write-only argument: here, a connection that calls DSS's
# API as the deployer. Write-only arguments are never stored either, and
# the version tells Terraform when to send a new value.
resource "dataiku_connection" "dss_api" {
  name   = "dss_api"
  type   = "PostgreSQL"
  params = { host = "db.example.com", port = 5432, db = "audit", user = "deployer" }
  secret_params_wo = jsonencode({
    password = ephemeral.dataiku_personal_api_key.ci.secret
  })
  secret_params_wo_version = 1
}

# Or act as that user in a second provider block (provider settings are
# never stored in the state).
provider "dataiku" {
  alias   = "as_deployer"
  api_key = ephemeral.dataiku_personal_api_key.ci.secret
}
