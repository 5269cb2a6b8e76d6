package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewAgentDataSource returns the dataiku_agent data source.
func NewAgentDataSource() datasource.DataSource {
	return byIDOrNameDataSource[AgentModel, dss.Agent]{name: "agent", noun: "agent", resource: NewAgentResource,
		omit: map[string]string{"settings": activeVersionSettingsOmitted},
		describe: map[string]string{
			"type":              "The agent's type: `PYTHON_AGENT`, `PLUGIN_AGENT` or `TOOLS_USING_AGENT` (a visual agent).",
			"plugin_agent_type": "For a `PLUGIN_AGENT`, the id of the plugin's agent component; null otherwise.",
			"llm_id":            "A visual agent's LLM (the active version's `toolsUsingAgentSettings.llmId`); null when none.",
			"tools":             "A visual agent's tools (the active version's `toolsUsingAgentSettings.tools`), as DSS holds them; null when its active version has no tool list.",
			"active_version":    "The `versionId` of the version DSS declares active; null when none.",
		},
		read: docByIDOrName[AgentModel, dss.Agent]{named: agentsNamed, what: agentPosted, doc: dss.AgentDoc, fromDSS: agentFromDSS,
			fresh: func() AgentModel { return AgentModel{Tools: types.SetNull(AgentToolObjectType())} }},
		keys: func(m *AgentModel) (string, types.String, types.String) {
			return m.ProjectKey.ValueString(), m.ID, m.Name
		},
	}.dataSource()
}

// NewAgentsDataSource returns the dataiku_agents data source.
func NewAgentsDataSource() datasource.DataSource {
	return kit.InProject((*dss.Client).ListAgents, kit.ListDataSource[dss.Agent]{Name: "agents", List: "items",
		ListDescription: "The project's agents, sorted by name then id.",
		Description: "Lists a project's agents (1 API call). DSS's list holds list items (id, name, tags), " +
			"not settings: `dataiku_agent` reads one's type, LLM and tools.",
		Item: map[string]schema.Attribute{
			"id":   kit.ComputedString("Agent id."),
			"name": kit.ComputedString("Agent name."),
			"tags": tagsAttribute(),
		},
		SortKey: func(a *dss.Agent) string { return byNameThenID(a.Name, a.ID) },
		Row: func(_ context.Context, _ kit.ListConfig, a *dss.Agent, _ *diag.Diagnostics) map[string]attr.Value {
			return map[string]attr.Value{"id": types.StringValue(a.ID), "name": types.StringValue(a.Name), "tags": tagsList(a.Tags)}
		},
	})
}
