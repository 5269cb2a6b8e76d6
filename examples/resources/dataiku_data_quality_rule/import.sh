# Data quality rules are imported with PROJECT_KEY.dataset_name.rule_id,
# the id DSS generated (not the rule's name).
terraform import dataiku_data_quality_rule.row_count SALES.orders.aB3dE5fG
