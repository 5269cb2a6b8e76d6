package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

var (
	_ resource.ResourceWithConfigure      = (*datasetResource)(nil)
	_ resource.ResourceWithImportState    = (*datasetResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*datasetResource)(nil)
	_ resource.ResourceWithValidateConfig = (*datasetResource)(nil)
)

// datasetNamePattern: letters, digits and underscores, never a dot
// (dss-api.md §6.3).
var datasetNamePattern = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

// NewDatasetResource returns the dataiku_dataset resource.
func NewDatasetResource() resource.Resource { return &datasetResource{} }

type datasetResource struct {
	client *dss.Client
}

type datasetResourceModel struct {
	ID                types.String         `tfsdk:"id"`
	ProjectKey        types.String         `tfsdk:"project_key"`
	Name              types.String         `tfsdk:"name"`
	Type              types.String         `tfsdk:"type"`
	Connection        types.String         `tfsdk:"connection_name"`
	Params            jsontypes.Normalized `tfsdk:"params"`
	Managed           types.Bool           `tfsdk:"managed"`
	FormatType        types.String         `tfsdk:"format_type"`
	FormatParams      jsontypes.Normalized `tfsdk:"format_params"`
	SchemaColumns     types.List           `tfsdk:"schema_columns"`
	Partitioning      types.Object         `tfsdk:"partitioning"`
	Description       types.String         `tfsdk:"description"`
	ShortDescription  types.String         `tfsdk:"short_description"`
	Tags              types.Set            `tfsdk:"tags"`
	DropDataOnDestroy types.Bool           `tfsdk:"drop_data_on_destroy"`
}

func (r *datasetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dataset"
}

func datasetColumnsSchemaAttrs() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name": schema.StringAttribute{Required: true, MarkdownDescription: "Column name, unique in the schema.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		"type": schema.StringAttribute{Required: true,
			MarkdownDescription: "DSS storage type, one of `" + strings.Join(datasetColumnTypes, "`, `") + "`.",
			Validators:          []validator.String{stringvalidator.OneOf(datasetColumnTypes...)}},
		"comment": schema.StringAttribute{Optional: true, MarkdownDescription: "Column description shown in DSS. Null leaves none."},
		"meaning": schema.StringAttribute{Optional: true, MarkdownDescription: "DSS meaning id, e.g. `Text`, `Integer`, `Email`. Null lets DSS infer it."},
		"max_length": schema.Int64Attribute{Optional: true,
			MarkdownDescription: "Maximum length of a `string` column. Null means unlimited (DSS's `-1`).",
			Validators:          []validator.Int64{int64validator.AtLeast(1)}},
	}
}

