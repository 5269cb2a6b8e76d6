# Runs DSS's instance sanity check whenever the general settings change,
# and fails the apply on an error it finds (Terraform >= 1.14; needs an
# admin key). On demand:
# terraform apply -invoke=action.dataiku_instance_sanity_check.health
resource "dataiku_instance_settings" "this" {
  settings = {
    maxRunningActivities = 8
  }

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.dataiku_instance_sanity_check.health]
    }
  }
}

action "dataiku_instance_sanity_check" "health" {
  config {
    # A known warning, accepted until the disk is resized.
    exclusions = ["INSTANCE_DISK_SPACE"]
    fail_on    = "ERROR"
  }
}
