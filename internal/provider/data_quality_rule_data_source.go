package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

var _ datasource.DataSourceWithConfigure = (*datasetDataQualityDataSource)(nil)

// NewDatasetDataQualityDataSource returns the dataiku_dataset_data_quality
// data source: a dataset's current data quality status and the last
// result of each rule, e.g. to gate a deployment in a check block.
func NewDatasetDataQualityDataSource() datasource.DataSource { return &datasetDataQualityDataSource{} }

type datasetDataQualityDataSource struct{ client *dss.Client }

type datasetDataQualityModel struct {
	ProjectKey  types.String `tfsdk:"project_key"`
	DatasetName types.String `tfsdk:"dataset_name"`
	Status      types.String `tfsdk:"status"`
	Rules       types.List   `tfsdk:"rules"`
}

var dataQualityResultAttrTypes = map[string]attr.Type{
	"id": types.StringType, "name": types.StringType, "outcome": types.StringType,
	"message": types.StringType, "computed_at": types.StringType,
}

func (d *datasetDataQualityDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dataset_data_quality"
}

func (d *datasetDataQualityDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a dataset's data quality as DSS last computed it: the dataset's status and the last result of each rule " +
			"(of the whole dataset, partition `NP`). Use it in a `check` block or a `precondition` to stop a plan when the data is in `ERROR`. " +
			"It reads what DSS holds and never starts a computation.\n\n**Cost.** 2 API calls.",
		Attributes: map[string]schema.Attribute{
			"project_key":  schema.StringAttribute{Required: true, MarkdownDescription: "Key of the project holding the dataset."},
			"dataset_name": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the dataset."},
			"status":       computed("The dataset's current data quality status: `OK`, `WARNING`, `ERROR`, or `EMPTY` (no rule computed), as DSS reports it."),
			"rules": schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "The last result of each rule that was computed, in DSS's order; a rule never computed has none.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":          computed("The rule's id (the `id` of its `dataiku_data_quality_rule`)."),
					"name":        computed("The rule's name."),
					"outcome":     computed("The outcome: `OK`, `WARNING`, `ERROR` or `EMPTY`."),
					"message":     computed("DSS's message about the outcome."),
					"computed_at": computed("When DSS computed it (RFC 3339, UTC); empty when DSS gives no date."),
				}}},
		},
	}
}

func (d *datasetDataQualityDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *datasetDataQualityDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m datasetDataQualityModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	key, ds := m.ProjectKey.ValueString(), m.DatasetName.ValueString()
	summary := fmt.Sprintf("Cannot read data.dataiku_dataset_data_quality of dataset %s.%s", key, ds)
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	status, err := d.client.GetDataQualityStatus(ctx, key, ds)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	results, err := d.client.LastDataQualityResults(ctx, key, ds, "NP")
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	objs := make([]attr.Value, 0, len(results))
	for _, r := range results {
		o, diags := types.ObjectValue(dataQualityResultAttrTypes, map[string]attr.Value{
			"id": types.StringValue(r.ID), "name": types.StringValue(r.Name), "outcome": types.StringValue(r.Outcome),
			"message": types.StringValue(r.Message), "computed_at": types.StringValue(millisRFC3339(r.ComputeDate.String())),
		})
		resp.Diagnostics.Append(diags...)
		objs = append(objs, o)
	}
	list, diags := types.ListValue(types.ObjectType{AttrTypes: dataQualityResultAttrTypes}, objs)
	resp.Diagnostics.Append(diags...)
	m.Status, m.Rules = types.StringValue(status), list
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// millisRFC3339 renders DSS's milliseconds since the epoch; "" for none.
func millisRFC3339(ms string) string {
	var n int64
	if _, err := fmt.Sscan(ms, &n); err != nil || n == 0 {
		return ""
	}
	return time.UnixMilli(n).UTC().Format(time.RFC3339)
}
