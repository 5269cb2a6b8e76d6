# API deployments are imported with their id.
terraform import dataiku_api_deployment.churn_prod churn-scoring-on-prod

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_api_deployment.churn_prod
#   identity = { id = "churn-scoring-on-prod" }
# }
