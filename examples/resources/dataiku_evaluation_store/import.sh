# Evaluation stores are imported with PROJECT_KEY.id, the 8-character id
# DSS generated (not the name, which need not be unique).
terraform import dataiku_evaluation_store.churn SALES.aB3dE5fG

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_evaluation_store.churn
#   identity = { project_key = "SALES", id = "aB3dE5fG" }
# }
