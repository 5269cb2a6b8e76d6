# Groups are imported with their name.
terraform import dataiku_group.analysts analysts

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_group.analysts
#   identity = { name = "analysts" }
# }
