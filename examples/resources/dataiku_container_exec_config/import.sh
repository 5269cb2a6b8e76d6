# Execution configs are imported with their name.
terraform import dataiku_container_exec_config.jobs k8s-jobs

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_container_exec_config.jobs
#   identity = { name = "k8s-jobs" }
# }