func (r *datasetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A DSS dataset: where data lives (connection, type-specific parameters), its format, schema, partitioning and documentation. " +
			"Every change is a read-modify-write of the dataset's whole definition, so settings the provider does not model " +
			"(flow options, metrics and checks, custom fields) are kept. Import with `PROJECT_KEY.dataset_name`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true,
				MarkdownDescription: "`PROJECT_KEY.dataset_name`, DSS's own reference form for a dataset; changes when the dataset is renamed."},
			"project_key": schema.StringAttribute{Required: true,
				MarkdownDescription: "Key of the DSS project holding the dataset. Changing it destroys the dataset and creates it in the new project.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{stringvalidator.RegexMatches(projectKeyPattern, projectKeyRule),
					stringvalidator.LengthAtMost(maxProjectKeyLength)}},
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: fmt.Sprintf("Dataset name, unique in the project: letters, digits and underscores, never a dot, at most %d characters. ", maxDatasetNameLength) +
					"Changing it renames the dataset in place with DSS's rename action (its data and the recipes using it follow); it is not recreated.",
				Validators: []validator.String{stringvalidator.RegexMatches(datasetNamePattern,
					"must contain only letters, digits and underscores (DSS forbids dots and other characters in dataset names)"),
					stringvalidator.LengthAtMost(maxDatasetNameLength)}},
			"type": schema.StringAttribute{Required: true,
				MarkdownDescription: "DSS dataset type, e.g. `Filesystem`, `UploadedFiles`, `S3`, `GCS`, `Azure`, `HDFS`, `PostgreSQL`, `Snowflake`, `BigQuery`, `Oracle`, `SQLServer`. " +
					"Other names (for plugin types) are passed to DSS as written. For a managed dataset it must be the type DSS uses for `connection_name`. Changing it replaces the dataset.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)}},
			"connection_name": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "DSS connection holding the data (stored by DSS as `params.connection`). Named `connection_name` because `connection` is reserved by Terraform. Required when `managed` is true. " +
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
			"params": schema.StringAttribute{Optional: true, Computed: true, CustomType: jsontypes.NormalizedType{},
				MarkdownDescription: "Type-specific parameters other than the connection, as a JSON object written with `jsonencode`, e.g. `{ path = \"/sales\" }`, " +
					"`{ mode = \"table\", schema = \"public\", table = \"orders\" }`, `{ mode = \"query\", query = \"SELECT ...\" }` or `{ bucket = \"b\", path = \"/p\" }`. " +
					"Only the top-level keys written here are managed and compared (a nested object is compared whole): parameters DSS fills in never show as changes, " +
					"and a written key changed outside Terraform shows as drift. Removing a key stops managing it; DSS keeps its value. " +
					"After an import the state holds every parameter DSS has; the plan stays empty as long as the written keys match. Changes in place.",
				Validators:    []validator.String{jsonObjectValidator{forbidConnection: true}},
				PlanModifiers: []planmodifier.String{writtenKeysPlan{}}},
			"managed": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether DSS manages the dataset's storage: a managed dataset is created with DSS's managed-dataset call on `connection_name`, DSS choosing its path or table. " +
					"Default `false`. Changing it replaces the dataset.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()}},
			"format_type": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "File format of file-based types, e.g. `csv`, `parquet`, `json`, `avro`, `excel` (DSS's `formatType`). When not set, DSS's value is kept in state. Changes in place.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"format_params": schema.StringAttribute{Optional: true, Computed: true, CustomType: jsontypes.NormalizedType{},
				MarkdownDescription: "Format options as a JSON object written with `jsonencode`, e.g. `{ separator = \",\", parseHeaderRow = true }` for `csv` (DSS's `formatParams`). " +
					"Same rule as `params`: only the keys written here are compared. Changes in place.",
				Validators:    []validator.String{jsonObjectValidator{}},
				PlanModifiers: []planmodifier.String{writtenKeysPlan{}}},
			"schema_columns": schema.ListNestedAttribute{Optional: true,
				MarkdownDescription: "The dataset's schema, in order. When set it is the schema (order matters, a reordering is a change); " +
					"when null the schema is left to DSS and recipes and never compared. Changes in place.",
				NestedObject: schema.NestedAttributeObject{Attributes: datasetColumnsSchemaAttrs()},
				Validators:   []validator.List{listvalidator.UniqueValues()}},
			"partitioning": schema.SingleNestedAttribute{Optional: true,
				MarkdownDescription: "Partitioning of the dataset. When null, DSS's partitioning is left alone; `{ dimensions = [] }` makes the dataset unpartitioned. Changes in place.",
				Attributes: map[string]schema.Attribute{
					"dimensions": schema.ListNestedAttribute{Required: true,
						MarkdownDescription: "Partitioning dimensions, in order.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"name": schema.StringAttribute{Required: true, MarkdownDescription: "Dimension name.",
								Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
							"type": schema.StringAttribute{Required: true, MarkdownDescription: "`value` (discrete values) or `time`.",
								Validators: []validator.String{stringvalidator.OneOf("value", "time")}},
							"period": schema.StringAttribute{Optional: true,
								MarkdownDescription: "For a `time` dimension (required there, not allowed on `value`): `YEAR`, `MONTH`, `DAY` or `HOUR`.",
								Validators:          []validator.String{stringvalidator.OneOf(datasetPartitionPeriods...)}},
						}}},
					"file_path_pattern": schema.StringAttribute{Optional: true,
						MarkdownDescription: "For file-based datasets, the pattern mapping files to partitions, e.g. `%Y/%M/%D/.*`."},
				}},
			"description": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Long description (DSS's `description`, markdown). Default empty. Changes in place."},
			"short_description": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Short description (DSS's `shortDesc`). Default empty. Changes in place."},
			"tags": schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
				Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "Tags of the dataset, each 1 to 256 characters. Default none. Changes in place.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthBetween(1, maxNameLength))}},
			"drop_data_on_destroy": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether destroying the resource also deletes the data (DSS's `dropData`). Default `false`: only the definition is deleted. Not stored in DSS."},
		},
	}
}

