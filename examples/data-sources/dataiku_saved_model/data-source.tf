data "dataiku_saved_model" "churn" {
  project_key = "SALES"
  name        = "churn"
}

# Score new customers with the deployed model: the model is an input of
# the scoring recipe, in the "model" role.
resource "dataiku_recipe" "score_customers" {
  project_key = "SALES"
  name        = "score_customers"
  type        = "prediction_scoring"
  inputs = {
    main  = [{ ref = "customers" }]
    model = [{ ref = data.dataiku_saved_model.churn.id }]
  }
  outputs = { main = [{ ref = "customers_scored" }] }
}
