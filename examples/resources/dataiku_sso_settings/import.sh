# There is one SSO settings document per DSS instance. Right after the
# import the state holds the whole document but its secrets; DSS never
# returns the OpenID client secret: set client_secret_wo (with
# client_secret_wo_version) to manage it.
terraform import dataiku_sso_settings.this sso-settings

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_sso_settings.this
#   identity = { id = "sso-settings" }
# }
