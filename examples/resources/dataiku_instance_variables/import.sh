# There is one instance-variables document per DSS instance. Import it
# before the first apply to see the variables DSS has: the first apply
# replaces them with the configuration's.
# With an import block and `terraform plan -generate-config-out`, variables
# holds every instance variable, so the first apply changes nothing.
terraform import dataiku_instance_variables.this instance-variables

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_instance_variables.this
#   identity = { id = "instance-variables" }
# }
