# A visual agent: an LLM that uses tools. DSS makes its first version and
# declares it active; the LLM, the tools and settings are that version's.
resource "dataiku_agent" "support" {
  project_key = "SALES"
  name        = "Support agent"
  type        = "TOOLS_USING_AGENT"
  llm_id      = "openai:openai_prod:gpt-4o"
  tags        = ["genai"]

  # Agent tools by id (a tool of another project as PROJECT_KEY.id).
  tools = [
    { tool_ref = "kbSearch1", additional_description = "Search the product FAQ first." },
    { tool_ref = "SHARED.ticketLookup" },
  ]
}

# A plugin's agent component.
resource "dataiku_agent" "triage" {
  project_key       = "SALES"
  name              = "Triage"
  type              = "PLUGIN_AGENT"
  plugin_agent_type = "my-plugin_triage-agent"
}

# Usable wherever DSS takes an LLM id.
output "support_agent_llm_id" {
  value = "agent:${dataiku_agent.support.id}"
}
