# Rebuilds the containerized engine's image after a plugin is installed or
# updated (Terraform >= 1.14; needs an admin key).
resource "dataiku_plugin" "geo" {
  plugin_id     = "geoadmin"
  store_version = "1.3.0"

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.dataiku_cde_plugins_image_build.plugins]
    }
  }
}

action "dataiku_cde_plugins_image_build" "plugins" {}
