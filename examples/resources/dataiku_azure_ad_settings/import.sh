# There is one Azure AD settings document per DSS instance. Right after the
# import the state holds the whole document but its secrets; DSS never
# returns the client secret: set client_secret_wo (with
# client_secret_wo_version) to manage it.
terraform import dataiku_azure_ad_settings.this azure-ad-settings

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_azure_ad_settings.this
#   identity = { id = "azure-ad-settings" }
# }
