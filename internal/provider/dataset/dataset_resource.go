package dataset

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// datasetNamePattern is DSS's dataset name rule as the provider checks it
// (internal/dss/names RefNamePattern, shared with the emulator): never
// blank, a dot (refs split on it) or a slash (the name is a REST path
// segment). Hyphens are allowed: real DSS projects hold datasets named
// disk-usage (issue 23). Anything else is DSS's to judge.
var datasetNamePattern = names.RefNamePattern

const DatasetNameRule = "must " + names.RefNameRule

// NewDatasetResource returns the dataiku_dataset resource.
func NewDatasetResource() resource.Resource {
	return kit.NewResource[DatasetResourceModel](DatasetKind{})
}

// DatasetKind is a dataset: named by its project and a name unique in it,
// renamed in place, its whole definition one document.
type DatasetKind struct{}

// DatasetAddress: a dataset is named by its project and a name the caller
// chooses, DSS's own reference form PROJECT_KEY.name.
var DatasetAddress = kit.Address[DatasetResourceModel]{
	TypeName: "dataiku_dataset",
	Path:     "projects/{project_key}/datasets/{name}",
	Key: []kit.KeyPart[DatasetResourceModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *DatasetResourceModel) *types.String { return &m.ProjectKey }, Doc: "Key of the project holding the dataset."},
		{Attr: "name", ImportPart: kit.DatasetPart, Field: func(m *DatasetResourceModel) *types.String { return &m.Name }, Doc: "The dataset's name."},
	},
	Example:        "DSS's reference form, e.g. SALES.orders",
	RenamedInPlace: true, // a rename keeps the dataset (DSS's rename action)
	ID:             func(m *DatasetResourceModel) *types.String { return &m.ID },
}

func (DatasetKind) Address() *kit.Address[DatasetResourceModel] { return &DatasetAddress }

// HCLObjectAttrs: params and format_params were JSON text in schema
// version 0.
func (DatasetKind) HCLObjectAttrs() []string { return []string{"params", "format_params"} }

// datasetParamsAttribute is params: an HCL object without the connection.
func datasetParamsAttribute() schema.DynamicAttribute {
	a := kit.HCLObjectAttribute("Type-specific parameters other than the connection, as an object, e.g. `{ path = \"/sales\" }`, " +
		"`{ mode = \"table\", schema = \"public\", table = \"orders\" }`, `{ mode = \"query\", query = \"SELECT ...\" }` or `{ bucket = \"b\", path = \"/p\" }`. " +
		"Only the top-level keys written here are managed and compared (a nested object is compared whole): parameters DSS fills in never show as changes, " +
		"and a written key changed outside Terraform shows as drift. Removing a key stops managing it; DSS keeps its value. " +
		"A string holding a JSON object (`jsonencode({...})`, the form of earlier versions) is read as that object. " +
		"After an import the state holds every parameter DSS has; the plan stays empty as long as the written keys match. Changes in place.")
	a.Validators = []validator.Dynamic{kit.HCLObjectWithout(dss.IsConnectionParam,
		"set the dataset's connection with the connection_name attribute")}
	return a
}

