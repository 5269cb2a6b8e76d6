# Find an agent's generated id, type, LLM and tools by its name (one of
# that name in the project).
data "dataiku_agent" "support" {
  project_key = "SALES"
  name        = "Support agent"
}

output "support_agent_tools" {
  value = data.dataiku_agent.support.tools
}
