# Published API services are imported with their id, e.g. one a publish created.
terraform import dataiku_published_api_service.churn churn-scoring

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_published_api_service.churn
#   identity = { service_id = "churn-scoring" }
# }
