# There is one general-settings document per DSS instance. Right after the
# import the state holds the whole document; the next apply narrows it to
# the keys written in `settings`, writing nothing when they already hold.
# With an import block and `terraform plan -generate-config-out`, settings
# holds the whole document but its secrets (keys naming a password, a
# secret, a token...): every key written is then managed. Keep only the
# keys you mean to manage; the plan stays empty.
terraform import dataiku_instance_settings.this general-settings

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_instance_settings.this
#   identity = { id = "general-settings" }
# }
