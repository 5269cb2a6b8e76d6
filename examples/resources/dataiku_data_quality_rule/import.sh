# Data quality rules are imported with PROJECT_KEY.dataset_name.rule_id,
# the id DSS generated (not the rule's name).
terraform import dataiku_data_quality_rule.row_count SALES.orders.aB3dE5fG

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_data_quality_rule.row_count
#   identity = { project_key = "SALES", dataset_name = "orders", id = "aB3dE5fG" }
# }
