# Restarts a code studio, e.g. after its template was rebuilt, so that its
# pod runs the new image (Terraform >= 1.14).
# On demand: terraform apply -invoke=action.dataiku_code_studio_restart.ide
action "dataiku_code_studio_restart" "ide" {
  config {
    project_key    = "SALES"
    code_studio_id = "aB3dE5fG"
  }
}
