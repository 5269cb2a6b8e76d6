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
		Named: func(m *DatasetModel) string { return datasetID(m.ProjectKey.ValueString(), m.Name.ValueString()) }}
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
	Describe: kit.Describing(kit.DocumentationDescriptions("dataset"), kit.PartitioningDescriptions("dataset"), schemaColumnsDescriptions("Schema columns in order (empty when DSS has no schema)."), map[string]string{
		"id":              "`PROJECT_KEY.dataset_name`.",
		"type":            "DSS dataset type, e.g. `Filesystem` or `PostgreSQL`.",
		"connection_name": "DSS connection of the dataset (`params.connection`); null when the type has none.",
		"params":          "All type-specific parameters other than the connection, as an object, including those DSS filled in.",
		"managed":         "Whether DSS manages the dataset's storage.",
		"format_type":     "File format (`formatType`), null for non-file types.",
		"format_params":   "Format options as an object; null when DSS has none.",
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
	return kit.InProject(nil, kit.ListDataSource[dss.Dataset]{Name: "datasets",
		Description: "Lists the datasets of a DSS project (DSS's `GET /projects/{key}/datasets/`), optionally filtered by tag and type.",
		Summary: func(cfg kit.ListConfig) string {
			return fmt.Sprintf("Cannot list the datasets of project %q", cfg.ProjectKey())
		},
		Config: map[string]schema.Attribute{
			"tags": schema.SetAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Keep only datasets carrying at least one of these tags (DSS's own `tags` filter). Null or empty: no tag filter."},
			"type": schema.StringAttribute{Optional: true, MarkdownDescription: "Keep only datasets of this DSS type, e.g. `PostgreSQL`."},
		},
		List: "datasets", ListDescription: "The matching datasets, sorted by name.",
		Item: map[string]schema.Attribute{
			"name":            kit.ComputedString("Dataset name."),
			"type":            kit.ComputedString("DSS dataset type."),
			"connection_name": kit.ComputedString("DSS connection; null when the type has none."),
			"managed":         schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether DSS manages the storage."},
			"tags":            schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags."},
		},
		Read: func(ctx context.Context, c *dss.Client, cfg kit.ListConfig, diagnostics *diag.Diagnostics) ([]dss.Dataset, error) {
			tags, diags := kit.StringsFromSet(ctx, cfg.Set("tags"))
			diagnostics.Append(diags...)
			return c.ListDatasets(ctx, cfg.ProjectKey(), tags)
		},
		SortKey: func(ds *dss.Dataset) string { return ds.Name },
		Row: func(ctx context.Context, cfg kit.ListConfig, ds *dss.Dataset, diagnostics *diag.Diagnostics) map[string]attr.Value {
			if kit.Known(cfg.String("type")) && ds.Type != cfg.String("type").ValueString() {
				return nil
			}
			t, dd := kit.StringSetValue(ctx, ds.Tags)
			diagnostics.Append(dd...)
			return map[string]attr.Value{
				"name": types.StringValue(ds.Name), "type": types.StringValue(ds.Type),
				"connection_name": kit.NullIfEmpty(ds.Connection()), "managed": types.BoolValue(ds.Managed), "tags": t,
			}
		},
	})
}
