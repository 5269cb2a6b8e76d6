# Deployments are imported with their id.
terraform import dataiku_project_deployment.sales_prod sales-on-prod

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_project_deployment.sales_prod
#   identity = { deployment_id = "sales-on-prod" }
# }

# Terraform does not import a timeouts block: when the configuration has one,
# the plan after the import shows it added in place, once. Applying it sends
# nothing to DSS; the plan after that is empty.
