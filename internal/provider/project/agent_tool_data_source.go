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

// NewAgentToolDataSource returns the dataiku_agent_tool data source.
func NewAgentToolDataSource() datasource.DataSource {
	return &kit.DataSource[AgentToolModel]{Name: "agent_tool", Mirror: &agentToolDataSourceSchema,
		ReadObject: readAgentToolDataSource, Summary: agentToolDataSourceSummary}
}

func agentToolDataSourceSummary(m *AgentToolModel) string {
	return kit.IDOrNameSummary("dataiku_agent_tool", m.ProjectKey.ValueString(), m.ID, m.Name)
}

// agentToolDataSourceSchema is the resource's schema, computed, read by
// project_key and either id or name.
var agentToolDataSourceSchema = func() kit.MirroredSchema {
	id, name := kit.IDOrName("The agent tool's id.",
		"The agent tool's name; names need not be unique in a project, so a name that several share is refused with their ids.")
	return kit.MirroredSchema{Resource: NewAgentToolResource,
		Description: "Reads one DSS agent tool's settings, by id (1 API call) or by name (2: the project's list, then the settings). " +
			"An agent names it in its `tools` by its `id`.",
		Own: map[string]schema.Attribute{
			"project_key": kit.ProjectKeyAttribute("the agent tool"),
			"id":          id,
			"name":        name,
		},
		Omit: map[string]string{
			"params": "a free-form subset of the tool's params, which only a configuration can name",
		},
		Describe: kit.Describing(kit.DocumentationDescriptions("agent tool"), map[string]string{
			"type":              "The tool's type, e.g. `VectorStoreSearch`.",
			"knowledge_bank_id": "For a `VectorStoreSearch` tool, the knowledge bank it searches (`params.knowledgeBankRef`) as DSS holds it; null when none.",
		}),
	}
}()

// agentToolByIDOrName reads the data source's object, by id or by name.
var agentToolByIDOrName = docByIDOrName[AgentToolModel, dss.AgentToolSettings]{named: agentToolsNamed, what: agentToolPosted, doc: dss.AgentToolDoc, fromDSS: agentToolFromDSS}

func readAgentToolDataSource(ctx context.Context, c *dss.Client, cfg *AgentToolModel, diagnostics *diag.Diagnostics) error {
	return agentToolByIDOrName.read(ctx, c, cfg, cfg.ProjectKey.ValueString(), cfg.ID, cfg.Name.ValueString(), agentToolDataSourceSummary(cfg), diagnostics)
}

// NewAgentToolsDataSource returns the dataiku_agent_tools data source.
func NewAgentToolsDataSource() datasource.DataSource {
	return kit.InProject((*dss.Client).ListAgentTools, kit.ListDataSource[dss.AgentToolListItem]{Name: "agent_tools", List: "items",
		ListDescription: "The project's own agent tools, sorted by name then id.",
		Description: "Lists a project's own agent tools (1 API call; not those shared from other projects). DSS's list holds list items (id, type, name, tags), " +
			"not settings: `dataiku_agent_tool` reads one's knowledge bank.",
		Item: map[string]schema.Attribute{
			"id":   kit.ComputedString("Agent tool id, which an agent's `tool_ref` names."),
			"type": kit.ComputedString("Agent tool type, e.g. `VectorStoreSearch`."),
			"name": kit.ComputedString("Agent tool name."),
			"tags": tagsAttribute(),
		},
		SortKey: func(a *dss.AgentToolListItem) string { return byNameThenID(a.Name, a.ID) },
		Row: func(_ context.Context, _ kit.ListConfig, a *dss.AgentToolListItem, _ *diag.Diagnostics) map[string]attr.Value {
			return map[string]attr.Value{"id": types.StringValue(a.ID), "type": types.StringValue(a.Type), "name": types.StringValue(a.Name), "tags": tagsList(a.Tags)}
		},
	})
}
