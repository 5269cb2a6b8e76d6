# The Python recipes of project SALES.
list "dataiku_recipe" "python" {
  provider = dataiku
  config {
    project_key = "SALES"
    type        = "python"
  }
}
