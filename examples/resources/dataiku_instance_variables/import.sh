# There is one instance-variables document per DSS instance. Import it
# before the first apply to see the variables DSS has: the first apply
# replaces them with the configuration's.
terraform import dataiku_instance_variables.this instance-variables
