# Find an evaluation store's generated id and flavor by its name (one of
# that name in the project), e.g. for an evaluation recipe's output.
data "dataiku_evaluation_store" "churn" {
  project_key = "SALES"
  name        = "Churn model evaluations"
}

output "churn_evaluation_store_id" {
  value = data.dataiku_evaluation_store.churn.id
}