func (DatasetKind) Schema() schema.Schema {
	return schema.Schema{
		Version: 1,
		MarkdownDescription: "A DSS dataset: where data lives (connection, type-specific parameters), its format, schema, partitioning and documentation. " +
			"Every change is a read-modify-write of the dataset's whole definition, so settings the provider does not model " +
			"(flow options, custom fields; metrics and checks when `metrics` and `checks` are null) are kept. Import with `PROJECT_KEY.dataset_name`.\n\n" +
			"**Refresh cost.** With the provider's `refresh_mode = \"list\"` (the default), one list request per project shared by all its datasets; " +
			"with `refresh_mode = \"object\"`, and for the read that follows an import, 1 API call.",
		Attributes: kit.DocumentationAttributes("dataset", map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true,
				MarkdownDescription: "`PROJECT_KEY.dataset_name`, DSS's own reference form for a dataset; changes when the dataset is renamed."},
			"project_key": kit.ParentProjectKeyAttribute("Key of the DSS project holding the dataset. Changing it destroys the dataset and creates it in the new project."),
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Dataset name, unique in the project. It cannot be blank or hold a dot (DSS splits references such as `PROJECT.name` on it) " +
					"or a slash; hyphens are allowed (`disk-usage`), and DSS judges anything else. " +
					"Changing it renames the dataset in place with DSS's rename action (its data and the recipes using it follow); it is not recreated.",
				Validators: []validator.String{stringvalidator.RegexMatches(datasetNamePattern, DatasetNameRule)}},
			"type": kit.RequiredReplacing("DSS dataset type, e.g. `Filesystem`, `UploadedFiles`, `S3`, `GCS`, `Azure`, `HDFS`, `PostgreSQL`, `Snowflake`, `BigQuery`, `Oracle`, `SQLServer`. "+
				"DSS compares types case-exactly: a known type written in another case (`filesystem`) is refused at plan time with DSS's spelling. Other non-empty names (for plugin types) are passed to DSS as written. For a managed dataset it must be the type DSS uses for `connection_name`. Changing it replaces the dataset.",
				stringvalidator.LengthAtLeast(1), kit.KnownSpelling("dataset type", names.DatasetTypes()...)),
			"connection_name": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "DSS connection holding the data (stored by DSS as `params.connection`). Named `connection_name` because `connection` is reserved by Terraform. Required when `managed` is true, " +
					"except for the types DSS manages without a connection (`Inline`, `JobsDB`, `StatsDB`, `Labels`, and any type not file- or SQL-based). " +
					"When not set, DSS's value is kept in state. Changes in place, except on a managed dataset, where it replaces the dataset (DSS chose its storage on the old connection).",
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
						var managed types.Bool
						resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("managed"), &managed)...)
						resp.RequiresReplace = managed.ValueBool()
					}, "Replaces a managed dataset.", "Replaces a managed dataset."),
				},
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"params": datasetParamsAttribute(),
			"managed": kit.OptionalBool(false,
				"Whether DSS manages the dataset's storage: a managed dataset is created with DSS's managed-dataset call on `connection_name`, DSS choosing its path or table. "+
					"Datasets whose content DSS keeps itself (`Inline` editable datasets, `JobsDB`, `StatsDB`, `Labels`) are managed with no connection: leave `connection_name` unset. "+
					"Default `false`. Changing it replaces the dataset.",
				boolplanmodifier.RequiresReplace()),
			"format_type": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "File format of file-based types, e.g. `csv`, `parquet`, `json`, `avro`, `excel` (DSS's `formatType`). When not set, DSS's value is kept in state. Changes in place.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"format_params": kit.HCLObjectAttribute("Format options as an object, e.g. `{ separator = \",\", parseHeaderRow = true }` for `csv` (DSS's `formatParams`). " +
				"Same rule as `params`: only the keys written here are compared. Changes in place."),
			"schema_columns": schemaColumnsAttribute("dataset", "DSS and recipes"),
			"partitioning":   kit.PartitioningResourceAttribute("dataset"),
			"metrics":        datasetMetricsAttribute(),
			"checks":         datasetChecksAttribute(),
			"drop_data_on_destroy": kit.OptionalBool(false,
				"Whether destroying the resource also deletes the data (DSS's `dropData`). Default `false`: only the definition is deleted. Not stored in DSS."),
			kit.DeletionProtectionAttributeName: kit.DeletionProtectionAttribute("the dataset (the recipes that read or write it lose it)"),
		}),
	}
}

func (DatasetKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg DatasetResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateSchemaColumns(ctx, cfg.SchemaColumns, "dataset", &resp.Diagnostics)
	kit.ValidatePartitioning(ctx, path.Root("partitioning"), cfg.Partitioning, &resp.Diagnostics)
	validateMetrics(ctx, &cfg, &resp.Diagnostics)
}

// ModifyPlan keeps id known when project_key and name are: it changes only
// on a rename, which the plan shows. It refuses a new managed dataset of a
// file- or SQL-based type without connection_name, which DSS cannot create;
// the check is the plan's, for a dataset the apply creates only, not a
// validator's: DSS holds managed datasets whose params name no connection
// (a definition written through the API), and their adoption (an import
// with the configuration Terraform generated) must be planned. A
// replacement creates one too: Terraform plans its create half with no
// prior state, which the check refuses, but that message could not say
// why a dataset that exists is being created, so the update's plan
// refuses first and names the attribute that replaces it.
func (DatasetKind) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planReferenceID(ctx, req, resp)
	if req.Plan.Raw.IsNull() {
		return
	}
	replaced := ""
	if !req.State.Raw.IsNull() {
		if replaced = datasetReplacedBy(ctx, req, &resp.Diagnostics); replaced == "" {
			return
		}
	}
	var managed types.Bool
	var conn, typ types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("managed"), &managed)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("connection_name"), &conn)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("type"), &typ)...)
	if managed.ValueBool() && conn.IsNull() && kit.Known(typ) && managedNeedsConnection(typ.ValueString()) {
		detail := fmt.Sprintf("A managed %s dataset (managed = true) needs connection_name: DSS creates its storage on that connection. "+
			"Only datasets DSS keeps itself (such as Inline, JobsDB, StatsDB, Labels) are managed without one.", typ.ValueString())
		if replaced != "" {
			detail += fmt.Sprintf(" This plan replaces the dataset (its %s changes): Terraform would delete it, and DSS would then refuse to create the new one. "+
				"Set connection_name, or keep %s as it is.", replaced, replaced)
		}
		resp.Diagnostics.AddAttributeError(path.Root("connection_name"), "Missing connection", detail)
	}
}