func (r *datasetResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg datasetResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.Managed.ValueBool() && cfg.Connection.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("connection_name"), "Missing connection",
			"A managed dataset (managed = true) needs connection_name: DSS creates its storage on that connection.")
	}
	if !cfg.SchemaColumns.IsNull() && !cfg.SchemaColumns.IsUnknown() {
		var cols []datasetColumnModel
		resp.Diagnostics.Append(cfg.SchemaColumns.ElementsAs(ctx, &cols, false)...)
		seen := map[string]int{}
		for i, c := range cols {
			if c.Name.IsNull() || c.Name.IsUnknown() {
				continue
			}
			if j, dup := seen[c.Name.ValueString()]; dup {
				resp.Diagnostics.AddAttributeError(path.Root("schema_columns").AtListIndex(i).AtName("name"), "Duplicate column name",
					fmt.Sprintf("schema_columns[%d].name %q is also the name of schema_columns[%d]: column names must be unique in a dataset's schema.", i, c.Name.ValueString(), j))
			}
			seen[c.Name.ValueString()] = i
		}
	}
	if cfg.Partitioning.IsNull() || cfg.Partitioning.IsUnknown() {
		return
	}
	var pm datasetPartitioningModel
	resp.Diagnostics.Append(cfg.Partitioning.As(ctx, &pm, datasetObjectAsOptions)...)
	for i, d := range pm.Dimensions {
		p := path.Root("partitioning").AtName("dimensions").AtListIndex(i).AtName("period")
		if d.Type.ValueString() == "time" && d.Period.IsNull() {
			resp.Diagnostics.AddAttributeError(p, "Missing period", "A dimension of type \"time\" needs period: YEAR, MONTH, DAY or HOUR.")
		}
		if d.Type.ValueString() == "value" && !d.Period.IsNull() && !d.Period.IsUnknown() {
			resp.Diagnostics.AddAttributeError(p, "Unexpected period", "Only dimensions of type \"time\" take a period; remove it from this \"value\" dimension.")
		}
	}
}

// ModifyPlan keeps id known when project_key and name are: it changes only
// on a rename, which the plan shows.
func (r *datasetResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan datasetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !plan.ProjectKey.IsUnknown() && !plan.Name.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), datasetID(plan.ProjectKey.ValueString(), plan.Name.ValueString()))...)
	}
}

func datasetID(projectKey, name string) string { return projectKey + "." + name }

