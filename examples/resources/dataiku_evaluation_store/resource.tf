# A model evaluation store (flavor TABULAR, the default), where an
# evaluation recipe writes each evaluation of a model, in the Flow zone of
# the monitoring objects.
resource "dataiku_evaluation_store" "churn" {
  project_key = "SALES"
  name        = "Churn model evaluations"
  description = "Weekly evaluations of the churn model on fresh data."
  tags        = ["monitoring"]

  # Any other key of the store's settings, under DSS's name: only the keys
  # written here are managed.
  settings = {
    metricsChecks = { runOnBuild = true, checks = [] }
  }
}

# An agent's evaluations.
resource "dataiku_evaluation_store" "support_agent" {
  project_key = "SALES"
  name        = "Support agent evaluations"
  flavor      = "AGENT"
}

resource "dataiku_flow_zone" "monitoring" {
  project_key = "SALES"
  name        = "Monitoring"
  items = [
    { type = "MODEL_EVALUATION_STORE", id = dataiku_evaluation_store.churn.id },
    { type = "MODEL_EVALUATION_STORE", id = dataiku_evaluation_store.support_agent.id },
  ]
}
