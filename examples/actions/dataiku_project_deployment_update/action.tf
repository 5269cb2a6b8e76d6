# Deploys a deployment's bundle again, e.g. after a change made by hand on
# the automation node (Terraform >= 1.14; needs a Project Deployer admin).
# On demand: terraform apply -invoke=action.dataiku_project_deployment_update.prod
action "dataiku_project_deployment_update" "prod" {
  config {
    deployment_id = "sales-on-prod"
    timeout       = "20m"
  }
}
