package project

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewAgentToolResource returns the dataiku_agent_tool resource.
func NewAgentToolResource() resource.Resource {
	return kit.NewResource[agentToolResourceModel](agentToolKind{})
}

// agentToolKind is an agent tool of DSS's LLM Mesh (dataikuapi
// dss/agent_tool.py [V]), which visual agents name in their tools. Its id
// is the caller's or DSS's [V new_agent_tool]; its name need not be
// unique (the client defaults it to the type), so, as for agents, a name
// is no key (postedByName). Everything is one settings document, written
// with a read-modify-write.
type agentToolKind struct{}

// agentToolIDPart is the tool's id: agents name a tool by it, bare or
// after PROJECT. [V agent.py add_tool], so it holds no dot.
var agentToolIDPart = kit.ImportPart{Label: "agent_tool_id", Pattern: names.RefNamePattern, Rule: names.RefNameRule}

var agentToolAddress = kit.GeneratedInProjectAddress(kit.InProjectObject{TypeName: "dataiku_agent_tool", Path: "projects/{project_key}/agents/tools/{id}", IDPart: agentToolIDPart, What: "agent tool", Short: "tool"},
	func(m *agentToolResourceModel) *types.String { return &m.ProjectKey }, func(m *agentToolResourceModel) *types.String { return &m.ID },
	func(m *agentToolResourceModel) *types.String { return &m.Name })

func (agentToolKind) Address() *kit.Address[agentToolResourceModel] { return &agentToolAddress }

func (agentToolKind) Schema() schema.Schema {
	nonBlank := nonBlankValidators()
	return schema.Schema{
		MarkdownDescription: "A DSS agent tool (LLM Mesh): a tool that visual agents use, such as a search of a knowledge bank (`VectorStoreSearch`). " +
			"A `dataiku_agent` names it in its `tools`, as `{ tool_ref = dataiku_agent_tool.x.id }` for a tool of the agent's project, or " +
			"`\"${dataiku_agent_tool.x.project_key}.${dataiku_agent_tool.x.id}\"` for another project's. Its id is the one you give or, unset, one DSS generates. " +
			"Its name need not be unique in the project: creating one whose name is taken makes another, as DSS does. Every change is a read-modify-write of " +
			"the tool's whole settings, so the keys the provider does not model are kept; `params` manages any of the type's settings by name. " +
			"Destroying it deletes it from DSS (an agent that names it keeps the dangling ref).\n\n" +
			agentToolPosted.lostPostDoc() +
			"Import with `PROJECT_KEY.id`.\n\n**Refresh cost.** 1 API call (the settings).",
		Attributes: kit.DocumentationAttributes("agent tool", map[string]schema.Attribute{
			"id": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The tool's id, which agents name it by. When not set, DSS generates one (8 letters and digits in the emulator) and the state keeps it. " +
					"When set, the tool is created with it (it must be unique in the project; DSS judges it, and its refusal is quoted). Changing it replaces " +
					"the tool; removing it from the configuration keeps the id.",
				Validators:    []validator.String{stringvalidator.RegexMatches(names.RefNamePattern, "must "+names.RefNameRule)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}},
			"project_key": kit.ParentProjectKeyAttribute("Key of the DSS project holding the tool. Changing it destroys the tool and creates it in the new project."),
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Name, not blank; it need not be unique in the project. Changing it renames in place (the id stays).",
				Validators:          nonBlank},
			"type": kit.RequiredReplacing("The tool's type (`type`), e.g. `VectorStoreSearch` (a search of a knowledge bank), the one type dataikuapi names; "+
				"DSS and its plugins know others, which are passed to DSS as written, DSS deciding. `VectorStoreSearch` written in another case is refused at plan time. "+
				"Changing it replaces the tool.",
				stringvalidator.LengthAtLeast(1), kit.KnownSpelling("agent tool type", dss.AgentToolTypes...)),
			"knowledge_bank_id": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "For a `VectorStoreSearch` tool, the knowledge bank it searches (`params.knowledgeBankRef`, sent at creation as dataikuapi's " +
					"`with_knowledge_bank` does): a bank's id, e.g. `dataiku_knowledge_bank.faq.id`, for a bank of the tool's project, or `PROJECT_KEY.id`. " +
					"DSS may hold either form for a bank of the same project; the one you write is kept, and the other form of the same bank is no change. " +
					"Unset: the tool keeps the bank DSS holds (null when none). Changes in place.",
				Validators:    []validator.String{stringvalidator.RegexMatches(names.RefPattern, "must "+names.RefRule)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), sameRefPlan("knowledge bank")}},
			"params": kit.FreeObjectAttribute("The tool's other settings (its `params`, the type's settings), under DSS's names, e.g. `{ maxDocuments = 8 }`. Changes in place.",
				agentToolReservedParams...),
		}),
	}
}

