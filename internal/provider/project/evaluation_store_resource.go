package project

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewEvaluationStoreResource returns the dataiku_evaluation_store resource.
func NewEvaluationStoreResource() resource.Resource {
	return kit.NewResource[evaluationStoreResourceModel](evaluationStoreKind{})
}

// evaluationStoreKind is an evaluation store, the Flow object where DSS
// keeps a model's (TABULAR), an LLM's or an agent's evaluations
// (dataikuapi dss/evaluationstore.py [V]): DSS generates its id; nothing
// says its name is unique [I: the client's create takes any name], so, as
// for knowledge banks, a name is no key (postedByName). Everything but
// the flavor is one settings document written with a read-modify-write.
type evaluationStoreKind struct{}

// evaluationStoreIDPart is the id DSS generates; recipes and zones name a
// store by it, so it holds no dot.
var evaluationStoreIDPart = kit.ImportPart{Label: "evaluation_store_id", Pattern: names.RefNamePattern, Rule: names.RefNameRule}

var evaluationStoreAddress = kit.GeneratedInProjectAddress(kit.InProjectObject{TypeName: "dataiku_evaluation_store", Path: "projects/{project_key}/evaluationstores/{id}", IDPart: evaluationStoreIDPart, What: "evaluation store", Short: "store"},
	func(m *evaluationStoreResourceModel) *types.String { return &m.ProjectKey }, func(m *evaluationStoreResourceModel) *types.String { return &m.ID },
	func(m *evaluationStoreResourceModel) *types.String { return &m.Name })

func (evaluationStoreKind) Address() *kit.Address[evaluationStoreResourceModel] {
	return &evaluationStoreAddress
}

func (evaluationStoreKind) Schema() schema.Schema {
	nonBlank := nonBlankValidators()
	return schema.Schema{
		MarkdownDescription: "A DSS evaluation store: the Flow object where DSS keeps the evaluations an `evaluation` recipe (or code) makes of a model " +
			"(a model evaluation store, flavor `TABULAR`), of an LLM (`LLM`) or of an agent (`AGENT`). DSS generates its id, which recipes and flow zones use. " +
			"Its name need not be unique in the project: creating one whose name is taken makes another. The flavor is chosen at creation; every other change, " +
			"the name included, is a read-modify-write of the store's whole settings, so settings the provider does not model are kept; `settings` manages any " +
			"of them by name. This resource manages the store, not its evaluations. Destroying it deletes it, and its evaluations, from DSS.\n\n" +
			evaluationStorePosted.lostPostDoc() +
			"Import with `PROJECT_KEY.id`.\n\n**Refresh cost.** 1 API call (the settings).",
		Attributes: kit.DocumentationAttributes("evaluation store", map[string]schema.Attribute{
			"id":          kit.StableIDAttribute("The evaluation store's id DSS generated (8 letters and digits), which recipes and flow zones use to refer to it."),
			"project_key": kit.ParentProjectKeyAttribute("Key of the DSS project holding the evaluation store. Changing it destroys the store and creates it in the new project."),
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Name, not blank; it need not be unique in the project. Changing it renames the store in place (its id stays).",
				Validators:          nonBlank},
			"flavor": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "What the store evaluates (`mesFlavor`, sent as the create's `flavor`): `" + strings.Join(dss.EvaluationStoreFlavors, "`, `") + "`. " +
					"Default `" + dss.EvaluationStoreTabular + "`, a model evaluation store, the flavor dataikuapi's `create_model_evaluation_store` sends. " +
					"Another non-empty value is passed to DSS, which decides; a known flavor written in another case is refused at plan time. Changing it replaces the store.",
				Default:       stringdefault.StaticString(dss.EvaluationStoreTabular),
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1), kit.KnownSpelling("evaluation store flavor", dss.EvaluationStoreFlavors...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"settings": kit.FreeObjectAttribute("The store's other settings, under DSS's names, e.g. `{ metricsChecks = { runOnBuild = true, checks = [] } }` "+
				"or `{ rebuildBehavior = \"EXPLICIT\" }`. Changes in place.",
				evaluationStoreReservedKeys...),
		}),
	}
}

// HCLObjectAttrs: settings is an HCL object (no earlier schema version).
func (evaluationStoreKind) HCLObjectAttrs() []string { return []string{"settings"} }

// evaluationStoresNamed lists the ids of the project's stores named name,
// of every flavor (dss.ListAllEvaluationStores: 2 requests), so that a
// store of another flavor with that name is no stranger to the lost-POST
// lookup or to the data source.
var evaluationStoresNamed = listedNamed((*dss.Client).ListAllEvaluationStores, func(s dss.EvaluationStore) (string, string) { return s.Name, s.ID })

// evaluationStorePosted names the kind in the lost-POST lookup's error and
// the data source's.
var evaluationStorePosted = postedWhat{typeName: "dataiku_evaluation_store", noun: "evaluation store", plural: "evaluation stores",
	listedBy: "`terraform query` with the `dataiku_evaluation_store` list resource lists them, of every flavor"}

// Post lists the stores with the planned name (for FindPosted), then
// creates the store with the create call's name and flavor [V]; the apply
// that follows writes the rest.
func (evaluationStoreKind) Post(ctx context.Context, c *dss.Client, m *evaluationStoreResourceModel) error {
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	return m.posted.post(&m.ID, func() ([]string, error) { return evaluationStoresNamed(ctx, c, key, name) },
		func() (string, error) { return c.CreateEvaluationStore(ctx, key, name, m.Flavor.ValueString()) })
}

// FindPosted looks, after a POST whose answer was lost, for the store the
// POST made (postedByName.findNamed).
func (evaluationStoreKind) FindPosted(ctx context.Context, c *dss.Client, _ *dss.AuthInfo, m *evaluationStoreResourceModel) (found, ours bool, err error) {
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	return m.posted.findNamed(&m.ID, func() ([]string, error) { return evaluationStoresNamed(ctx, c, key, name) }, evaluationStorePosted, key, name)
}

// evaluationStoreSettings is the settings document of the kind: all it manages.
var evaluationStoreSettings = settingsDoc[evaluationStoreResourceModel, dss.EvaluationStore]{doc: dss.EvaluationStoreDoc, toDSS: evaluationStoreToDSS, fromDSS: evaluationStoreResourceFromDSS,
	free: func(m *evaluationStoreResourceModel) *types.Dynamic { return &m.Settings }}

// Apply is one read-modify-write of the settings (no PUT when they
// already hold the plan), then a GET when something was written.
func (evaluationStoreKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[evaluationStoreResourceModel]) {
	evaluationStoreSettings.apply(ctx, c, op, op.Plan.ProjectKey.ValueString(), op.Plan.ID.ValueString())
}

// Read costs 1 GET. What DSS's list holds is not documented [I], so there
// is no list refresh.
func (evaluationStoreKind) Read(ctx context.Context, c *dss.Client, m *evaluationStoreResourceModel, _ bool) error {
	return evaluationStoreSettings.read(ctx, c, m, m.ProjectKey.ValueString(), m.ID.ValueString())
}
