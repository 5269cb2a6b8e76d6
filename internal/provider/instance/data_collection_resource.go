package instance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewDataCollectionResource returns the dataiku_data_collection resource.
func NewDataCollectionResource() resource.Resource {
	return kit.NewResource[dataCollectionModel](dataCollectionKind{})
}

// dataCollectionKind is a data collection: its id is the caller's or, when
// not given, one DSS generates; everything else changes in place with a
// read-modify-write of its settings.
type dataCollectionKind struct{}

// dataCollectionIDPart is a collection's id in import IDs and identities:
// any id DSS can hold in a path segment (names.IDPattern). DSS generates 8
// letters and digits and dataikuapi asks the same of an id given at
// creation (names.DataCollectionIDPattern), but the provider leaves that
// rule to DSS, whose refusal it quotes [I]: an id another DSS version
// accepted must still be importable.
var dataCollectionIDPart = kit.ImportPart{Label: "collection_id", Pattern: names.IDPattern, Rule: names.IDRule}

// dataCollectionIDValidators check an id in a configuration by the rule of
// import IDs.
var dataCollectionIDValidators = []validator.String{dataCollectionIDPart.Validator()}

// dataCollectionAddress: the id is generated unless the caller gives one;
// when DSS generates it, the display name finds the collection a lost
// POST created.
var dataCollectionAddress = kit.Address[dataCollectionModel]{
	TypeName: "dataiku_data_collection",
	Path:     "data-collections/{id}",
	Key: []kit.KeyPart[dataCollectionModel]{{Attr: "id", ImportPart: dataCollectionIDPart,
		Field: func(m *dataCollectionModel) *types.String { return &m.ID }, Doc: "The data collection's id (not its display name)."}},
	Example:   "the collection's id, not its display name, e.g. aB3dE5fG",
	ID:        func(m *dataCollectionModel) *types.String { return &m.ID },
	Generated: true,
	Natural:   &kit.KeyPart[dataCollectionModel]{Attr: "display_name", Field: func(m *dataCollectionModel) *types.String { return &m.DisplayName }},
}

func (dataCollectionKind) Address() *kit.Address[dataCollectionModel] { return &dataCollectionAddress }

func (dataCollectionKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A DSS data collection (DSS 12 and later): a curated, permissioned catalogue of datasets that a data team publishes for others to discover. " +
			"Its id is the one you give or, when `id` is not set, one DSS generates (8 letters and digits). " +
			"Creating one needs an administrator's API key or one whose user is in a group that may create data collections (`dataiku_group`'s `may_create_data_collections`, DSS's `mayCreateDataCollections`). " +
			"Every change is a read-modify-write of the collection's settings, so what the provider does not model is kept. Destroying it deletes the collection; its datasets stay. " +
			"When DSS generates the id, a creation whose answer was lost is recovered by display name, so this resource then refuses to create a collection whose display name is taken among those the API key sees (import it instead). " +
			ownEntryNote + " Import with the collection's id.\n\n**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The collection's id. When not set, DSS generates one (8 letters and digits) and the state keeps it. " +
					"When set, the collection is created with it (dataikuapi says it must be 8 letters or digits; DSS judges it, and its refusal is quoted). " +
					"Changing it replaces the collection; removing it from the configuration keeps the id.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
				Validators:    dataCollectionIDValidators},
			"display_name": schema.StringAttribute{Required: true,
				MarkdownDescription: "The collection's name as DSS shows it (DSS's `displayName`). Changes in place."},
			"description": kit.OptionalString("", "Description. Default empty. Changes in place."),
			"color": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Background color of the collection's card, `#RRGGBB`. When not set, DSS picks one at random and the state keeps it. Changes in place.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"tags": schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
				Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "Tags. Default none. Changes in place."},
			"permissions": accessEntriesAttribute(accessEntriesText{Noun: "data collection",
				Description: "Who may read, contribute to and administer the collection: one entry per group or user (DSS's `permissions`). " +
					"**Authoritative when set:** after an apply DSS holds exactly these entries (but the API key user's, below); an entry added outside Terraform shows as drift and the next apply removes it. " +
					"When not set, Terraform leaves them alone. " + ownEntryNote + " " +
					"Rights are read as DSS holds them (`write` without `read` stays so). Keys of an entry the provider does not model are kept. Changes in place.",
				Admin: "Whether the group or user administers the collection (its settings and permissions).",
				Write: "Whether the group or user may add and remove its datasets (a contributor).",
				Read:  "Whether the group or user may see the collection."}),
		},
	}
}

// Find: by its id when the configuration gives one; else by display name
// among the collections the key sees (the one a lost POST created, or one
// that is there already: the kit then asks for an import).
func (dataCollectionKind) Find(ctx context.Context, c *dss.Client, m *dataCollectionModel) (bool, error) {
	if kit.Known(m.ID) {
		return kit.ExistsCheck(func() error { _, err := dss.DataCollectionDoc(m.ID.ValueString()).Get(ctx, c); return err })()
	}
	list, err := c.ListDataCollections(ctx)
	if err != nil {
		return false, err
	}
	return kit.FindCreated(list, &m.ID, func(d *dss.DataCollectionSummary) (bool, string) {
		return d.DisplayName == m.DisplayName.ValueString(), d.ID
	}, nil)
}

// Post creates the collection with its whole planned settings, as
// dataikuapi's create_data_collection sends them, so that apply's
// read-modify-write usually finds nothing left to write.
func (dataCollectionKind) Post(ctx context.Context, c *dss.Client, m *dataCollectionModel) error {
	req := dss.CreateDataCollectionRequest{DisplayName: m.DisplayName.ValueString()}
	if kit.Known(m.ID) {
		req.ID = new(m.ID.ValueString())
	}
	if d := m.Description.ValueString(); d != "" {
		req.Description = &d
	}
	if kit.Known(m.Color) {
		req.Color = new(m.Color.ValueString())
	}
	tags, diags := kit.StringsFromSet(ctx, m.Tags)
	req.Tags = tags
	if kit.Known(m.Permissions) {
		perms, d := plannedAccessEntries(ctx, m.Permissions)
		diags.Append(d...)
		req.Permissions = perms
	}
	if err := kit.DiagsError(diags); err != nil {
		return err
	}
	id, err := c.CreateDataCollection(ctx, req)
	if err != nil {
		return err
	}
	m.ID = types.StringValue(id)
	return nil
}

func (dataCollectionKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[dataCollectionModel]) {
	plan := op.Plan
	login, err := ownLogin(ctx, c)
	if op.Fail(err) {
		return
	}
	own := hiddenOwn(ctx, plan.Permissions, login)
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[dataCollectionModel, dss.DataCollection]{
		Doc:   dss.DataCollectionDoc(plan.ID.ValueString()),
		ToDSS: func(d *dss.DataCollection) diag.Diagnostics { return applyDataCollection(ctx, plan, d, own) },
		FromDSS: func(d *dss.DataCollection) diag.Diagnostics {
			return dataCollectionFromDSS(ctx, d, plan, own, false)
		},
	})
}

// Read costs 1 GET. After an import every permission entry is read but
// the API key user's, as after a create that did not list it.
func (dataCollectionKind) Read(ctx context.Context, c *dss.Client, m *dataCollectionModel, imported bool) error {
	login, err := ownLogin(ctx, c)
	if err != nil {
		return err
	}
	d, err := dss.DataCollectionDoc(m.ID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	if diags := dataCollectionFromDSS(ctx, d, m, hiddenOwn(ctx, m.Permissions, login), imported); diags.HasError() {
		return fmt.Errorf("converting DSS's answer: %v", diags)
	}
	return nil
}
