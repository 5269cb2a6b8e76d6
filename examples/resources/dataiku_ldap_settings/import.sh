# There is one LDAP settings document per DSS instance. Right after the
# import the state holds the whole document but its secrets (the bind
# password, any key naming a password or a secret); the next apply narrows
# it to the keys written in `settings`, writing nothing when they already
# hold. DSS never returns the bind password: set bind_password_wo (with
# bind_password_wo_version) to manage it.
terraform import dataiku_ldap_settings.this ldap-settings

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_ldap_settings.this
#   identity = { id = "ldap-settings" }
# }
