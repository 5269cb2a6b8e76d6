# API service packages are imported with PROJECT_KEY.service_id.package_id.
terraform import dataiku_api_service_package.scoring SALES.scoring.v1.2.0

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_api_service_package.scoring
#   identity = { project_key = "SALES", service_id = "scoring", package_id = "v1.2.0" }
# }
