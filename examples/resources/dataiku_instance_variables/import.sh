# There is one instance-variables document per DSS instance. Import it
# before the first apply to see the variables DSS has: the first apply
# replaces them with the configuration's.
# With an import block and `terraform plan -generate-config-out`, variables
# holds every instance variable, so the first apply changes nothing.
terraform import dataiku_instance_variables.this instance-variables
