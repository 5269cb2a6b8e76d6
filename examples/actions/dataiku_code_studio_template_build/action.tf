# Rebuilds a code studio template without Docker's cache, e.g. after a DSS
# upgrade (Terraform >= 1.14; needs an admin key that acts as a user).
# On demand: terraform apply -invoke=action.dataiku_code_studio_template_build.vscode
action "dataiku_code_studio_template_build" "vscode" {
  config {
    template_id = "vscode"
    no_cache    = true
  }
}
