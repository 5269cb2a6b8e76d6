# Imports a bundle archive exported from the design node into an automation
# node and activates it, without the Project Deployer (Terraform >= 1.14).
# The action runs against the automation node's provider (an alias).
# On demand: terraform apply -invoke=action.dataiku_bundle_activate.sales
provider "dataiku" {
  alias = "automation"
  host  = "https://automation.example.com"
}

action "dataiku_bundle_activate" "sales" {
  provider = dataiku.automation
  config {
    project_key  = "SALES"
    bundle_id    = "v1"
    archive_path = "${path.module}/bundles/SALES-v1.zip"
  }
}
