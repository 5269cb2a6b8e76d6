list "dataiku_jupyter_notebook" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
