# Plugins are imported with their id.
terraform import dataiku_plugin.geo geoadmin

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_plugin.geo
#   identity = { plugin_id = "geoadmin" }
# }

# Terraform does not import a timeouts block: when the configuration has one,
# the plan after the import shows it added in place, once. Applying it sends
# nothing to DSS; the plan after that is empty.
