# Rebuilds a code env from scratch, e.g. after a base image change
# (Terraform >= 1.14; needs an admin key).
# On demand: terraform apply -invoke=action.dataiku_code_env_update.pipeline
action "dataiku_code_env_update" "pipeline" {
  config {
    name          = "py311_pipeline"
    lang          = "PYTHON"
    force_rebuild = true
  }
}
