# Clusters are imported with the id DSS gave them (not their name).
terraform import dataiku_cluster.k8s aBcD1234

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_cluster.k8s
#   identity = { id = "aBcD1234" }
# }
