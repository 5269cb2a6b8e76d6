package dataset

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewDatasetDataQualityDataSource returns the dataiku_dataset_data_quality
// data source: a dataset's current data quality status and the last
// result of each rule, e.g. to gate a deployment in a check block.
func NewDatasetDataQualityDataSource() datasource.DataSource {
	return &kit.DataSource[datasetDataQualityModel]{Name: "dataset_data_quality", SchemaFunc: datasetDataQualityDataSourceSchema, ReadObject: readDatasetDataQualityDataSource,
		Summary: func(m *datasetDataQualityModel) string {
			return fmt.Sprintf("Cannot read data.dataiku_dataset_data_quality of dataset %s.%s", m.ProjectKey.ValueString(), m.DatasetName.ValueString())
		}}
}

type datasetDataQualityModel struct {
	ProjectKey  types.String `tfsdk:"project_key"`
	DatasetName types.String `tfsdk:"dataset_name"`
	Status      types.String `tfsdk:"status"`
	Rules       types.List   `tfsdk:"rules"`
}

var dataQualityResultAttrTypes = kit.ListItemTypes(datasetDataQualityDataSourceSchema(), "rules")

func datasetDataQualityDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads a dataset's data quality as DSS last computed it: the dataset's status and the last result of each rule " +
			"(of the whole dataset, partition `NP`). Use it in a `check` block or a `precondition` to stop a plan when the data is in `ERROR`. " +
			"It reads what DSS holds and never starts a computation.\n\n**Cost.** 2 API calls.",
		Attributes: map[string]schema.Attribute{
			"project_key":  kit.ProjectKeyAttribute("the dataset"),
			"dataset_name": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the dataset."},
			"status":       kit.ComputedString("The dataset's current data quality status: `OK`, `WARNING`, `ERROR`, or `EMPTY` (no rule computed), as DSS reports it."),
			"rules": schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "The last result of each rule that was computed, in DSS's order; a rule never computed has none.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":          kit.ComputedString("The rule's id (the `id` of its `dataiku_data_quality_rule`)."),
					"name":        kit.ComputedString("The rule's name."),
					"outcome":     kit.ComputedString("The outcome: `OK`, `WARNING`, `ERROR` or `EMPTY`."),
					"message":     kit.ComputedString("DSS's message about the outcome."),
					"computed_at": kit.ComputedString("When DSS computed it (RFC 3339, UTC); empty when DSS gives no date."),
				}}},
		},
	}
}

func readDatasetDataQualityDataSource(ctx context.Context, c *dss.Client, m *datasetDataQualityModel, diagnostics *diag.Diagnostics) error {
	key, ds := m.ProjectKey.ValueString(), m.DatasetName.ValueString()
	status, err := c.GetDataQualityStatus(ctx, key, ds)
	if err != nil {
		return err
	}
	results, err := c.LastDataQualityResults(ctx, key, ds, "NP")
	if err != nil {
		return err
	}
	m.Status, m.Rules = types.StringValue(status), kit.ObjectsList(dataQualityResultAttrTypes, results, nil, func(r *dss.DataQualityResult) map[string]attr.Value {
		return map[string]attr.Value{
			"id": types.StringValue(r.ID), "name": types.StringValue(r.Name), "outcome": types.StringValue(r.Outcome),
			"message": types.StringValue(r.Message), "computed_at": types.StringValue(millisRFC3339(r.ComputeDate.String())),
		}
	}, diagnostics)
	return nil
}

// millisRFC3339 renders DSS's milliseconds since the epoch; "" for none.
func millisRFC3339(ms string) string {
	var n int64
	if _, err := fmt.Sscan(ms, &n); err != nil || n == 0 {
		return ""
	}
	return time.UnixMilli(n).UTC().Format(time.RFC3339)
}
