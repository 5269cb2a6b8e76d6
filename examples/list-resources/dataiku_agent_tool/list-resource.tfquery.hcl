list "dataiku_agent_tool" "sales" {
  provider = dataiku
  config {
    project_key = "SALES"
  }
}
