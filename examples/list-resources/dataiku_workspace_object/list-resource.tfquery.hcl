list "dataiku_workspace_object" "sales" {
  provider = dataiku
  config {
    workspace_key = "SALES"
  }
}
