# A global key with the rights of the "deployers" group for this run only:
# Terraform deletes it when the run ends, and DSS retires it after a day
# even if the run is killed first.
ephemeral "dataiku_api_key" "deploy" {
  label  = "release-pipeline"
  groups = ["deployers"]
}

# Give it to another provider block, e.g. one acting on the automation node.
provider "dataiku" {
  alias   = "automation"
  host    = "https://automation.example.com"
  api_key = ephemeral.dataiku_api_key.deploy.secret
}
