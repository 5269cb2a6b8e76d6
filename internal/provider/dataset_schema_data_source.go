package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

var _ datasource.DataSourceWithConfigure = (*datasetSchemaDataSource)(nil)

// NewDatasetSchemaDataSource returns the dataiku_dataset_schema data source.
func NewDatasetSchemaDataSource() datasource.DataSource { return &datasetSchemaDataSource{} }

// datasetSchemaDataSource reads the schema DSS holds now, whoever set it
// (a recipe, a user, this provider): one GET of …/schema.
type datasetSchemaDataSource struct{ client *dss.Client }

type datasetSchemaModel struct {
	ID           types.String `tfsdk:"id"`
	ProjectKey   types.String `tfsdk:"project_key"`
	Name         types.String `tfsdk:"name"`
	Columns      types.List   `tfsdk:"columns"`
	UserModified types.Bool   `tfsdk:"user_modified"`
}

func (d *datasetSchemaDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dataset_schema"
}

func (d *datasetSchemaDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the schema a DSS dataset has now (DSS's `GET /projects/{key}/datasets/{name}/schema`), " +
			"including one set by a recipe or in DSS's interface, e.g. to check the columns a downstream configuration relies on.",
		Attributes: map[string]schema.Attribute{
			"id":          computed("`PROJECT_KEY.dataset_name`."),
			"project_key": schema.StringAttribute{Required: true, MarkdownDescription: "Key of the project holding the dataset."},
			"name":        schema.StringAttribute{Required: true, MarkdownDescription: "Dataset name."},
			"columns": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Columns in order (empty when DSS has no schema).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":       computed("Column name."),
					"type":       computed("DSS storage type, e.g. `string`, `bigint`, `date`."),
					"comment":    computed("Column comment; null when none."),
					"meaning":    computed("Meaning id; null when DSS infers it."),
					"max_length": schema.Int64Attribute{Computed: true, MarkdownDescription: "Maximum length; null when unlimited."},
				}}},
			"user_modified": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether the schema was set by hand (DSS's `userModified`), so DSS does not infer it again."},
		},
	}
}

func (d *datasetSchemaDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *datasetSchemaDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m datasetSchemaModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	summary := fmt.Sprintf("Cannot read the schema of dataset %q", datasetID(key, name))
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	s, err := d.client.GetDatasetSchema(ctx, key, name)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	cols, diags := columnsValue(ctx, s.Columns)
	resp.Diagnostics.Append(diags...)
	m.ID = types.StringValue(datasetID(key, name))
	m.Columns = cols
	m.UserModified = types.BoolValue(s.UserModified != nil && *s.UserModified)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
