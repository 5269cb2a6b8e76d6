package project

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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

// NewKnowledgeBankResource returns the dataiku_knowledge_bank resource.
func NewKnowledgeBankResource() resource.Resource {
	return kit.NewResource[knowledgeBankResourceModel](knowledgeBankKind{})
}

// knowledgeBankKind is a knowledge bank, the vector store of DSS's
// retrieval-augmented generation (dataikuapi dss/knowledgebank.py [V]):
// DSS generates its id; its name need not be unique in its project [V
// create_knowledge_bank's docstring], so a name is no key: the kit sends
// no existence check before the POST (FindPosted, kindRefusingDuplicates),
// and a lost answer adopts only a bank that was not there before.
// Everything, the name included, is one settings document written with a
// read-modify-write.
type knowledgeBankKind struct{}

// knowledgeBankIDPart is the id DSS generates; recipes name a bank by it
// in their refs ("id" or "PROJECT.id"), so it holds no dot, as a managed
// folder's id.
var knowledgeBankIDPart = kit.ImportPart{Label: "knowledge_bank_id", Pattern: names.RefNamePattern, Rule: names.RefNameRule}

var knowledgeBankAddress = kit.GeneratedInProjectAddress(kit.InProjectObject{TypeName: "dataiku_knowledge_bank", Path: "projects/{project_key}/knowledge-banks/{id}", IDPart: knowledgeBankIDPart, What: "knowledge bank", Short: "bank"},
	func(m *knowledgeBankResourceModel) *types.String { return &m.ProjectKey }, func(m *knowledgeBankResourceModel) *types.String { return &m.ID },
	func(m *knowledgeBankResourceModel) *types.String { return &m.Name })

func (knowledgeBankKind) Address() *kit.Address[knowledgeBankResourceModel] {
	return &knowledgeBankAddress
}

// knowledgeBankVectorStores are the vector store types dataikuapi's
// docstring lists [V]; DSS may know more, so they are examples, not a
// rule.
var knowledgeBankVectorStores = []string{"CHROMA", "PINECONE", "ELASTICSEARCH", "AZURE_AI_SEARCH", "VERTEX_AI_GCS_BASED", "FAISS", "QDRANT_LOCAL"}

func (knowledgeBankKind) Schema() schema.Schema {
	nonBlank := nonBlankValidators()
	return schema.Schema{
		MarkdownDescription: "A DSS knowledge bank: the vector store of retrieval-augmented generation (GenAI), which an `embed_documents` recipe fills " +
			"and `prompt` recipes and agents search. DSS generates its id. Its name need not be unique in the project: creating a bank whose name is taken " +
			"makes another bank, as DSS does. Every change, the name included, is a read-modify-write of the bank's whole settings, so settings " +
			"the provider does not model are kept; `settings` manages any of them by name. Changing the vector store or the embedding LLM happens in place, " +
			"as in DSS's own screens: the bank's vectors are then stale until its next build, which this resource does not run. " +
			"Destroying the bank deletes it from DSS.\n\n" +
			"**A lost answer to the create.** The provider lists the project's banks just before its POST; when the answer is lost, it adopts " +
			"the one bank with the planned name that was not there before. With none, it sends the POST once more; with several (someone else created one " +
			"in the same instant), it stops with an error listing their import IDs, so that you import the right one and delete the other. When DSS cannot be asked either, the apply fails with nothing in the state, " +
			"and the next apply creates a bank again: look for a bank of that name in the project first (`dataiku_knowledge_banks` lists them) and import it if it is there.\n\n" +
			"Import with `PROJECT_KEY.id`.\n\n**Refresh cost.** 1 API call (the bank's settings).",
		Attributes: kit.DocumentationAttributes("knowledge bank", map[string]schema.Attribute{
			"id":          kit.StableIDAttribute("The knowledge bank id DSS generated (8 letters and digits), which recipes use to refer to it."),
			"project_key": kit.ParentProjectKeyAttribute("Key of the DSS project holding the knowledge bank. Changing it destroys the bank and creates it in the new project."),
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Knowledge bank name, not blank; it need not be unique in the project. Changing it renames the bank in place (its id stays).",
				Validators:          nonBlank},
			"vector_store_type": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The vector store (`vectorStoreType`), e.g. `" + strings.Join(knowledgeBankVectorStores, "`, `") + "` (the values dataikuapi documents; " +
					"DSS's own answer decides for any other). Needed to create a bank. Unset on an existing bank: the bank keeps the one DSS holds, " +
					"so that a bank imported without one plans no change. Changes in place; the bank must then be rebuilt.",
				Validators:    nonBlank,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"embedding_llm_id": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The id of the LLM that embeds the documents (`embeddingLLMId`), one with the text-embedding purpose, " +
					"e.g. `openai:my_openai_connection:text-embedding-3-small`. Unset: the bank keeps the one DSS holds, if any " +
					"(a bank DSS holds without one is read as null). Changes in place; the bank must then be rebuilt.",
				Validators:    nonBlank,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"connection_name": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The connection of a remote vector store (`connection`: Pinecone, Elasticsearch, Azure AI Search, Vertex AI). Unset: none. Changes in place.",
				Validators:          nonBlank},
			"index_name": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The index of a remote vector store other than Pinecone (`indexName`). Unset: none, DSS's default. Changes in place.",
				Validators:          nonBlank},
			"pinecone_index_name": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The index of a Pinecone vector store (`pineconeIndexName`). Unset: none. Changes in place.",
				Validators:          nonBlank},
			"images_folder_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The managed folder holding the images extracted from the documents (`managedFolderId`): its id, e.g. " +
					"`dataiku_managed_folder.images.id`, for a folder of the bank's project, or `PROJECT_KEY.id`. DSS may hold either form for a folder of the " +
					"bank's project; the one you write is kept, and the other form of the same folder is no change. Setting it also sets DSS's " +
					"`multimodalColumn` to `" + dss.MultimodalColumnForImages + "` when it has none, as dataikuapi does. Unset: no images folder. Changes in place.",
				Validators:    []validator.String{stringvalidator.RegexMatches(names.RefPattern, "must "+names.RefRule)},
				PlanModifiers: []planmodifier.String{imagesFolderPlan}},
			"metadata_schema": schema.MapAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "The metadata fields stored with each vector, as a map of field name to type, e.g. `{ source = \"string\", page = \"int\" }` " +
					"(DSS's `metadataColumnsSchema`, a list of `{name, type}`, whose order does not matter). Unset or `{}`: none. Changes in place.",
				Validators: []validator.Map{mapvalidator.KeysAre(nonBlank...), mapvalidator.ValueStringsAre(nonBlank...)}},
			"settings": kit.FreeObjectAttribute("The bank's other settings, under DSS's names, e.g. `{ envSelection = { envMode = \"EXPLICIT_ENV\", envName = \"rag\" } }`. Changes in place.",
				knowledgeBankReservedKeys...),
		}),
	}
}

