# Bundles are imported with PROJECT_KEY.bundle_id.
terraform import dataiku_project_bundle.release SALES.v1.2.0

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_project_bundle.release
#   identity = { project_key = "SALES", bundle_id = "v1.2.0" }
# }
