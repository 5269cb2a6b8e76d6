# Git libraries are imported with PROJECT_KEY.path: the project key (which
# holds no dot), then the reference's path in the library, which may hold
# dots and slashes.
terraform import dataiku_project_git_library.utils SALES.python/shared_utils

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_project_git_library.utils
#   identity = { project_key = "SALES", path = "python/shared_utils" }
# }
