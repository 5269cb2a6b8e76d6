# Rules of the dataset SALES.orders. In a configuration that manages the
# dataset, refer to it (dataiku_dataset.orders.name) so that rules follow a rename.

# The dataset must hold between 1 and 10 million rows (an error outside),
# and should hold at least 1,000 (a warning below). Computed after each build.
resource "dataiku_data_quality_rule" "row_count" {
  project_key  = "SALES"
  dataset_name = "orders"
  name         = "orders row count"
  type         = "RecordCountInRangeRule"
  config = {
    minimum            = 1
    minimumEnabled     = true
    maximum            = 10000000
    maximumEnabled     = true
    softMinimum        = 1000
    softMinimumEnabled = true
  }
  auto_run = true
}

# Every order has an id; computed on demand only.
resource "dataiku_data_quality_rule" "order_id_not_empty" {
  project_key  = "SALES"
  dataset_name = "orders"
  name         = "order_id is never empty"
  type         = "ColumnNotEmptyRule"
  config       = { column = "order_id" }
  auto_run     = false
}
