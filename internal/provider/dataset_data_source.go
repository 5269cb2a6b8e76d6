package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

var (
	_ datasource.DataSourceWithConfigure = (*datasetDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*datasetsDataSource)(nil)
)

// NewDatasetDataSource returns the dataiku_dataset data source.
func NewDatasetDataSource() datasource.DataSource { return &datasetDataSource{} }

type datasetDataSource struct{ client *dss.Client }

type datasetDataSourceModel struct {
	ID               types.String         `tfsdk:"id"`
	ProjectKey       types.String         `tfsdk:"project_key"`
	Name             types.String         `tfsdk:"name"`
	Type             types.String         `tfsdk:"type"`
	Connection       types.String         `tfsdk:"connection_name"`
	Params           jsontypes.Normalized `tfsdk:"params"`
	Managed          types.Bool           `tfsdk:"managed"`
	FormatType       types.String         `tfsdk:"format_type"`
	FormatParams     jsontypes.Normalized `tfsdk:"format_params"`
	SchemaColumns    types.List           `tfsdk:"schema_columns"`
	Partitioning     types.Object         `tfsdk:"partitioning"`
	Description      types.String         `tfsdk:"description"`
	ShortDescription types.String         `tfsdk:"short_description"`
	Tags             types.Set            `tfsdk:"tags"`
}

func (d *datasetDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dataset"
}

func (d *datasetDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one DSS dataset's definition (DSS's `GET /projects/{key}/datasets/{name}`), e.g. to reuse a dataset's connection or schema.",
		Attributes: map[string]schema.Attribute{
			"id":                computed("`PROJECT_KEY.dataset_name`."),
			"project_key":       schema.StringAttribute{Required: true, MarkdownDescription: "Key of the project holding the dataset."},
			"name":              schema.StringAttribute{Required: true, MarkdownDescription: "Dataset name."},
			"type":              computed("DSS dataset type, e.g. `Filesystem` or `PostgreSQL`."),
			"connection_name":   computed("DSS connection of the dataset (`params.connection`); null when the type has none."),
			"params":            schema.StringAttribute{Computed: true, CustomType: jsontypes.NormalizedType{}, MarkdownDescription: "All type-specific parameters other than the connection, as JSON (decode with `jsondecode`), including those DSS filled in."},
			"managed":           schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether DSS manages the dataset's storage."},
			"format_type":       computed("File format (`formatType`), null for non-file types."),
			"format_params":     schema.StringAttribute{Computed: true, CustomType: jsontypes.NormalizedType{}, MarkdownDescription: "Format options as JSON; null when DSS has none."},
			"description":       computed("Long description."),
			"short_description": computed("Short description."),
			"tags":              schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags of the dataset."},
			"schema_columns": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Schema columns in order (empty when DSS has no schema).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":       computed("Column name."),
					"type":       computed("Storage type."),
					"comment":    computed("Column comment."),
					"meaning":    computed("Meaning id."),
					"max_length": schema.Int64Attribute{Computed: true, MarkdownDescription: "Maximum length; null when unlimited."},
				}}},
			"partitioning": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Partitioning (no dimensions when not partitioned).",
				Attributes: map[string]schema.Attribute{
					"dimensions": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Dimensions in order.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"name":   computed("Dimension name."),
							"type":   computed("`value` or `time`."),
							"period": computed("Period of a `time` dimension."),
						}}},
					"file_path_pattern": computed("File path pattern of a file-based dataset."),
				}},
		},
	}
}