// datasetReplacedBy returns the attribute whose change makes the plan
// replace the dataset (project_key, type or managed, or connection_name
// of a managed one, as their plan modifiers decide), or "".
func datasetReplacedBy(ctx context.Context, req resource.ModifyPlanRequest, diags *diag.Diagnostics) string {
	var planManaged types.Bool
	diags.Append(req.Plan.GetAttribute(ctx, path.Root("managed"), &planManaged)...)
	for _, name := range []string{"project_key", "type", "managed", "connection_name"} {
		if name == "connection_name" && !planManaged.ValueBool() {
			continue
		}
		var planned, prior attr.Value
		diags.Append(req.Plan.GetAttribute(ctx, path.Root(name), &planned)...)
		diags.Append(req.State.GetAttribute(ctx, path.Root(name), &prior)...)
		if planned != nil && !planned.IsUnknown() && !planned.Equal(prior) {
			return name
		}
	}
	return ""
}

// planReferenceID plans id, DSS's reference form PROJECT_KEY.name of a
// Flow object named by its creator (a dataset, a streaming endpoint), as
// soon as project_key and name are known.
func planReferenceID(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var key, name types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("project_key"), &key)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	if kit.Known(key) && kit.Known(name) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), datasetID(key.ValueString(), name.ValueString()))...)
	}
}

func datasetDoc(m *DatasetResourceModel) dss.Document[dss.Dataset] {
	return dss.DatasetDoc(m.ProjectKey.ValueString(), m.Name.ValueString())
}

// Post creates the dataset. A managed one on a connection goes through
// DSS's managed-dataset call, DSS choosing its storage (that call takes no
// definition: apply writes the rest). A managed one without a connection
// (Inline, JobsDB, StatsDB, Labels: DSS keeps their content itself) has
// no storage to choose and is posted whole with managed = true, as real
// DSS documents show them (issue 23); if DSS drops the flag at creation,
// apply's read-modify-write writes it. Any other is posted with its whole
// planned definition, built as apply would write it over an empty one, so
// that apply's read-modify-write usually finds nothing left to write: a
// create is then the POST and one GET. When DSS leaves a field out at
// creation (its client says partitioning may be), that GET shows the
// difference and apply writes it, as it would for drift. On create the
// planned params are the configuration's.
func (DatasetKind) Post(ctx context.Context, c *dss.Client, m *DatasetResourceModel) error {
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	if m.Managed.ValueBool() && kit.Known(m.Connection) {
		return c.CreateManagedDataset(ctx, key, name, m.Connection.ValueString())
	}
	d := dss.Dataset{ProjectKey: key, Name: name, Type: m.Type.ValueString(), Managed: m.Managed.ValueBool()}
	diags := applyDataset(ctx, &m.DatasetModel, &d)
	diags.Append(applyMetrics(ctx, m, &d)...)
	if err := kit.DiagsError(diags); err != nil {
		return err
	}
	return c.CreateDatasetFrom(ctx, &d)
}

// FindPosted looks for the dataset after a POST whose answer was lost. It
// is ours when it shows what DSS takes at creation from that POST (type,
// connection, the written params keys, the format type; for a managed one,
// managed on that connection) and DSS does not name another creator.
func (DatasetKind) FindPosted(ctx context.Context, c *dss.Client, caller *dss.AuthInfo, m *DatasetResourceModel) (found, ours bool, err error) {
	d, err := datasetDoc(m).Get(ctx, c)
	switch {
	case dss.IsNotFound(err):
		return false, false, nil
	case err != nil:
		return false, false, err
	}
	return true, DatasetShowsPost(d, m) && kit.CreatedByCaller(d.Extra.CreatedBy(), caller), nil
}

