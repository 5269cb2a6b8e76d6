# Find a tool's id by its name (one of that name in the project), to give
# it to an agent.
data "dataiku_agent_tool" "faq_search" {
  project_key = "SALES"
  name        = "Search the FAQ"
}

output "faq_search_tool_ref" {
  value = data.dataiku_agent_tool.faq_search.id
}
