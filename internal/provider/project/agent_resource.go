package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewAgentResource returns the dataiku_agent resource.
func NewAgentResource() resource.Resource {
	return kit.NewResource[agentResourceModel](agentKind{})
}

// agentKind is an agent, DSS's LLM Mesh agent (dataikuapi dss/agent.py
// [V]): DSS generates its id; its name need not be unique [V
// create_agent's docstring], so, as for retrieval-augmented LLMs, a name
// is no key (postedByName). Everything is one settings document of
// versions, written with a read-modify-write that changes only the
// active version.
type agentKind struct{}

// agentIDPart is the id DSS generates (8 letters and digits in the
// emulator; no dot, as every generated id).
var agentIDPart = kit.ImportPart{Label: "agent_id", Pattern: names.RefNamePattern, Rule: names.RefNameRule}

var agentAddress = kit.GeneratedInProjectAddress(kit.InProjectObject{TypeName: "dataiku_agent", Path: "projects/{project_key}/agents/{id}", IDPart: agentIDPart, What: "agent", Short: "agent"},
	func(m *agentResourceModel) *types.String { return &m.ProjectKey }, func(m *agentResourceModel) *types.String { return &m.ID },
	func(m *agentResourceModel) *types.String { return &m.Name })

func (agentKind) Address() *kit.Address[agentResourceModel] { return &agentAddress }

func (agentKind) Schema() schema.Schema {
	nonBlank := nonBlankValidators()
	return schema.Schema{
		MarkdownDescription: "A DSS agent (LLM Mesh): a code agent (`PYTHON_AGENT`), a plugin's agent (`PLUGIN_AGENT`) or a visual agent, an LLM using tools " +
			"(`TOOLS_USING_AGENT`), usable wherever DSS takes an LLM (its LLM id is `agent:<id>`). DSS generates its id. Its name need not be unique in the " +
			"project: creating one whose name is taken makes another, as DSS does. DSS keeps its settings as versions, one of them active: this resource " +
			"manages the name, the descriptions and the active version's LLM, tools and `settings`; every change is a read-modify-write of the whole settings " +
			"that rewrites the active version only, so the other versions and the keys the provider does not model are kept. Destroying it deletes it from DSS.\n\n" +
			agentPosted.lostPostDoc() +
			"Import with `PROJECT_KEY.id`.\n\n**Refresh cost.** 1 API call (the settings).",
		Attributes: kit.DocumentationAttributes("agent", map[string]schema.Attribute{
			"id":          kit.StableIDAttribute("The agent's id DSS generated (8 letters and digits)."),
			"project_key": kit.ParentProjectKeyAttribute("Key of the DSS project holding the agent. Changing it destroys the agent and creates it in the new project."),
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Name, not blank; it need not be unique in the project. Changing it renames in place (the id stays).",
				Validators:          nonBlank},
			"type": kit.RequiredReplacing("The agent's type (`type`): `PYTHON_AGENT` (code), `PLUGIN_AGENT` (a plugin's agent component) or `TOOLS_USING_AGENT` "+
				"(a visual agent: an LLM using tools). Another non-empty value is passed to DSS, which decides; a known type written in another case is refused at plan time. "+
				"Changing it replaces the agent.",
				stringvalidator.LengthAtLeast(1), kit.KnownSpelling("agent type", dss.AgentTypes...)),
			"plugin_agent_type": schema.StringAttribute{Optional: true,
				MarkdownDescription: "For a `PLUGIN_AGENT`, the id of the plugin's agent component (`pluginAgentType`); unset for the other types. " +
					"Changing it replaces the agent.",
				Validators:    nonBlank,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"llm_id": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "A visual agent's LLM, the one that picks the tools and answers (the active version's `toolsUsingAgentSettings.llmId`), " +
					"e.g. `openai:my_openai_connection:gpt-4o`. Unset: the agent keeps the one DSS holds (null when none). Changes in place.",
				Validators:    nonBlank,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"tools": schema.SetNestedAttribute{Optional: true, Computed: true,
				MarkdownDescription: "A visual agent's tools (the active version's `toolsUsingAgentSettings.tools`). Authoritative when set: after an apply the " +
					"active version uses exactly these tools, and a tool added outside Terraform shows as drift; `[]` is none. Unset: the agent keeps the tools " +
					"DSS holds (null when its active version has no tool list). A tool's own keys the provider does not model are kept. Changes in place.",
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown(), sameToolsPlan()},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"tool_ref": schema.StringAttribute{Required: true,
						MarkdownDescription: "The tool (`toolRef`): an agent tool's id for a tool of the agent's project, e.g. `dataiku_agent_tool.search.id`, or `PROJECT_KEY.id` " +
							"for another project's, e.g. `\"${dataiku_agent_tool.shared.project_key}.${dataiku_agent_tool.shared.id}\"`. " +
							"DSS may hold either form for a tool of the same project; the other form of the same tool is no change.",
						Validators: []validator.String{stringvalidator.RegexMatches(names.RefPattern, "must "+names.RefRule)}},
					"additional_description": schema.StringAttribute{Optional: true,
						MarkdownDescription: "Text added to the tool's description for this agent (`additionalDescription`). Unset: none.",
						Validators:          nonBlank},
				}}},
			"active_version": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The `versionId` of the version DSS declares active (`activeVersion`), the version `llm_id`, `tools` and `settings` are read from and written to. " +
					"DSS makes the first version with the agent. When DSS declares none, or one it does not hold, the next apply makes that version (named `v1`, `v2`, ... " +
					"when DSS names none) and declares it active.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()}},
			"settings": kit.FreeObjectAttribute("The active version's other settings, under DSS's names (e.g. a code agent's or a plugin agent's settings object). Changes in place.",
				agentReservedKeys...),
		}),
	}
}

