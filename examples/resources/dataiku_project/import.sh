# A project is imported by its project key.
# With an import block and `terraform plan -generate-config-out`, the
# generated block has local_variables = null (a sensitive attribute is
# never written out): the local variables stay unmanaged until you add them.
terraform import dataiku_project.sales SALES

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_project.sales
#   identity = { project_key = "SALES" }
# }
