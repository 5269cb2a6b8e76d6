package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

var _ datasource.DataSourceWithConfigure = (*datasetPartitionsDataSource)(nil)

// NewDatasetPartitionsDataSource returns the dataiku_dataset_partitions
// data source.
func NewDatasetPartitionsDataSource() datasource.DataSource { return &datasetPartitionsDataSource{} }

// datasetPartitionsDataSource lists a dataset's partitions: one GET of the
// definition (is it partitioned?) and, when it is, one of …/partitions.
type datasetPartitionsDataSource struct{ client *dss.Client }

type datasetPartitionsModel struct {
	ID          types.String `tfsdk:"id"`
	ProjectKey  types.String `tfsdk:"project_key"`
	Name        types.String `tfsdk:"name"`
	Prefix      types.String `tfsdk:"prefix"`
	Partitioned types.Bool   `tfsdk:"partitioned"`
	IDs         types.List   `tfsdk:"ids"`
}

func (d *datasetPartitionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dataset_partitions"
}

func (d *datasetPartitionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the partitions a DSS dataset has now (DSS's `GET /projects/{key}/datasets/{name}/partitions`), " +
			"e.g. to check that yesterday's partition was built before deploying what reads it.",
		Attributes: map[string]schema.Attribute{
			"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "`PROJECT_KEY.dataset_name`."},
			"project_key": schema.StringAttribute{Required: true, MarkdownDescription: "Key of the project holding the dataset."},
			"name":        schema.StringAttribute{Required: true, MarkdownDescription: "Dataset name."},
			"prefix": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Keep only the partition ids starting with this text, e.g. `2024-01` for January's days. " +
					"A multi-dimension id joins its dimension values with `|`, in the order of the dimensions. Not allowed on an unpartitioned dataset (an error).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"partitioned": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the dataset has partitioning dimensions."},
			"ids": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "The partition ids, in DSS's order (empty for an unpartitioned dataset)."},
		},
	}
}

func (d *datasetPartitionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *datasetPartitionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m datasetPartitionsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	summary := fmt.Sprintf("Cannot list the partitions of dataset %q", datasetID(key, name))
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	ds, err := dss.DatasetDoc(key, name).Get(ctx, d.client)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	// Dimensions make partitions; a file path pattern alone does not.
	partitioned := ds.Partitioning != nil && len(ds.Partitioning.Dimensions) > 0
	if !partitioned && known(m.Prefix) {
		resp.Diagnostics.AddAttributeError(path.Root("prefix"), summary, fmt.Sprintf(
			"prefix = %q filters partitions, but dataset %q is not partitioned: it has no partitions. Remove prefix, or partition the dataset.",
			m.Prefix.ValueString(), datasetID(key, name)))
		return
	}
	ids := []string{}
	if partitioned {
		all, err := d.client.ListDatasetPartitions(ctx, key, name)
		if err != nil {
			addDSSError(&resp.Diagnostics, summary, err)
			return
		}
		for _, id := range all {
			if strings.HasPrefix(id, m.Prefix.ValueString()) {
				ids = append(ids, id)
			}
		}
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, ids)
	resp.Diagnostics.Append(diags...)
	m.ID = types.StringValue(datasetID(key, name))
	m.Partitioned = types.BoolValue(partitioned)
	m.IDs = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
