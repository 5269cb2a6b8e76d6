# A VS Code studio for the data scientist who works on the project, made
# from a template an administrator defined (dataiku_code_studio_templates
# lists them). The API key's user owns a new studio; owner gives it away.
resource "dataiku_code_studio" "vscode" {
  project_key = "SALES"
  name        = "Forecasting IDE"
  template_id = "vscode"
  owner       = "jane.doe"

  # Start it once it exists (Terraform >= 1.14): DSS creates studios stopped.
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.dataiku_code_studio_restart.vscode]
    }
  }
}

action "dataiku_code_studio_restart" "vscode" {
  config {
    project_key    = dataiku_code_studio.vscode.project_key
    code_studio_id = dataiku_code_studio.vscode.id
  }
}
