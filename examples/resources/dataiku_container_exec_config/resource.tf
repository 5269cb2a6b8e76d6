resource "dataiku_container_exec_config" "jobs" {
  name             = "k8s-jobs"
  image_repository = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/dss"
  image_tag        = "dss-14-py311"
  namespace        = "dss-jobs"
  cpu_request      = "500m"
  cpu_limit        = "2"
  memory_request   = "1Gi"
  memory_limit     = "4Gi"
  usable_by        = "ALLOWED"
  allowed_groups   = ["data_scientists"]
  properties = {
    "dku.container.pod.serviceAccountName" = "dss-jobs"
  }
}

# The general settings' other keys stay with dataiku_instance_settings;
# containerSettings.executionConfigs is left to the resource above.
resource "dataiku_instance_settings" "this" {
  settings = jsonencode({
    containerSettings = { defaultExecutionConfig = dataiku_container_exec_config.jobs.name }
  })
}