// agentToolReservedParams are the params keys other attributes own.
var agentToolReservedParams = []string{"knowledgeBankRef"}

// HCLObjectAttrs: params is an HCL object (no earlier schema version).
func (agentToolKind) HCLObjectAttrs() []string { return []string{"params"} }

// agentToolsNamed lists the ids of the project's agent tools named name.
var agentToolsNamed = listedNamed((*dss.Client).ListAgentTools, func(t dss.AgentToolListItem) (string, string) { return t.Name, t.ID })

// agentToolPosted names the kind in the lost-POST lookup's error.
var agentToolPosted = postedWhat{typeName: "dataiku_agent_tool", noun: "agent tool", plural: "agent tools"}

// agentToolsNamedAs is agentToolsNamed for m's planned tool: with a chosen
// id, only that id can be the POST's.
func agentToolsNamedAs(ctx context.Context, c *dss.Client, m *agentToolResourceModel) func() ([]string, error) {
	return func() ([]string, error) {
		ids, err := agentToolsNamed(ctx, c, m.ProjectKey.ValueString(), m.Name.ValueString())
		if chosen := m.ID; err == nil && kit.Known(chosen) {
			ids = slices.DeleteFunc(ids, func(id string) bool { return id != chosen.ValueString() })
		}
		return ids, err
	}
}

// Post lists the tools with the planned name (for FindPosted), then
// creates the tool with the create call's fields [V]: its type, name,
// chosen id (null: DSS's) and, for a bank search, its knowledge bank. The
// apply that follows writes the rest.
func (agentToolKind) Post(ctx context.Context, c *dss.Client, m *agentToolResourceModel) error {
	return m.posted.post(&m.ID, agentToolsNamedAs(ctx, c, m), func() (string, error) {
		return c.CreateAgentTool(ctx, m.ProjectKey.ValueString(), m.Type.ValueString(), m.Name.ValueString(), m.ID.ValueString(), m.KnowledgeBankID.ValueString()) // "" when unknown: DSS generates the id; no bank
	})
}

// FindPosted looks, after a POST whose answer was lost, for the tool the
// POST made (postedByName.findNamed): a new tool of the planned name, and
// of the chosen id when there is one.
func (agentToolKind) FindPosted(ctx context.Context, c *dss.Client, _ *dss.AuthInfo, m *agentToolResourceModel) (found, ours bool, err error) {
	return m.posted.findNamed(&m.ID, agentToolsNamedAs(ctx, c, m), agentToolPosted, m.ProjectKey.ValueString(), m.Name.ValueString())
}

// Find says whether a tool of the chosen id exists (after DSS refused the
// create, to say that it exists and how to import it); a tool whose id
// DSS generates has none to look for before it is created.
func (agentToolKind) Find(ctx context.Context, c *dss.Client, m *agentToolResourceModel) (bool, error) {
	if !kit.Known(m.ID) {
		return false, nil
	}
	return kit.ExistsCheck(func() error {
		_, err := dss.AgentToolDoc(m.ProjectKey.ValueString(), m.ID.ValueString()).Get(ctx, c)
		return err
	})()
}

// agentToolSettings is the settings document of the kind: all it manages.
var agentToolSettings = settingsDoc[agentToolResourceModel, dss.AgentToolSettings]{doc: dss.AgentToolDoc, toDSS: agentToolToDSS, fromDSS: agentToolResourceFromDSS,
	free: func(m *agentToolResourceModel) *types.Dynamic { return &m.Params }}

// Apply is one read-modify-write of the settings (no PUT when they
// already hold the plan), then a GET when something was written.
func (agentToolKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[agentToolResourceModel]) {
	agentToolSettings.apply(ctx, c, op, op.Plan.ProjectKey.ValueString(), op.Plan.ID.ValueString())
}

// Read costs 1 GET. DSS's list holds list items, not whole settings [V
// DSSAgentToolListItem], so there is no list refresh.
func (agentToolKind) Read(ctx context.Context, c *dss.Client, m *agentToolResourceModel, _ bool) error {
	return agentToolSettings.read(ctx, c, m, m.ProjectKey.ValueString(), m.ID.ValueString())
}
