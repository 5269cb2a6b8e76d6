# Personal API keys are imported with their id (never their secret). The
# secret of an imported key is null: DSS shows it only on creation.
terraform import dataiku_personal_api_key.reporting Zy9Xw8Vu7Ts6Rq5P

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_personal_api_key.reporting
#   identity = { id = "Zy9Xw8Vu7Ts6Rq5P" }
# }
