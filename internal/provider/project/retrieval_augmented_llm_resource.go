package project

import (
	"context"

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

// NewRetrievalAugmentedLLMResource returns the
// dataiku_retrieval_augmented_llm resource.
func NewRetrievalAugmentedLLMResource() resource.Resource {
	return kit.NewResource[retrievalAugmentedLLMResourceModel](retrievalAugmentedLLMKind{})
}

// retrievalAugmentedLLMKind is a retrieval-augmented LLM, DSS's GenAI
// object answering with an LLM over a knowledge bank (dataikuapi
// dss/retrieval_augmented_llm.py [V]): DSS generates its id; its name
// need not be unique [V create_retrieval_augmented_llm's docstring], so,
// as for knowledge banks, a name is no key (no existence check before the
// POST; a lost answer adopts only an LLM that was not there before).
// Everything is one settings document of versions, written with a
// read-modify-write that changes only the active version.
type retrievalAugmentedLLMKind struct{}

// retrievalAugmentedLLMIDPart is the id DSS generates (8 letters and
// digits in the emulator; no dot, as every generated id).
var retrievalAugmentedLLMIDPart = kit.ImportPart{Label: "retrieval_augmented_llm_id", Pattern: names.RefNamePattern, Rule: names.RefNameRule}

var retrievalAugmentedLLMAddress = kit.GeneratedInProjectAddress(kit.InProjectObject{TypeName: "dataiku_retrieval_augmented_llm", Path: "projects/{project_key}/retrieval-augmented-llms/{id}", IDPart: retrievalAugmentedLLMIDPart, What: "retrieval-augmented LLM", Short: "LLM"},
	func(m *retrievalAugmentedLLMResourceModel) *types.String { return &m.ProjectKey }, func(m *retrievalAugmentedLLMResourceModel) *types.String { return &m.ID },
	func(m *retrievalAugmentedLLMResourceModel) *types.String { return &m.Name })

func (retrievalAugmentedLLMKind) Address() *kit.Address[retrievalAugmentedLLMResourceModel] {
	return &retrievalAugmentedLLMAddress
}

func (retrievalAugmentedLLMKind) Schema() schema.Schema {
	nonBlank := nonBlankValidators()
	return schema.Schema{
		MarkdownDescription: "A DSS retrieval-augmented LLM (GenAI): an LLM that answers over a `dataiku_knowledge_bank`, usable wherever DSS takes an LLM " +
			"(its LLM id is `retrieval-augmented-llm:<id>`). DSS generates its id. Its name need not be unique in the project: creating one whose name is " +
			"taken makes another, as DSS does. DSS keeps its settings as versions, one of them active: this resource manages the name, the descriptions and " +
			"the active version's LLM, knowledge bank and `settings`; every change is a read-modify-write of the whole settings that rewrites the active version " +
			"only, so the other versions and the keys the provider does not model are kept. Destroying it deletes it from DSS.\n\n" +
			retrievalAugmentedLLMPosted.lostPostDoc() +
			"Import with `PROJECT_KEY.id`.\n\n**Refresh cost.** 1 API call (the settings).",
		Attributes: kit.DocumentationAttributes("retrieval-augmented LLM", map[string]schema.Attribute{
			"id":          kit.StableIDAttribute("The retrieval-augmented LLM's id DSS generated (8 letters and digits)."),
			"project_key": kit.ParentProjectKeyAttribute("Key of the DSS project holding the retrieval-augmented LLM. Changing it destroys it and creates it in the new project."),
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Name, not blank; it need not be unique in the project. Changing it renames in place (the id stays).",
				Validators:          nonBlank},
			// knowledge_bank_id and llm_id are needed to create the LLM,
			// but an LLM DSS holds may have neither (no active version, or
			// one without settings [V active_version may be None]): they
			// are optional and computed, and ModifyPlan refuses them unset
			// on a create only, so that such an LLM can be adopted.
			"knowledge_bank_id": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The knowledge bank the active version searches (its `ragllmSettings.knowledgeBankRef`): a bank's id, e.g. " +
					"`dataiku_knowledge_bank.faq.id`, for a bank of the same project, or `PROJECT_KEY.id`. DSS may hold either form for a bank of the " +
					"same project; the one you write is kept, and the other form of the same bank is no change. Needed to create the LLM; " +
					"unset on an existing one, it keeps the bank DSS holds (null when none). Changes in place.",
				Validators:    []validator.String{stringvalidator.RegexMatches(names.RefPattern, "must "+names.RefRule)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), sameRefPlan("knowledge bank")}},
			"llm_id": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The id of the LLM that writes the answers (the active version's `ragllmSettings.llmId`), e.g. `openai:my_openai_connection:gpt-4o`. " +
					"Needed to create the LLM; unset on an existing one, it keeps the LLM DSS holds (null when none). Changes in place.",
				Validators:    nonBlank,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"active_version": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The `versionId` of the version DSS declares active (`activeVersion`), the version `knowledge_bank_id`, `llm_id` and `settings` are read from and written to. " +
					"DSS makes the first version with the LLM. When DSS declares none, or one it does not hold, the next apply makes that version (named `v1`, `v2`, ... " +
					"when DSS names none) and declares it active.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()}},
			"settings": kit.FreeObjectAttribute("The active version's other retrieval settings (its `ragllmSettings`), under DSS's names, e.g. `{ maxDocuments = 8 }`. Changes in place.",
				ragLLMReservedKeys...),
		}),
	}
}

