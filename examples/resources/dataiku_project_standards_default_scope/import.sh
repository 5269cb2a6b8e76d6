# There is one default scope per DSS instance, which DSS makes itself.
# Import it to see the checks it runs before the first apply replaces them.
terraform import dataiku_project_standards_default_scope.this default-scope

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_project_standards_default_scope.this
#   identity = { id = "default-scope" }
# }
