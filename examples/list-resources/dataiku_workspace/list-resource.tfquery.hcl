list "dataiku_workspace" "all" {
  provider = dataiku
}
