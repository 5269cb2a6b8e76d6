package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

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
			"partitioning": partitioningDataSourceAttribute("dataset"),
		},
	}
}

func (d *datasetDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *datasetDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m datasetModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := fmt.Sprintf("Cannot read data.dataiku_dataset %q", datasetID(m.ProjectKey.ValueString(), m.Name.ValueString()))
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	ds, err := dss.DatasetDoc(m.ProjectKey.ValueString(), m.Name.ValueString()).Get(ctx, d.client)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	resp.Diagnostics.Append(datasetFromDSS(ctx, ds, &m, fillAll)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
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
	datasets, err := d.client.ListDatasets(ctx, cfg.ProjectKey.ValueString(), tags)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	items := []datasetsItemModel{}
	for _, ds := range datasets {
		if known(cfg.Type) && ds.Type != cfg.Type.ValueString() {
			continue
		}
		t, dd := stringSetValue(ctx, ds.Tags)
		resp.Diagnostics.Append(dd...)
		items = append(items, datasetsItemModel{
			Name: types.StringValue(ds.Name), Type: types.StringValue(ds.Type),
			Connection: nullIfEmpty(ds.Connection()), Managed: types.BoolValue(ds.Managed), Tags: t,
		})
	}
	slices.SortFunc(items, func(a, b datasetsItemModel) int { return strings.Compare(a.Name.ValueString(), b.Name.ValueString()) })
	list, dd := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: datasetsItemAttrTypes}, items)
	resp.Diagnostics.Append(dd...)
	cfg.ID = cfg.ProjectKey
	cfg.Datasets = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