// imagesFolderPlan keeps the state's form of the same images folder.
var imagesFolderPlan = sameRefPlan("folder")

// ModifyPlan refuses, at plan time, a new bank without a vector store:
// DSS needs one to create a bank [V create_knowledge_bank takes it; the
// emulator refuses a creation without it, I]. An existing bank may have
// none [real DSS documents may lack keys the screens always write], and
// then none is planned: requiring it would lock an imported bank out.
func (knowledgeBankKind) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	kit.RefuseUnsetOnCreate(ctx, req.Config, req.Plan, req.State, "vector_store_type", "A new knowledge bank needs a vector store",
		"DSS creates a knowledge bank only with its vector store type: set vector_store_type, e.g. to one of "+strings.Join(knowledgeBankVectorStores, ", ")+
			". It may be left unset on a bank that exists, which then keeps the one DSS holds.", &resp.Diagnostics)
}

// HCLObjectAttrs: settings is an HCL object (no earlier schema version).
func (knowledgeBankKind) HCLObjectAttrs() []string { return []string{"settings"} }

// banksNamed lists the ids of the project's banks named name.
var banksNamed = listedNamed((*dss.Client).ListKnowledgeBanks, func(b dss.KnowledgeBank) (string, string) { return b.Name, b.ID })

// knowledgeBankPosted names the kind in the lost-POST lookup's error.
var knowledgeBankPosted = postedWhat{typeName: "dataiku_knowledge_bank", noun: "knowledge bank", plural: "banks"}

// Post lists the banks with the planned name (for FindPosted), then
// creates the bank with its planned settings, built as apply would write
// them, so that apply's read-modify-write usually finds nothing left to
// write.
func (knowledgeBankKind) Post(ctx context.Context, c *dss.Client, m *knowledgeBankResourceModel) error {
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	return m.posted.post(&m.ID, func() ([]string, error) { return banksNamed(ctx, c, key, name) },
		func() (string, error) {
			kb := dss.KnowledgeBank{ProjectKey: key}
			if err := kit.DiagsError(knowledgeBankToDSS(ctx, m, &kb)); err != nil {
				return "", err
			}
			return c.CreateKnowledgeBank(ctx, &kb)
		})
}

// FindPosted looks, after a POST whose answer was lost, for the bank the
// POST made (postedByName.findNamed).
func (knowledgeBankKind) FindPosted(ctx context.Context, c *dss.Client, _ *dss.AuthInfo, m *knowledgeBankResourceModel) (found, ours bool, err error) {
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	return m.posted.findNamed(&m.ID, func() ([]string, error) { return banksNamed(ctx, c, key, name) }, knowledgeBankPosted, key, name)
}

// knowledgeBankSettings is the settings document of the kind: all it manages.
var knowledgeBankSettings = settingsDoc[knowledgeBankResourceModel, dss.KnowledgeBank]{doc: dss.KnowledgeBankDoc, toDSS: knowledgeBankToDSS, fromDSS: knowledgeBankResourceFromDSS,
	free: func(m *knowledgeBankResourceModel) *types.Dynamic { return &m.Settings }}

// Apply is one read-modify-write of the settings (no PUT when they
// already hold the plan), then a GET when something was written.
func (knowledgeBankKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[knowledgeBankResourceModel]) {
	knowledgeBankSettings.apply(ctx, c, op, op.Plan.ProjectKey.ValueString(), op.Plan.ID.ValueString())
}

// knowledgeBankResourceFromDSS fills the resource's model: the bank, and
// the settings keys it manages.
func knowledgeBankResourceFromDSS(ctx context.Context, kb *dss.KnowledgeBank, m *knowledgeBankResourceModel) diag.Diagnostics {
	diags := knowledgeBankFromDSS(ctx, kb, &m.KnowledgeBankModel)
	kit.ReadFreeObject(&m.Settings, kb.Extra, "knowledge bank", &diags)
	return diags
}

// Read costs 1 GET. DSS's list of banks holds list items, not whole
// settings [V knowledgebank.py DSSKnowledgeBankListItem], so there is no
// list refresh.
func (knowledgeBankKind) Read(ctx context.Context, c *dss.Client, m *knowledgeBankResourceModel, _ bool) error {
	return knowledgeBankSettings.read(ctx, c, m, m.ProjectKey.ValueString(), m.ID.ValueString())
}
