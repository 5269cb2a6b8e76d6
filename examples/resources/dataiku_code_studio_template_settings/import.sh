# A code studio template's settings are imported with the template's id.
terraform import dataiku_code_studio_template_settings.vscode vscode

# Terraform 1.12 and later can also name them by their identity:
# import {
#   to       = dataiku_code_studio_template_settings.vscode
#   identity = { template_id = "vscode" }
# }
