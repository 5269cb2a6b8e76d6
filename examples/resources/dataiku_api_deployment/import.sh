# API deployments are imported with their id.
terraform import dataiku_api_deployment.churn_prod churn-scoring-on-prod

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_api_deployment.churn_prod
#   identity = { id = "churn-scoring-on-prod" }
# }

# Terraform does not import a timeouts block: when the configuration has one,
# the plan after the import shows it added in place, once. Applying it sends
# nothing to DSS; the plan after that is empty.