// DatasetShowsPost reports whether DSS's dataset holds the creation
// fields of m's POST.
func DatasetShowsPost(d *dss.Dataset, m *DatasetResourceModel) bool {
	if m.Managed.ValueBool() && kit.Known(m.Connection) {
		return d.Managed && d.Connection() == m.Connection.ValueString()
	}
	if d.Type != m.Type.ValueString() || (kit.Known(m.Connection) && d.Connection() != m.Connection.ValueString()) ||
		(kit.Known(m.FormatType) && d.FormatType != m.FormatType.ValueString()) {
		return false
	}
	written, err := kit.HCLObjectDecode(m.Params)
	if err != nil || len(written) == 0 {
		return err == nil
	}
	return kit.JSONEqual(kit.ProjectOnto(dss.ParamsWithoutConnection(d.Params), written), written)
}

// StateOnlyAttrs: drop_data_on_destroy is sent with the delete only; a
// change of it alone plans and applies without DSS.
func (DatasetKind) StateOnlyAttrs() []string { return []string{"drop_data_on_destroy"} }

// Apply renames the dataset when its name changes, then does one
// read-modify-write of its definition. (An update that changes only
// drop_data_on_destroy, which DSS does not store, never gets here:
// StateOnlyAttrs.)
func (DatasetKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[DatasetResourceModel]) {
	plan, prior := op.Plan, op.Prior
	// Write the configuration's params and format_params keys: the plan
	// may hold more (the state's, when the written ones already match) or
	// be unknown (a value from another resource, known by now).
	op.Diags.Append(op.Config.GetAttribute(ctx, path.Root("params"), &plan.Params)...)
	op.Diags.Append(op.Config.GetAttribute(ctx, path.Root("format_params"), &plan.FormatParams)...)
	if op.Diags.HasError() {
		return
	}
	key := plan.ProjectKey.ValueString()
	if prior != nil && !plan.Name.Equal(prior.Name) {
		oldName, newName := prior.Name.ValueString(), plan.Name.ValueString()
		// A lost answer to the rename: done when the new name exists (DSS
		// refuses a rename onto an existing name).
		err := kit.PostChecked(func() error { return c.RenameDataset(ctx, key, oldName, newName) },
			kit.ExistsCheck(func() error { _, err := dss.DatasetDoc(key, newName).Get(ctx, c); return err }))
		if err != nil {
			kit.AddDSSError(&op.Diags, fmt.Sprintf("Cannot rename %s to %q", DatasetAddress.Label(prior), newName), err)
			return
		}
		// Renamed: whatever fails next, the state must follow the new name.
		prior.Name = plan.Name
		prior.ID = types.StringValue(datasetID(key, newName))
	}
	// A create whose POST DSS honoured whole finds nothing to write: the
	// POST and this GET.
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[DatasetResourceModel, dss.Dataset]{
		Doc: datasetDoc(plan),
		ToDSS: func(d *dss.Dataset) diag.Diagnostics {
			diags := applyDataset(ctx, &plan.DatasetModel, d)
			diags.Append(applyMetrics(ctx, plan, d)...)
			return diags
		},
		FromDSS: func(d *dss.Dataset) diag.Diagnostics {
			if prior == nil && plan.Managed.ValueBool() && d.Type != plan.Type.ValueString() {
				var diags diag.Diagnostics
				diags.AddAttributeError(path.Root("type"), "Cannot create "+DatasetAddress.Label(plan), fmt.Sprintf(
					"DSS created the managed dataset on connection %q with type %q, but the configuration says type = %q. Set type = %q.",
					plan.Connection.ValueString(), d.Type, plan.Type.ValueString(), d.Type))
				return diags
			}
			diags := DatasetFromDSS(ctx, d, &plan.DatasetModel, FillManaged)
			return append(diags, metricsFromDSS(ctx, d, plan)...)
		},
		KeepPlanned: keepPlannedParams,
	})
}

// keepPlannedParams stores the planned params and format_params after a
// write when they are known and every written key holds in what DSS
// returned: Terraform requires the planned value, which may carry more
// keys than were written (see WrittenKeysPlan).
func keepPlannedParams(state, planned, written *DatasetResourceModel) {
	kit.HCLObjectKeepPlanned(&state.Params, planned.Params, written.Params)
	kit.HCLObjectKeepPlanned(&state.FormatParams, planned.FormatParams, written.FormatParams)
}

// Read costs one GET: the definition carries schema, tags and
// descriptions.
func (k DatasetKind) Read(ctx context.Context, c *dss.Client, m *DatasetResourceModel, imported bool) error {
	d, err := datasetDoc(m).Get(ctx, c)
	if err != nil {
		return err
	}
	return k.fill(ctx, d, m, imported)
}

// Datasets refresh from their project's list (list_refresh.go): DSS's
// list items are whole definitions, the same document as the GET
// (dss-api.md §4.1, §4.3: [V] the Python client's list_datasets, [D] the
// developer guide's sample output).
func (DatasetKind) Listed(m *DatasetResourceModel) (string, string) {
	return m.ProjectKey.ValueString(), m.Name.ValueString()
}

