# Grants are imported with PROJECT_KEY.group.NAME or PROJECT_KEY.user.LOGIN:
# everything after the second dot is the name, so a group's name may hold
# dots and spaces.
terraform import dataiku_project_grant.analysts SALES.group.analysts
terraform import dataiku_project_grant.jdoe SALES.user.jdoe

# Terraform 1.12 and later can also name it by its identity: the project
# and exactly one of group and user.
# import {
#   to       = dataiku_project_grant.analysts
#   identity = { project_key = "SALES", group = "analysts" }
# }
