package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

var _ datasource.DataSourceWithConfigure = (*datasetMetricsDataSource)(nil)

// NewDatasetMetricsDataSource returns the dataiku_dataset_metrics data
// source.
func NewDatasetMetricsDataSource() datasource.DataSource { return &datasetMetricsDataSource{} }

// datasetMetricsDataSource reads the last computed metric values of one
// partition: one GET of …/metrics/last/{partition}. It never computes.
type datasetMetricsDataSource struct{ client *dss.Client }

type datasetMetricsModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Name       types.String `tfsdk:"name"`
	Partition  types.String `tfsdk:"partition"`
	Metrics    types.Map    `tfsdk:"metrics"`
}

type metricValueModel struct {
	Value      types.String `tfsdk:"value"`
	Type       types.String `tfsdk:"type"`
	ComputedAt types.String `tfsdk:"computed_at"`
}

var metricValueAttrTypes = map[string]attr.Type{
	"value": types.StringType, "type": types.StringType, "computed_at": types.StringType,
}

func (d *datasetMetricsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dataset_metrics"
}

func (d *datasetMetricsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the last computed metric values of a DSS dataset's partition (DSS's `GET /projects/{key}/datasets/{name}/metrics/last/{partition}`), " +
			"e.g. to fail a plan in a `check` block when a record count is too low. It reads what DSS last computed; it never starts a computation.",
		Attributes: map[string]schema.Attribute{
			"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "`PROJECT_KEY.dataset_name/partition`."},
			"project_key": schema.StringAttribute{Required: true, MarkdownDescription: "Key of the project holding the dataset."},
			"name":        schema.StringAttribute{Required: true, MarkdownDescription: "Dataset name."},
			"partition": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Partition id: `NP` (the default) for an unpartitioned dataset, `ALL` for the whole of a partitioned one, " +
					"or one partition id (dimension values joined with `|`).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"metrics": schema.MapNestedAttribute{Computed: true,
				MarkdownDescription: "Last values by metric id, e.g. `records:COUNT_RECORDS`. Empty when nothing was computed for the partition.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"value": schema.StringAttribute{Computed: true,
						MarkdownDescription: "The value as DSS sends it, as text; convert with `tonumber` for a numeric `type`."},
					"type": schema.StringAttribute{Computed: true,
						MarkdownDescription: "DSS's data type of the value, e.g. `BIGINT`, `DOUBLE`, `STRING`."},
					"computed_at": schema.StringAttribute{Computed: true,
						MarkdownDescription: "When DSS computed it (RFC 3339, UTC); null when DSS does not say."},
				}}},
		},
	}
}

func (d *datasetMetricsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *datasetMetricsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m datasetMetricsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	partition := dss.NotPartitioned
	if known(m.Partition) {
		partition = m.Partition.ValueString()
	}
	summary := fmt.Sprintf("Cannot read the metrics of dataset %q, partition %q", datasetID(key, name), partition)
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	last, err := d.client.LastMetricValues(ctx, key, name, partition)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	values := map[string]metricValueModel{}
	for _, lm := range last {
		for _, v := range lm.LastValues {
			// Each value names its partition; keep the requested one's.
			if v.Partition != "" && v.Partition != partition {
				continue
			}
			typ := v.DataType
			if typ == "" {
				typ = "STRING" // DSS's default (dss-api-more.md §1.5)
			}
			at := types.StringNull()
			if v.Time > 0 {
				at = types.StringValue(time.UnixMilli(v.Time).UTC().Format(time.RFC3339))
			}
			values[lm.Metric.ID] = metricValueModel{Value: types.StringValue(v.Value), Type: types.StringValue(typ), ComputedAt: at}
		}
	}
	mv, diags := types.MapValueFrom(ctx, types.ObjectType{AttrTypes: metricValueAttrTypes}, values)
	resp.Diagnostics.Append(diags...)
	m.ID = types.StringValue(datasetID(key, name) + "/" + partition)
	m.Partition = types.StringValue(partition)
	m.Metrics = mv
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
