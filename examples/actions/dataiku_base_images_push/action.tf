# Pushes DSS's base images to the registry of each containerized execution
# config whenever the config is created or changed (Terraform >= 1.14;
# needs an admin key). On demand:
# terraform apply -invoke=action.dataiku_base_images_push.after_config
resource "dataiku_container_exec_config" "k8s" {
  name             = "k8s-default"
  namespace        = "dss-jobs"
  image_repository = "registry.example.com/dss"

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.dataiku_base_images_push.after_config]
    }
  }
}

action "dataiku_base_images_push" "after_config" {}
