data "dataiku_agents" "sales" {
  project_key = "SALES"
}

# The LLM ids of the project's agents, by name.
output "agent_llm_ids" {
  value = { for a in data.dataiku_agents.sales.items : a.name => "agent:${a.id}"... }
}
