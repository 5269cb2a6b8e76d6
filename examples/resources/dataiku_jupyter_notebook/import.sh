# Notebooks are imported with PROJECT_KEY.name, split at the first dot (the
# project key holds none; the name may hold more).
terraform import dataiku_jupyter_notebook.checks "SALES.Onboarding checks"

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_jupyter_notebook.checks
#   identity = { project_key = "SALES", name = "Onboarding checks" }
# }