func (r *datasetResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func datasetLabel(m datasetResourceModel) string {
	return fmt.Sprintf("dataiku_dataset %q", datasetID(m.ProjectKey.ValueString(), m.Name.ValueString()))
}

func (r *datasetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan datasetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot create " + datasetLabel(plan)
	if !requireClient(r.client, &resp.Diagnostics, summary) {
		return
	}
	planned := plan
	resp.Diagnostics.Append(writtenParams(ctx, req.Config, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	key, name := plan.ProjectKey.ValueString(), plan.Name.ValueString()

	// Refuse to adopt an existing dataset silently.
	_, err := r.client.GetDataset(ctx, key, name)
	switch {
	case err == nil:
		resp.Diagnostics.AddError(summary, fmt.Sprintf(
			"A dataset named %q already exists in project %s. To manage it with Terraform, import it:\n\n  terraform import <resource address> %s",
			name, key, datasetID(key, name)))
		return
	case !dss.IsNotFound(err):
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}

	params, _ := decodeJSONObject(plan.Params)
	if params == nil {
		params = map[string]any{}
	}
	var post func() error
	if plan.Managed.ValueBool() {
		post = func() error { return r.client.CreateManagedDataset(ctx, key, name, plan.Connection.ValueString()) }
	} else {
		if !plan.Connection.IsNull() && !plan.Connection.IsUnknown() {
			params["connection"] = plan.Connection.ValueString()
		}
		proto := map[string]any{"projectKey": key, "name": name, "type": plan.Type.ValueString(), "params": params}
		if !plan.FormatType.IsNull() && !plan.FormatType.IsUnknown() {
			proto["formatType"] = plan.FormatType.ValueString()
		}
		if fp, _ := decodeJSONObject(plan.FormatParams); fp != nil {
			proto["formatParams"] = fp
		}
		post = func() error { return r.client.CreateDataset(ctx, key, proto) }
	}
	// A lost answer: we checked above that the name was free, so a dataset
	// with this name now is ours. Look before deciding; never replay blindly.
	err = postChecked(post, existsCheck(func() error { _, err := r.client.GetDataset(ctx, key, name); return err }))
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		if isOutcomeStillUnknown(err) {
			// It may exist: record it (tainted) so the next apply deletes
			// whatever is there and creates it afresh, never an orphan.
			plan.ID = types.StringValue(datasetID(key, name))
			r.savePartial(ctx, plan, &resp.State, &resp.Diagnostics)
		}
		return
	}

	// From here on the dataset exists: on failure, record it in state (as
	// tainted) so the next apply repairs it instead of refusing a duplicate.
	plan.ID = types.StringValue(datasetID(key, name))
	doc, err := r.writeDefinition(ctx, plan)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		r.savePartial(ctx, plan, &resp.State, &resp.Diagnostics)
		return
	}
	if plan.Managed.ValueBool() && docString(doc, "type") != plan.Type.ValueString() {
		resp.Diagnostics.AddAttributeError(path.Root("type"), summary, fmt.Sprintf(
			"DSS created the managed dataset on connection %q with type %q, but the configuration says type = %q. Set type = %q.",
			plan.Connection.ValueString(), docString(doc, "type"), plan.Type.ValueString(), docString(doc, "type")))
		r.savePartial(ctx, plan, &resp.State, &resp.Diagnostics)
		return
	}
	state, diags := datasetStateFromDoc(ctx, doc, plan, false)
	resp.Diagnostics.Append(diags...)
	keepPlannedParams(&state, planned, plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// writtenParams replaces m's params and format_params, as planned, by the
// configuration's: the keys to write. The plan may hold more keys (the
// state's, when the written ones already match) or be unknown (a value
// from another resource, known by apply time).
func writtenParams(ctx context.Context, config tfsdk.Config, m *datasetResourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.Append(config.GetAttribute(ctx, path.Root("params"), &m.Params)...)
	diags.Append(config.GetAttribute(ctx, path.Root("format_params"), &m.FormatParams)...)
	return diags
}

// keepPlannedParams stores the planned params and format_params after a
// write when they are known and every written key holds in what DSS
// returned: Terraform requires the planned value, which may carry more
// keys than were written (see writtenKeysPlan).
func keepPlannedParams(state *datasetResourceModel, planned, written datasetResourceModel) {
	keep := func(got *jsontypes.Normalized, plannedValue, writtenValue jsontypes.Normalized) {
		if plannedValue.IsUnknown() || plannedValue.IsNull() || plannedValue.Equal(writtenValue) {
			return
		}
		if writtenValue.IsNull() || (!got.IsNull() && writtenKeysHold(writtenValue.ValueString(), got.ValueString())) {
			*got = plannedValue
		}
	}
	keep(&state.Params, planned.Params, written.Params)
	keep(&state.FormatParams, planned.FormatParams, written.FormatParams)
}

// savePartial stores what is known after a partial failure. Unknown
// computed values become null so the state is valid.
func (r *datasetResource) savePartial(ctx context.Context, m datasetResourceModel, st interface {
	Set(context.Context, any) diag.Diagnostics
}, diags *diag.Diagnostics) {
	if m.Connection.IsUnknown() {
		m.Connection = types.StringNull()
	}
	if m.FormatType.IsUnknown() {
		m.FormatType = types.StringNull()
	}
	diags.Append(st.Set(ctx, &m)...)
}

// writeDefinition does the read-modify-write of the whole definition for
// the modelled fields of m, then reads it back. prior is the state before
// the change (nil on create).
func (r *datasetResource) writeDefinition(ctx context.Context, m datasetResourceModel) (map[string]any, error) {
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	doc, err := r.client.GetDataset(ctx, key, name)
	if err != nil {
		return nil, err
	}
	params := docMap(doc, "params")
	if params == nil {
		params = map[string]any{}
	}
	written, _ := decodeJSONObject(m.Params)
	for k, v := range written {
		params[k] = v
	}
	if !m.Connection.IsNull() && !m.Connection.IsUnknown() {
		params["connection"] = m.Connection.ValueString()
	}
	doc["params"] = params
	if !m.FormatType.IsNull() && !m.FormatType.IsUnknown() {
		doc["formatType"] = m.FormatType.ValueString()
	}
	if fpWritten, _ := decodeJSONObject(m.FormatParams); fpWritten != nil {
		fp := docMap(doc, "formatParams")
		if fp == nil {
			fp = map[string]any{}
		}
		for k, v := range fpWritten {
			fp[k] = v
		}
		doc["formatParams"] = fp
	}
	if !m.SchemaColumns.IsNull() && !m.SchemaColumns.IsUnknown() {
		var cols []datasetColumnModel
		if d := m.SchemaColumns.ElementsAs(ctx, &cols, false); d.HasError() {
			return nil, fmt.Errorf("reading schema_columns: %v", d)
		}
		schema := map[string]any{}
		for k, v := range docMap(doc, "schema") {
			schema[k] = v
		}
		newCols := columnsToDoc(cols, schema)
		if !jsonEqual(newCols, schema["columns"]) {
			schema["userModified"] = true
		}
		schema["columns"] = newCols
		doc["schema"] = schema
	}
	if !m.Partitioning.IsNull() && !m.Partitioning.IsUnknown() {
		var pm datasetPartitioningModel
		if d := m.Partitioning.As(ctx, &pm, datasetObjectAsOptions); d.HasError() {
			return nil, fmt.Errorf("reading partitioning: %v", d)
		}
		doc["partitioning"] = partitioningToDoc(pm, docMap(doc, "partitioning"))
	}
	doc["description"] = m.Description.ValueString()
	doc["shortDesc"] = m.ShortDescription.ValueString()
	tags, d := stringsFromSet(ctx, m.Tags)
	if d.HasError() {
		return nil, fmt.Errorf("reading tags: %v", d)
	}
	doc["tags"] = tags
	if err := r.client.PutDataset(ctx, key, name, doc); err != nil {
		return nil, err
	}
	return r.client.GetDataset(ctx, key, name)
}

// datasetStateFromDoc builds the state from DSS's definition. prior gives
// the keys of params/format_params to compare and whether the optional
// blocks are managed; importing stores everything DSS has.
func datasetStateFromDoc(ctx context.Context, doc map[string]any, prior datasetResourceModel, importing bool) (datasetResourceModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	key := docString(doc, "projectKey")
	if key == "" {
		key = prior.ProjectKey.ValueString()
	}
	name := docString(doc, "name")
	out := prior
	out.ID = types.StringValue(datasetID(key, name))
	out.ProjectKey = types.StringValue(key)
	out.Name = types.StringValue(name)
	out.Type = types.StringValue(docString(doc, "type"))
	params := docMap(doc, "params")
	out.Connection = nullIfEmpty(docString(params, "connection"))
	managed, _ := doc["managed"].(bool)
	out.Managed = types.BoolValue(managed)
	out.FormatType = nullIfEmpty(docString(doc, "formatType"))

	out.Params = subsetJSON(withoutKey(params, "connection"), prior.Params, importing)
	out.FormatParams = subsetJSON(docMap(doc, "formatParams"), prior.FormatParams, importing)

	schemaDoc := docMap(doc, "schema")
	cols, _ := schemaDoc["columns"].([]any)
	if !prior.SchemaColumns.IsNull() || (importing && len(cols) > 0) {
		l, d := columnsFromDoc(ctx, schemaDoc)
		diags.Append(d...)
		out.SchemaColumns = l
	}
	part := docMap(doc, "partitioning")
	dims, _ := part["dimensions"].([]any)
	if !prior.Partitioning.IsNull() || (importing && (len(dims) > 0 || docString(part, "filePathPattern") != "")) {
		o, d := partitioningFromDoc(ctx, part)
		diags.Append(d...)
		out.Partitioning = o
	} else {
		out.Partitioning = types.ObjectNull(datasetPartitioningAttrTypes)
	}
	if out.SchemaColumns.IsNull() {
		out.SchemaColumns = types.ListNull(types.ObjectType{AttrTypes: datasetColumnAttrTypes})
	}
	out.Description = types.StringValue(docString(doc, "description"))
	out.ShortDescription = types.StringValue(docString(doc, "shortDesc"))
	tags, d := stringSetValue(ctx, docStrings(doc["tags"]))
	diags.Append(d...)
	out.Tags = tags
	if out.DropDataOnDestroy.IsNull() || out.DropDataOnDestroy.IsUnknown() {
		out.DropDataOnDestroy = types.BoolValue(false)
	}
	return out, diags
}

// subsetJSON applies the subset rule (see projectOnto). On import there is
// no configuration to take the keys from, so the whole object is stored.
func subsetJSON(fromDSS map[string]any, prior jsontypes.Normalized, importing bool) jsontypes.Normalized {
	if importing {
		if len(fromDSS) == 0 {
			return jsontypes.NewNormalizedNull()
		}
		return encodeJSONObject(fromDSS)
	}
	written, err := decodeJSONObject(prior)
	if written == nil || err != nil {
		return jsontypes.NewNormalizedNull()
	}
	proj := projectOnto(fromDSS, written)
	if sameJSON(proj, written) {
		// Keep the user's exact text: the framework would keep it anyway as
		// semantically equal, but a number written 1.0 vs 1 would not be.
		return prior
	}
	return encodeJSONObject(proj)
}

func (r *datasetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state datasetResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || r.client == nil {
		return
	}
	// One request: the definition carries schema, tags and descriptions.
	doc, err := r.client.GetDataset(ctx, state.ProjectKey.ValueString(), state.Name.ValueString())
	if dss.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Dataset no longer exists",
			fmt.Sprintf("%s was not found in DSS (the dataset or its project was deleted outside Terraform); it is removed from the state and will be planned for creation. DSS answered: %s",
				datasetLabel(state), dssErrorText(err)))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addDSSError(&resp.Diagnostics, "Cannot read "+datasetLabel(state), err)
		return
	}
	// An imported resource has only id, project_key and name: type is
	// required in configuration, so it is null only right after import.
	importing := state.Type.IsNull()
	newState, diags := datasetStateFromDoc(ctx, doc, state, importing)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &newState)...)
}

