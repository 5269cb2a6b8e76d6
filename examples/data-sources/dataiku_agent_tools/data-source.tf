data "dataiku_agent_tools" "sales" {
  project_key = "SALES"
}

# The ids of the project's knowledge bank searches, by name, for agents'
# tool_ref.
output "bank_search_tool_ids" {
  value = { for t in data.dataiku_agent_tools.sales.items : t.name => t.id... if t.type == "VectorStoreSearch" }
}
