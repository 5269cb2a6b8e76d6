# The schema DSS holds now, e.g. one a recipe wrote.
data "dataiku_dataset_schema" "orders_prepared" {
  project_key = "SALES"
  name        = "orders_prepared"
}

output "orders_prepared_columns" {
  value = { for c in data.dataiku_dataset_schema.orders_prepared.columns : c.name => c.type }
}

# Fail the plan when a column the reporting layer needs is gone.
check "orders_prepared_has_amount" {
  assert {
    condition     = contains([for c in data.dataiku_dataset_schema.orders_prepared.columns : c.name], "amount")
    error_message = "orders_prepared has no amount column any more."
  }
}
