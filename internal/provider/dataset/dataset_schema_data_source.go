package dataset

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewDatasetSchemaDataSource returns the dataiku_dataset_schema data source.
func NewDatasetSchemaDataSource() datasource.DataSource {
	return &kit.DataSource[datasetSchemaModel]{Name: "dataset_schema", SchemaFunc: datasetSchemaDataSourceSchema, ReadObject: readDatasetSchemaDataSource,
		Summary: func(m *datasetSchemaModel) string {
			return fmt.Sprintf("Cannot read the schema of dataset %q", datasetID(m.ProjectKey.ValueString(), m.Name.ValueString()))
		}}
}

type datasetSchemaModel struct {
	ID           types.String `tfsdk:"id"`
	ProjectKey   types.String `tfsdk:"project_key"`
	Name         types.String `tfsdk:"name"`
	Columns      types.List   `tfsdk:"columns"`
	UserModified types.Bool   `tfsdk:"user_modified"`
}

func datasetSchemaDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads the schema a DSS dataset has now (DSS's `GET /projects/{key}/datasets/{name}/schema`), " +
			"including one set by a recipe or in DSS's interface, e.g. to check the columns a downstream configuration relies on.",
		Attributes: map[string]schema.Attribute{
			"id":          kit.ComputedString("`PROJECT_KEY.dataset_name`."),
			"project_key": kit.ProjectKeyAttribute("the dataset"),
			"name":        schema.StringAttribute{Required: true, MarkdownDescription: "Dataset name."},
			"columns": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Columns in order (empty when DSS has no schema).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":       kit.ComputedString("Column name."),
					"type":       kit.ComputedString("DSS storage type, e.g. `string`, `bigint`, `date`."),
					"comment":    kit.ComputedString("Column comment; null when none."),
					"meaning":    kit.ComputedString("Meaning id; null when DSS infers it."),
					"max_length": schema.Int64Attribute{Computed: true, MarkdownDescription: "Maximum length; null when unlimited."},
				}}},
			"user_modified": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether the schema was set by hand (DSS's `userModified`), so DSS does not infer it again."},
		},
	}
}

// readDatasetSchemaDataSource reads the schema DSS holds now, whoever set
// it (a recipe, a user, this provider): one GET of …/schema.
func readDatasetSchemaDataSource(ctx context.Context, c *dss.Client, m *datasetSchemaModel, diagnostics *diag.Diagnostics) error {
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	s, err := c.GetDatasetSchema(ctx, key, name)
	if err != nil {
		return err
	}
	cols, diags := columnsValue(ctx, s.Columns)
	diagnostics.Append(diags...)
	m.ID = types.StringValue(datasetID(key, name))
	m.Columns = cols
	m.UserModified = types.BoolValue(s.UserModified != nil && *s.UserModified)
	return nil
}
