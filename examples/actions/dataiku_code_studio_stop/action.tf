# Stops a code studio at the end of the day, so that its pod frees the
# cluster (Terraform >= 1.14).
# On demand: terraform apply -invoke=action.dataiku_code_studio_stop.ide
action "dataiku_code_studio_stop" "ide" {
  config {
    project_key    = "SALES"
    code_studio_id = "aB3dE5fG"
  }
}
