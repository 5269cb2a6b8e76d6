# A search of a knowledge bank, as a tool for visual agents. DSS fills the
# search settings it is not given; params manages only the keys it names.
resource "dataiku_agent_tool" "faq_search" {
  project_key       = "SALES"
  name              = "Search the FAQ"
  type              = "VectorStoreSearch"
  knowledge_bank_id = "kbFaq001" # e.g. dataiku_knowledge_bank.faq.id
  description       = "Searches the product FAQ."

  params = {
    maxDocuments = 8
  }
}

# A plugin's tool, with an id of your choosing (agents name a tool by its
# id, so a chosen one reads well in their settings).
resource "dataiku_agent_tool" "ticket_lookup" {
  project_key = "SALES"
  id          = "ticketLookup"
  name        = "Ticket lookup"
  type        = "Custom_my-plugin_ticket-lookup"
}

# A visual agent using both: a tool of the agent's project by its id, a
# tool of another project as PROJECT_KEY.id.
resource "dataiku_agent" "support" {
  project_key = "SALES"
  name        = "Support agent"
  type        = "TOOLS_USING_AGENT"
  llm_id      = "openai:openai_prod:gpt-4o"
  tools = [
    { tool_ref = dataiku_agent_tool.faq_search.id, additional_description = "Search the FAQ first." },
    { tool_ref = dataiku_agent_tool.ticket_lookup.id },
    { tool_ref = "SHARED.weather" },
  ]
}
