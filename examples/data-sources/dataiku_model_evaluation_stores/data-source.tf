data "dataiku_model_evaluation_stores" "sales" {
  project_key = "SALES"
}

output "sales_evaluation_stores" {
  value = { for s in data.dataiku_model_evaluation_stores.sales.items : s.id => s.name if s.flavor == "TABULAR" }
}

# DSS's default list leaves agent evaluation stores out: ask for their flavor.
data "dataiku_model_evaluation_stores" "sales_agents" {
  project_key = "SALES"
  flavor      = "AGENT"
}
