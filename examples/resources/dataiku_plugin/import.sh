# Plugins are imported with their id.
terraform import dataiku_plugin.geo geoadmin

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_plugin.geo
#   identity = { plugin_id = "geoadmin" }
# }
