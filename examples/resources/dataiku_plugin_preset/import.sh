# Presets are imported with plugin_id/type/name. An import cannot know the
# secrets: set secret_config_wo and a version to send them.
terraform import dataiku_plugin_preset.prod geoadmin/parameter-set-geoadmin-credentials/prod

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_plugin_preset.prod
#   identity = { plugin_id = "geoadmin", type = "parameter-set-geoadmin-credentials", name = "prod" }
# }
