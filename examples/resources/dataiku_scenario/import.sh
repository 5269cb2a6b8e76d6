# Scenarios are imported with PROJECT_KEY.id, the id DSS derived from the
# scenario's name when it was created (not the name itself).
terraform import dataiku_scenario.nightly SALES.Nightly_build

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_scenario.nightly
#   identity = { project_key = "SALES", id = "Nightly_build" }
# }
