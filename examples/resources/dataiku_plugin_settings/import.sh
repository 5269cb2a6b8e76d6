# A plugin's settings are imported with the plugin's id.
terraform import dataiku_plugin_settings.geo geoadmin

# Terraform 1.12 and later can also name them by their identity:
# import {
#   to       = dataiku_plugin_settings.geo
#   identity = { plugin_id = "geoadmin" }
# }
