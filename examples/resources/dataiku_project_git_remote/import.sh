# Git remotes are imported with PROJECT_KEY.name: the project key (which
# holds no dot), then the remote's name. PROJECT_KEY alone means origin.
terraform import dataiku_project_git_remote.origin SALES.origin
terraform import dataiku_project_git_remote.mirror SALES.mirror

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_project_git_remote.origin
#   identity = { project_key = "SALES", name = "origin" }
# }
