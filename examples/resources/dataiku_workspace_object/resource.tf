# What the sales workspace shares: a dataset, a dashboard and a link.
resource "dataiku_workspace_object" "orders" {
  workspace_key = dataiku_workspace.sales.workspace_key
  reference = {
    project_key = "SALES"
    type        = "DATASET"
    id          = "orders"
  }
}

resource "dataiku_workspace_object" "kpis" {
  workspace_key = dataiku_workspace.sales.workspace_key
  reference = {
    project_key = "SALES"
    type        = "DASHBOARD"
    id          = "kJ3n8Qe" # the dashboard's id
  }
}

resource "dataiku_workspace_object" "handbook" {
  workspace_key = dataiku_workspace.sales.workspace_key
  html_link = {
    name        = "Sales handbook"
    url         = "https://intranet.example.com/sales/handbook"
    description = "How the team works"
  }
}

resource "dataiku_workspace" "sales" {
  workspace_key = "SALES"
  display_name  = "Sales"
}
