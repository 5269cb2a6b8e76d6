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
	return byIDOrNameDataSource[AgentToolModel, dss.AgentToolSettings]{name: "agent_tool", noun: "agent tool", resource: NewAgentToolResource,
		moreDescription: "An agent names it in its `tools` by its `id`.",
		omit:            map[string]string{"params": "a free-form subset of the tool's params, which only a configuration can name"},
		describe: map[string]string{
			"type":              "The tool's type, e.g. `VectorStoreSearch`.",
			"knowledge_bank_id": "For a `VectorStoreSearch` tool, the knowledge bank it searches (`params.knowledgeBankRef`) as DSS holds it; null when none.",
		},
		read: docByIDOrName[AgentToolModel, dss.AgentToolSettings]{named: agentToolsNamed, what: agentToolPosted, doc: dss.AgentToolDoc, fromDSS: agentToolFromDSS},
		keys: func(m *AgentToolModel) (string, types.String, types.String) {
			return m.ProjectKey.ValueString(), m.ID, m.Name
		},
	}.dataSource()
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