func (r *datasetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state datasetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot update " + datasetLabel(state)
	if !requireClient(r.client, &resp.Diagnostics, summary) {
		return
	}
	planned := plan
	resp.Diagnostics.Append(writtenParams(ctx, req.Config, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := plan.ProjectKey.ValueString()
	if oldName, newName := state.Name.ValueString(), plan.Name.ValueString(); oldName != newName {
		// A lost answer to the rename: done when the new name exists and the
		// old one is gone (DSS refuses a rename onto an existing name).
		err := postChecked(func() error { return r.client.RenameDataset(ctx, key, oldName, newName) }, func() (bool, error) {
			_, gerr := r.client.GetDataset(ctx, key, newName)
			if gerr == nil {
				return true, nil
			}
			if !dss.IsNotFound(gerr) {
				return false, gerr
			}
			return false, nil
		})
		if err != nil {
			addDSSError(&resp.Diagnostics, fmt.Sprintf("Cannot rename %s to %q", datasetLabel(state), newName), err)
			return
		}
		// Renamed: whatever fails next, the state must follow the new name.
		state.Name = plan.Name
		state.ID = types.StringValue(datasetID(key, newName))
	}
	doc, err := r.writeDefinition(ctx, plan)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	newState, diags := datasetStateFromDoc(ctx, doc, plan, false)
	resp.Diagnostics.Append(diags...)
	keepPlannedParams(&newState, planned, plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &newState)...)
}

func (r *datasetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state datasetResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot delete " + datasetLabel(state)
	if !requireClient(r.client, &resp.Diagnostics, summary) {
		return
	}
	err := r.client.DeleteDataset(ctx, state.ProjectKey.ValueString(), state.Name.ValueString(), state.DropDataOnDestroy.ValueBool())
	if err != nil && !dss.IsNotFound(err) {
		addDSSError(&resp.Diagnostics, summary, err)
	}
}

func (r *datasetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	key, name, err := parseDatasetImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", sentence(err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_key"), key)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
}