// ModifyPlan refuses, at plan time, a new LLM without its knowledge bank
// or its LLM: DSS's create call takes both [V
// create_retrieval_augmented_llm]. An existing one keeps what DSS holds.
func (retrievalAugmentedLLMKind) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	for _, a := range []struct{ attr, what string }{{"knowledge_bank_id", "knowledge bank"}, {"llm_id", "LLM"}} {
		kit.RefuseUnsetOnCreate(ctx, req.Config, req.Plan, req.State, a.attr, "A new retrieval-augmented LLM needs its "+a.what,
			"DSS creates a retrieval-augmented LLM with its knowledge bank and its LLM: set "+a.attr+
				". It may be left unset on one that exists, which then keeps the one DSS holds.", &resp.Diagnostics)
	}
}

// HCLObjectAttrs: settings is an HCL object (no earlier schema version).
func (retrievalAugmentedLLMKind) HCLObjectAttrs() []string { return []string{"settings"} }

// ragLLMsNamed lists the ids of the project's retrieval-augmented LLMs
// named name.
var ragLLMsNamed = listedNamed((*dss.Client).ListRetrievalAugmentedLLMs, func(l dss.RetrievalAugmentedLLM) (string, string) { return l.Name, l.ID })

// retrievalAugmentedLLMPosted names the kind in the lost-POST lookup's
// error.
var retrievalAugmentedLLMPosted = postedWhat{typeName: "dataiku_retrieval_augmented_llm", noun: "retrieval-augmented LLM", plural: "retrieval-augmented LLMs"}

// Post lists the LLMs with the planned name (for FindPosted), then
// creates one with the create call's three fields [V]; the apply that
// follows writes the rest.
func (retrievalAugmentedLLMKind) Post(ctx context.Context, c *dss.Client, m *retrievalAugmentedLLMResourceModel) error {
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	return m.posted.post(&m.ID, func() ([]string, error) { return ragLLMsNamed(ctx, c, key, name) },
		func() (string, error) {
			return c.CreateRetrievalAugmentedLLM(ctx, key, name, m.KnowledgeBankID.ValueString(), m.LLMID.ValueString())
		})
}

// FindPosted looks, after a POST whose answer was lost, for the LLM the
// POST made (postedByName.find).
func (retrievalAugmentedLLMKind) FindPosted(ctx context.Context, c *dss.Client, _ *dss.AuthInfo, m *retrievalAugmentedLLMResourceModel) (found, ours bool, err error) {
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	return m.posted.findNamed(&m.ID, func() ([]string, error) { return ragLLMsNamed(ctx, c, key, name) }, retrievalAugmentedLLMPosted, key, name)
}

// retrievalAugmentedLLMSettings is the settings document of the kind: all it manages.
var retrievalAugmentedLLMSettings = settingsDoc[retrievalAugmentedLLMResourceModel, dss.RetrievalAugmentedLLM]{doc: dss.RetrievalAugmentedLLMDoc, toDSS: retrievalAugmentedLLMToDSS, fromDSS: retrievalAugmentedLLMResourceFromDSS,
	free: func(m *retrievalAugmentedLLMResourceModel) *types.Dynamic { return &m.Settings }}

// Apply is one read-modify-write of the settings (no PUT when they
// already hold the plan), then a GET when something was written.
func (retrievalAugmentedLLMKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[retrievalAugmentedLLMResourceModel]) {
	retrievalAugmentedLLMSettings.apply(ctx, c, op, op.Plan.ProjectKey.ValueString(), op.Plan.ID.ValueString())
}

// Read costs 1 GET. DSS's list holds list items, not whole settings [V
// DSSRetrievalAugmentedLLMListItem], so there is no list refresh.
func (retrievalAugmentedLLMKind) Read(ctx context.Context, c *dss.Client, m *retrievalAugmentedLLMResourceModel, _ bool) error {
	return retrievalAugmentedLLMSettings.read(ctx, c, m, m.ProjectKey.ValueString(), m.ID.ValueString())
}
