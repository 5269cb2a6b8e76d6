package dataset

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewDatasetPartitionsDataSource returns the dataiku_dataset_partitions
// data source.
func NewDatasetPartitionsDataSource() datasource.DataSource {
	return &kit.DataSource[datasetPartitionsModel]{Name: "dataset_partitions", SchemaFunc: datasetPartitionsDataSourceSchema,
		ReadObject: readDatasetPartitionsDataSource, Summary: datasetPartitionsSummary}
}

type datasetPartitionsModel struct {
	ID          types.String `tfsdk:"id"`
	ProjectKey  types.String `tfsdk:"project_key"`
	Name        types.String `tfsdk:"name"`
	Prefix      types.String `tfsdk:"prefix"`
	Partitioned types.Bool   `tfsdk:"partitioned"`
	IDs         types.List   `tfsdk:"ids"`
}

func datasetPartitionsDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the partitions a DSS dataset has now (DSS's `GET /projects/{key}/datasets/{name}/partitions`), " +
			"e.g. to check that yesterday's partition was built before deploying what reads it.",
		Attributes: map[string]schema.Attribute{
			"id":          kit.ComputedString("`PROJECT_KEY.dataset_name`."),
			"project_key": kit.ProjectKeyAttribute("the dataset"),
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

func datasetPartitionsSummary(m *datasetPartitionsModel) string {
	return fmt.Sprintf("Cannot list the partitions of dataset %q", datasetID(m.ProjectKey.ValueString(), m.Name.ValueString()))
}

// readDatasetPartitionsDataSource lists a dataset's partitions: one GET of
// the definition (is it partitioned?) and, when it is, one of …/partitions.
func readDatasetPartitionsDataSource(ctx context.Context, c *dss.Client, m *datasetPartitionsModel, diagnostics *diag.Diagnostics) error {
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	ds, err := dss.DatasetDoc(key, name).Get(ctx, c)
	if err != nil {
		return err
	}
	// Dimensions make partitions; a file path pattern alone does not.
	partitioned := ds.Partitioning != nil && len(ds.Partitioning.Dimensions) > 0
	if !partitioned && kit.Known(m.Prefix) {
		diagnostics.AddAttributeError(path.Root("prefix"), datasetPartitionsSummary(m), fmt.Sprintf(
			"prefix = %q filters partitions, but dataset %q is not partitioned: it has no partitions. Remove prefix, or partition the dataset.",
			m.Prefix.ValueString(), datasetID(key, name)))
		return nil
	}
	ids := []string{}
	if partitioned {
		all, err := c.ListDatasetPartitions(ctx, key, name)
		if err != nil {
			return err
		}
		for _, id := range all {
			if strings.HasPrefix(id, m.Prefix.ValueString()) {
				ids = append(ids, id)
			}
		}
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, ids)
	diagnostics.Append(diags...)
	m.ID = types.StringValue(datasetID(key, name))
	m.Partitioned = types.BoolValue(partitioned)
	m.IDs = list
	return nil
}