func (d *datasetDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *datasetDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg datasetDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	label := fmt.Sprintf("data.dataiku_dataset %q", datasetID(cfg.ProjectKey.ValueString(), cfg.Name.ValueString()))
	if !requireClient(d.client, &resp.Diagnostics, "Cannot read "+label) {
		return
	}
	doc, err := d.client.GetDataset(ctx, cfg.ProjectKey.ValueString(), cfg.Name.ValueString())
	if err != nil {
		addDSSError(&resp.Diagnostics, "Cannot read "+label, err)
		return
	}
	// Reuse the resource's conversion as an import: everything DSS has.
	prior := datasetResourceModel{
		ProjectKey:    cfg.ProjectKey,
		SchemaColumns: types.ListValueMust(types.ObjectType{AttrTypes: datasetColumnAttrTypes}, []attr.Value{}),
	}
	m, diags := datasetStateFromDoc(ctx, doc, prior, true)
	resp.Diagnostics.Append(diags...)
	if m.Partitioning.IsNull() {
		o, dd := partitioningFromDoc(ctx, docMap(doc, "partitioning"))
		resp.Diagnostics.Append(dd...)
		m.Partitioning = o
	}
	out := datasetDataSourceModel{
		ID: m.ID, ProjectKey: m.ProjectKey, Name: m.Name, Type: m.Type, Connection: m.Connection,
		Params: m.Params, Managed: m.Managed, FormatType: m.FormatType, FormatParams: m.FormatParams,
		SchemaColumns: m.SchemaColumns, Partitioning: m.Partitioning, Description: m.Description,
		ShortDescription: m.ShortDescription, Tags: m.Tags,
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}

// NewDatasetsDataSource returns the dataiku_datasets data source.
func NewDatasetsDataSource() datasource.DataSource { return &datasetsDataSource{} }

type datasetsDataSource struct{ client *dss.Client }

type datasetsDataSourceModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Tags       types.Set    `tfsdk:"tags"`
	Type       types.String `tfsdk:"type"`
	Datasets   types.List   `tfsdk:"datasets"`
}

type datasetsItemModel struct {
	Name       types.String `tfsdk:"name"`
	Type       types.String `tfsdk:"type"`
	Connection types.String `tfsdk:"connection_name"`
	Managed    types.Bool   `tfsdk:"managed"`
	Tags       types.Set    `tfsdk:"tags"`
}

var datasetsItemAttrTypes = map[string]attr.Type{
	"name": types.StringType, "type": types.StringType, "connection_name": types.StringType,
	"managed": types.BoolType, "tags": types.SetType{ElemType: types.StringType},
}

func (d *datasetsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_datasets"
}

func (d *datasetsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the datasets of a DSS project (DSS's `GET /projects/{key}/datasets/`), optionally filtered by tag and type.",
		Attributes: map[string]schema.Attribute{
			"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "The project key."},
			"project_key": schema.StringAttribute{Required: true, MarkdownDescription: "Key of the project."},
			"tags": schema.SetAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Keep only datasets carrying at least one of these tags (DSS's own `tags` filter). Null or empty: no tag filter."},
			"type": schema.StringAttribute{Optional: true, MarkdownDescription: "Keep only datasets of this DSS type, e.g. `PostgreSQL`."},
			"datasets": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The matching datasets, sorted by name.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":            schema.StringAttribute{Computed: true, MarkdownDescription: "Dataset name."},
					"type":            schema.StringAttribute{Computed: true, MarkdownDescription: "DSS dataset type."},
					"connection_name": schema.StringAttribute{Computed: true, MarkdownDescription: "DSS connection; null when the type has none."},
					"managed":         schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether DSS manages the storage."},
					"tags":            schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags."},
				}}},
		},
	}
}

func (d *datasetsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *datasetsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg datasetsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := fmt.Sprintf("Cannot list the datasets of project %q", cfg.ProjectKey.ValueString())
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	tags, diags := stringsFromSet(ctx, cfg.Tags)
	resp.Diagnostics.Append(diags...)
	docs, err := d.client.ListDatasets(ctx, cfg.ProjectKey.ValueString(), tags)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	items := []datasetsItemModel{}
	for _, doc := range docs {
		if !cfg.Type.IsNull() && docString(doc, "type") != cfg.Type.ValueString() {
			continue
		}
		managed, _ := doc["managed"].(bool)
		t, dd := stringSetValue(ctx, docStrings(doc["tags"]))
		resp.Diagnostics.Append(dd...)
		items = append(items, datasetsItemModel{
			Name: types.StringValue(docString(doc, "name")), Type: types.StringValue(docString(doc, "type")),
			Connection: nullIfEmpty(docString(docMap(doc, "params"), "connection")),
			Managed:    types.BoolValue(managed), Tags: t,
		})
	}
	sortDatasetItems(items)
	list, dd := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: datasetsItemAttrTypes}, items)
	resp.Diagnostics.Append(dd...)
	cfg.ID = cfg.ProjectKey
	cfg.Datasets = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

func sortDatasetItems(items []datasetsItemModel) {
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && items[j].Name.ValueString() < items[j-1].Name.ValueString(); j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
}
