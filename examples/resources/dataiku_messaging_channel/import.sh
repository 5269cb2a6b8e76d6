# Messaging channels are imported with their id. The import cannot know the
# secrets: DSS keeps its own until secret_settings_wo_version is set.
terraform import dataiku_messaging_channel.mail mail-ops

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_messaging_channel.mail
#   identity = { id = "mail-ops" }
# }
