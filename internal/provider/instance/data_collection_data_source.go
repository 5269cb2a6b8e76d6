package instance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewDataCollectionDataSource returns the dataiku_data_collection data
// source.
func NewDataCollectionDataSource() datasource.DataSource {
	return &kit.DataSource[dataCollectionModel]{Name: "data_collection", Mirror: &dataCollectionDataSourceSchema,
		ReadObject: readDataCollectionDataSource, Named: func(m *dataCollectionModel) string { return m.ID.ValueString() }}
}

// dataCollectionDataSourceSchema is the resource's schema, computed, read
// by id.
var dataCollectionDataSourceSchema = kit.MirroredSchema{Resource: NewDataCollectionResource,
	Description: "Reads one DSS data collection's settings by id (1 API call; the API key needs read rights on the collection).",
	Own: map[string]schema.Attribute{
		"id": schema.StringAttribute{Required: true, MarkdownDescription: "The collection's id (not its display name).",
			Validators: dataCollectionIDValidators},
	},
	Describe: map[string]string{
		"display_name": "The collection's name as DSS shows it.",
		"description":  "Description (empty when DSS has none).",
		"color":        "Background color of the collection's card, `#RRGGBB`.",
		"tags":         "Tags.",
		"permissions": "Every permission entry DSS holds, the API key user's included (DSS reports none to a key that does not administer the collection). " +
			"Rights are read as DSS holds them; a right an entry lacks reads false.",
	},
}

var readDataCollectionDataSource = readDocDataSource(
	func(cfg *dataCollectionModel) dss.Document[dss.DataCollection] {
		return dss.DataCollectionDoc(cfg.ID.ValueString())
	},
	func(ctx context.Context, d *dss.DataCollection, m *dataCollectionModel) diag.Diagnostics {
		return dataCollectionFromDSS(ctx, d, m, "", true)
	})
