variable "scoring_version" {
  type    = string
  default = "v1.2.0"
}

# One package per release of the project's API service "scoring" (its
# endpoints made in the API Designer): bumping var.scoring_version packages
# the service again and publishes the new version to the API Deployer's
# service "scoring", where a dataiku_api_deployment can deploy it.
resource "dataiku_api_service_package" "scoring" {
  project_key     = "SALES"
  service_id      = "scoring"
  package_id      = var.scoring_version
  release_notes   = "Retrained on the last quarter"
  publish         = true
  keep_on_destroy = true

  lifecycle {
    create_before_destroy = true
  }
}

resource "dataiku_api_deployment" "scoring_prod" {
  id         = "scoring-on-prod"
  service_id = "scoring"
  infra_id   = "api-prod"
  version    = dataiku_api_service_package.scoring.package_id
}