// HCLObjectAttrs: settings is an HCL object (no earlier schema version).
func (agentKind) HCLObjectAttrs() []string { return []string{"settings"} }

// agentsNamed lists the ids of the project's agents named name.
var agentsNamed = listedNamed((*dss.Client).ListAgents, func(a dss.Agent) (string, string) { return a.Name, a.ID })

// agentPosted names the kind in the lost-POST lookup's error.
var agentPosted = postedWhat{typeName: "dataiku_agent", noun: "agent", plural: "agents"}

// Post lists the agents with the planned name (for FindPosted), then
// creates one with the create call's three fields [V]; the apply that
// follows writes the rest.
func (agentKind) Post(ctx context.Context, c *dss.Client, m *agentResourceModel) error {
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	return m.posted.post(&m.ID, func() ([]string, error) { return agentsNamed(ctx, c, key, name) },
		func() (string, error) {
			return c.CreateAgent(ctx, key, name, m.Type.ValueString(), m.PluginAgentType.ValueString())
		})
}

// FindPosted looks, after a POST whose answer was lost, for the agent the
// POST made (postedByName.findNamed).
func (agentKind) FindPosted(ctx context.Context, c *dss.Client, _ *dss.AuthInfo, m *agentResourceModel) (found, ours bool, err error) {
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	return m.posted.findNamed(&m.ID, func() ([]string, error) { return agentsNamed(ctx, c, key, name) }, agentPosted, key, name)
}

// agentSettings is the settings document of the kind: all it manages.
var agentSettings = settingsDoc[agentResourceModel, dss.Agent]{doc: dss.AgentDoc, toDSS: agentToDSS, fromDSS: agentResourceFromDSS,
	free: func(m *agentResourceModel) *types.Dynamic { return &m.Settings }}

// Apply is one read-modify-write of the settings (no PUT when they
// already hold the plan), then a GET when something was written.
func (agentKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[agentResourceModel]) {
	agentSettings.apply(ctx, c, op, op.Plan.ProjectKey.ValueString(), op.Plan.ID.ValueString())
}

// Read costs 1 GET. DSS's list holds list items, not whole settings [V
// DSSAgentListItem], so there is no list refresh.
func (agentKind) Read(ctx context.Context, c *dss.Client, m *agentResourceModel, _ bool) error {
	return agentSettings.read(ctx, c, m, m.ProjectKey.ValueString(), m.ID.ValueString())
}
