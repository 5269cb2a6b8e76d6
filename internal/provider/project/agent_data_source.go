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
	return &kit.DataSource[AgentModel]{Name: "agent", Mirror: &agentDataSourceSchema,
		ReadObject: readAgentDataSource, Summary: agentDataSourceSummary}
}

func agentDataSourceSummary(m *AgentModel) string {
	return kit.IDOrNameSummary("dataiku_agent", m.ProjectKey.ValueString(), m.ID, m.Name)
}

// agentDataSourceSchema is the resource's schema, computed, read by
// project_key and either id or name.
var agentDataSourceSchema = func() kit.MirroredSchema {
	id, name := kit.IDOrName("The agent's id.",
		"The agent's name; names need not be unique in a project, so a name that several share is refused with their ids.")
	return kit.MirroredSchema{Resource: NewAgentResource,
		Description: "Reads one DSS agent's settings, by id (1 API call) or by name (2: the project's list, then the settings).",
		Own: map[string]schema.Attribute{
			"project_key": kit.ProjectKeyAttribute("the agent"),
			"id":          id,
			"name":        name,
		},
		Omit: map[string]string{
			"settings": "a free-form subset of the active version's settings, which only a configuration can name",
		},
		Describe: kit.Describing(kit.DocumentationDescriptions("agent"), map[string]string{
			"type":              "The agent's type: `PYTHON_AGENT`, `PLUGIN_AGENT` or `TOOLS_USING_AGENT` (a visual agent).",
			"plugin_agent_type": "For a `PLUGIN_AGENT`, the id of the plugin's agent component; null otherwise.",
			"llm_id":            "A visual agent's LLM (the active version's `toolsUsingAgentSettings.llmId`); null when none.",
			"tools":             "A visual agent's tools (the active version's `toolsUsingAgentSettings.tools`), as DSS holds them; null when its active version has no tool list.",
			"active_version":    "The `versionId` of the version DSS declares active; null when none.",
		}),
	}
}()

// agentByIDOrName reads the data source's object, by id or by name.
var agentByIDOrName = docByIDOrName[AgentModel, dss.Agent]{named: agentsNamed, what: agentPosted, doc: dss.AgentDoc, fromDSS: agentFromDSS,
	fresh: func() AgentModel { return AgentModel{Tools: types.SetNull(AgentToolObjectType())} }}

func readAgentDataSource(ctx context.Context, c *dss.Client, cfg *AgentModel, diagnostics *diag.Diagnostics) error {
	return agentByIDOrName.read(ctx, c, cfg, cfg.ProjectKey.ValueString(), cfg.ID, cfg.Name.ValueString(), agentDataSourceSummary(cfg), diagnostics)
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
