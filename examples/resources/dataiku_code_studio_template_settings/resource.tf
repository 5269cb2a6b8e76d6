# The VS Code template (made in DSS's administration pages) builds its
# images for two containerized execution configs only, and is rebuilt
# whenever that choice changes (the action needs Terraform >= 1.14 and an
# admin key that acts as a user).
resource "dataiku_container_exec_config" "small" {
  name      = "k8s-small"
  namespace = "dss-jobs"
}

resource "dataiku_container_exec_config" "gpu" {
  name      = "k8s-gpu"
  namespace = "dss-gpu"
}

resource "dataiku_code_studio_template_settings" "vscode" {
  template_id = "vscode"
  container_confs = [
    dataiku_container_exec_config.small.name,
    dataiku_container_exec_config.gpu.name,
  ]

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.dataiku_code_studio_template_build.vscode]
    }
  }
}

action "dataiku_code_studio_template_build" "vscode" {
  config {
    template_id = dataiku_code_studio_template_settings.vscode.template_id
  }
}

# A template built for every config, including those added later.
resource "dataiku_code_studio_template_settings" "jupyter" {
  template_id         = "jupyter"
  all_container_confs = true
}
