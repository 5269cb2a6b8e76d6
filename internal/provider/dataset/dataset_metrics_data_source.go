package dataset

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewDatasetMetricsDataSource returns the dataiku_dataset_metrics data
// source.
func NewDatasetMetricsDataSource() datasource.DataSource {
	return &kit.DataSource[datasetMetricsModel]{Name: "dataset_metrics", SchemaFunc: datasetMetricsDataSourceSchema, ReadObject: readDatasetMetricsDataSource,
		Summary: func(m *datasetMetricsModel) string {
			return fmt.Sprintf("Cannot read the metrics of dataset %q, partition %q",
				datasetID(m.ProjectKey.ValueString(), m.Name.ValueString()), metricsPartition(m))
		}}
}

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

func datasetMetricsDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads the last computed metric values of a DSS dataset's partition (DSS's `GET /projects/{key}/datasets/{name}/metrics/last/{partition}`), " +
			"e.g. to fail a plan in a `check` block when a record count is too low. It reads what DSS last computed; it never starts a computation.",
		Attributes: map[string]schema.Attribute{
			"id":          kit.ComputedString("`PROJECT_KEY.dataset_name/partition`."),
			"project_key": kit.ProjectKeyAttribute("the dataset"),
			"name":        schema.StringAttribute{Required: true, MarkdownDescription: "Dataset name."},
			"partition": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Partition id: `NP` (the default) for an unpartitioned dataset, `ALL` for the whole of a partitioned one, " +
					"or one partition id (dimension values joined with `|`).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"metrics": schema.MapNestedAttribute{Computed: true,
				MarkdownDescription: "Last values by metric id, e.g. `records:COUNT_RECORDS`. Empty when nothing was computed for the partition.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"value":       kit.ComputedString("The value as DSS sends it, as text; convert with `tonumber` for a numeric `type`."),
					"type":        kit.ComputedString("DSS's data type of the value, e.g. `BIGINT`, `DOUBLE`, `STRING`."),
					"computed_at": kit.ComputedString("When DSS computed it (RFC 3339, UTC); null when DSS does not say."),
				}}},
		},
	}
}

// metricsPartition is the partition m asks for, NP when not set.
func metricsPartition(m *datasetMetricsModel) string {
	if kit.Known(m.Partition) {
		return m.Partition.ValueString()
	}
	return dss.NotPartitioned
}

// readDatasetMetricsDataSource reads the last computed metric values of
// one partition: one GET of …/metrics/last/{partition}. It never computes.
func readDatasetMetricsDataSource(ctx context.Context, c *dss.Client, m *datasetMetricsModel, diagnostics *diag.Diagnostics) error {
	key, name, partition := m.ProjectKey.ValueString(), m.Name.ValueString(), metricsPartition(m)
	last, err := c.LastMetricValues(ctx, key, name, partition)
	if err != nil {
		return err
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
	diagnostics.Append(diags...)
	m.ID = types.StringValue(datasetID(key, name) + "/" + partition)
	m.Partition = types.StringValue(partition)
	m.Metrics = mv
	return nil
}
