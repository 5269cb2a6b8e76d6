# Meanings are imported with their id.
terraform import dataiku_meaning.country country_code

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_meaning.country
#   identity = { meaning_id = "country_code" }
# }
