package dataset

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewDatasetDataSource returns the dataiku_dataset data source.
func NewDatasetDataSource() datasource.DataSource {
	return &kit.DataSource[DatasetModel]{Name: "dataset", Mirror: &datasetDataSourceSchema, ReadObject: readDatasetDataSource,
		Summary: func(m *DatasetModel) string {
			return fmt.Sprintf("Cannot read data.dataiku_dataset %q", datasetID(m.ProjectKey.ValueString(), m.Name.ValueString()))
		}}
}

// datasetDataSourceSchema is the dataset resource's schema, computed,
// read by project_key and name.
var datasetDataSourceSchema = kit.MirroredSchema{Resource: NewDatasetResource,
	Description: "Reads one DSS dataset's definition (DSS's `GET /projects/{key}/datasets/{name}`), e.g. to reuse a dataset's connection or schema.",
	Own: map[string]schema.Attribute{
		"project_key": kit.ProjectKeyAttribute("the dataset"),
		"name":        schema.StringAttribute{Required: true, MarkdownDescription: "Dataset name."},
	},
	Omit: map[string]string{
		"metrics":              "read with dataiku_dataset_metrics",
		"checks":               "read with dataiku_dataset_metrics",
		"drop_data_on_destroy": "not stored in DSS",
	},
	Describe: kit.Describing(kit.DocumentationDescriptions("dataset"), kit.PartitioningDescriptions("dataset"), map[string]string{
		"id":                        "`PROJECT_KEY.dataset_name`.",
		"type":                      "DSS dataset type, e.g. `Filesystem` or `PostgreSQL`.",
		"connection_name":           "DSS connection of the dataset (`params.connection`); null when the type has none.",
		"params":                    "All type-specific parameters other than the connection, as an object, including those DSS filled in.",
		"managed":                   "Whether DSS manages the dataset's storage.",
		"format_type":               "File format (`formatType`), null for non-file types.",
		"format_params":             "Format options as an object; null when DSS has none.",
		"schema_columns":            "Schema columns in order (empty when DSS has no schema).",
		"schema_columns.name":       "Column name.",
		"schema_columns.type":       "Storage type.",
		"schema_columns.comment":    "Column comment.",
		"schema_columns.meaning":    "Meaning id.",
		"schema_columns.max_length": "Maximum length; null when unlimited.",
	}),
}

func readDatasetDataSource(ctx context.Context, c *dss.Client, m *DatasetModel, diagnostics *diag.Diagnostics) error {
	ds, err := dss.DatasetDoc(m.ProjectKey.ValueString(), m.Name.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	diagnostics.Append(DatasetFromDSS(ctx, ds, m, fillAll)...)
	return nil
}

// NewDatasetsDataSource returns the dataiku_datasets data source.
func NewDatasetsDataSource() datasource.DataSource {
	return &kit.DataSource[datasetsDataSourceModel]{Name: "datasets", SchemaFunc: datasetsDataSourceSchema, ReadObject: readDatasetsDataSource,
		Summary: func(m *datasetsDataSourceModel) string {
			return fmt.Sprintf("Cannot list the datasets of project %q", m.ProjectKey.ValueString())
		}}
}

type datasetsDataSourceModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Tags       types.Set    `tfsdk:"tags"`
	Type       types.String `tfsdk:"type"`
	Datasets   types.List   `tfsdk:"datasets"`
}

var datasetsItemAttrTypes = kit.ListItemTypes(datasetsDataSourceSchema(), "datasets")

func datasetsDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the datasets of a DSS project (DSS's `GET /projects/{key}/datasets/`), optionally filtered by tag and type.",
		Attributes: map[string]schema.Attribute{
			"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "The project key."},
			"project_key": kit.ProjectKeyAttribute(""),
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

func readDatasetsDataSource(ctx context.Context, c *dss.Client, cfg *datasetsDataSourceModel, diagnostics *diag.Diagnostics) error {
	tags, diags := kit.StringsFromSet(ctx, cfg.Tags)
	diagnostics.Append(diags...)
	datasets, err := c.ListDatasets(ctx, cfg.ProjectKey.ValueString(), tags)
	if err != nil {
		return err
	}
	cfg.Datasets = kit.ObjectsList(datasetsItemAttrTypes, datasets, func(ds *dss.Dataset) string { return ds.Name }, func(ds *dss.Dataset) map[string]attr.Value {
		if kit.Known(cfg.Type) && ds.Type != cfg.Type.ValueString() {
			return nil
		}
		t, dd := kit.StringSetValue(ctx, ds.Tags)
		diagnostics.Append(dd...)
		return map[string]attr.Value{
			"name": types.StringValue(ds.Name), "type": types.StringValue(ds.Type),
			"connection_name": kit.NullIfEmpty(ds.Connection()), "managed": types.BoolValue(ds.Managed), "tags": t,
		}
	}, diagnostics)
	cfg.ID = cfg.ProjectKey
	return nil
}