func (DatasetKind) List(ctx context.Context, c *dss.Client, projectKey string) (*dss.Definitions, error) {
	return c.ListDatasetDefinitions(ctx, projectKey)
}

func (k DatasetKind) ReadListed(ctx context.Context, m *DatasetResourceModel, item []byte, imported bool) error {
	d, err := datasetDoc(m).Decode(item)
	if err != nil {
		return err
	}
	return k.fill(ctx, d, m, imported)
}

// fill sets m from the dataset's definition d: everything DSS has after an
// import.
func (DatasetKind) fill(ctx context.Context, d *dss.Dataset, m *DatasetResourceModel, imported bool) error {
	fill := FillManaged
	if imported {
		fill = fillImported
	}
	if diags := DatasetFromDSS(ctx, d, &m.DatasetModel, fill); diags.HasError() {
		return kit.DiagsError(diags)
	}
	if diags := metricsFromDSS(ctx, d, m); diags.HasError() {
		return kit.DiagsError(diags)
	}
	if !kit.Known(m.DropDataOnDestroy) {
		m.DropDataOnDestroy = types.BoolValue(false)
	}
	return nil
}

func (DatasetKind) Delete(ctx context.Context, c *dss.Client, m *DatasetResourceModel) error {
	return c.DeleteDataset(ctx, m.ProjectKey.ValueString(), m.Name.ValueString(), m.DropDataOnDestroy.ValueBool())
}

// ParseDatasetImportID splits a dataiku_dataset import ID,
// PROJECT_KEY.dataset_name (DSS's own reference form, e.g. SALES.orders).
func ParseDatasetImportID(id string) (projectKey, name string, err error) {
	p, err := DatasetAddress.ParseImportKey(id)
	if err != nil {
		return "", "", err
	}
	return p[0], p[1], nil
}

// CheckPlan refuses a dataset planned on a connection that exists and
// whose type cannot hold the dataset type. It reads only when the dataset
// is created or its type or connection changes, so a plan with nothing
// to do sends no request for it; a connection missing from DSS is left to
// the check before the POST, since the same apply may create it.
// A connection the same plan creates or replaces is judged by the type
// planned for it (NotePlannedConnection), not by what DSS holds now.
func (DatasetKind) CheckPlan(ctx context.Context, c kit.CheckReader, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var key, name, typ, conn, priorType, priorConn types.String
	for p, v := range map[string]*types.String{"project_key": &key, "name": &name, "type": &typ, "connection_name": &conn} {
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(p), v)...)
	}
	if resp.Diagnostics.HasError() || !kit.Known(typ) || !kit.Known(conn) {
		return
	}
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("type"), &priorType)...)
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("connection_name"), &priorConn)...)
		if priorType.Equal(typ) && priorConn.Equal(conn) {
			return
		}
	}
	summary := fmt.Sprintf("Cannot plan dataiku_dataset %q", key.ValueString()+"."+name.ValueString())
	if planned, ok := c.PlannedConnectionType(conn.ValueString()); ok {
		if want, checked := names.ConnectionTypeFor(typ.ValueString()); checked && planned != want {
			resp.Diagnostics.AddAttributeError(path.Root("connection_name"), summary, fmt.Sprintf(
				"connection_name: this plan gives connection %q the type %s, but a %s dataset needs a %s connection. "+
					"Use a %s connection, or set type to the dataset type of connection %q.",
				conn.ValueString(), planned, typ.ValueString(), want, want, conn.ValueString()))
		}
		return
	}
	kit.CheckDatasetConnection(ctx, c, typ.ValueString(), conn.ValueString(), summary, false, &resp.Diagnostics)
}

// CheckBeforeCreate refuses a dataset whose connection the key cannot use
// or whose connection's type cannot hold the dataset's type (the mapping
// of internal/dss/names ConnectionTypeFor, which the emulator applies
// too). Its cost is one GET /connections/get-names?type=T per connection
// type per command (CheckCache), readable with any key (it lists the
// connections the caller may use); on a miss the list is read afresh, and
// a second one (type=all) tells a missing connection from one of another
// type.
func (DatasetKind) CheckBeforeCreate(ctx context.Context, c kit.CheckReader, m *DatasetResourceModel, diags *diag.Diagnostics) {
	if !kit.Known(m.Connection) || !kit.Known(m.Type) {
		return
	}
	kit.CheckDatasetConnection(ctx, c, m.Type.ValueString(), m.Connection.ValueString(), "Cannot create "+DatasetAddress.Label(m), true, diags)
}
