package instance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewMeaningDataSource returns the dataiku_meaning data source.
func NewMeaningDataSource() datasource.DataSource {
	return &kit.DataSource[meaningModel]{Name: "meaning", Mirror: &meaningDataSourceSchema, ReadObject: readMeaningDataSource,
		Named: func(m *meaningModel) string { return m.MeaningID.ValueString() }}
}

// meaningDataSourceSchema is the resource's schema, computed, read by id.
var meaningDataSourceSchema = kit.MirroredSchema{Resource: NewMeaningResource,
	Description: "Reads one user-defined meaning's definition by id (1 API call; any valid API key).",
	Own: map[string]schema.Attribute{
		"meaning_id": schema.StringAttribute{Required: true, MarkdownDescription: "The meaning's id.", Validators: meaningIDKey.Validators()},
	},
	Describe: map[string]string{
		"label":              "The name DSS shows for the meaning.",
		"type":               "The meaning's type: " + meaningTypesText + ".",
		"description":        "Description (empty when none).",
		"values":             "The values of a `VALUES_LIST` meaning (DSS's `entries`), in DSS's order; empty when DSS holds none.",
		"mappings":           "The mappings of a `VALUES_MAPPING` meaning, in DSS's order; empty when DSS holds none.",
		"pattern":            "The regular expression of a `PATTERN` meaning; null when none.",
		"normalization_mode": "How values are compared: `EXACT` (also when DSS holds none), `LOWERCASE` or `NORMALIZED`.",
		"detectable":         "Whether DSS may assign the meaning to columns set to auto-detect.",
	},
}

var readMeaningDataSource = readDocDataSource(func(cfg *meaningModel) dss.Document[dss.Meaning] { return dss.MeaningDoc(cfg.MeaningID.ValueString()) }, meaningFromDSS)

// NewMeaningsDataSource returns the dataiku_meanings data source.
func NewMeaningsDataSource() datasource.DataSource {
	return kit.ListDataSource[dss.Meaning]{Name: "meanings",
		Description:   "Lists the instance's user-defined meanings, optionally of one type (1 API call; any valid API key). Read one with `dataiku_meaning` for its values, mappings or pattern.",
		IDDescription: "Always `meanings`.",
		IDOf:          func(kit.ListConfig) string { return "meanings" },
		Config: map[string]schema.Attribute{
			"type": schema.StringAttribute{Optional: true, MarkdownDescription: "Only the meanings of this type: " + meaningTypesText + "."},
		},
		Keys: "ids", KeysDescription: "The meanings' ids, sorted.",
		List: "meanings", ListDescription: "The meanings, sorted by id.",
		Item: map[string]schema.Attribute{
			"meaning_id":  kit.ComputedString("The meaning's id."),
			"label":       kit.ComputedString("The name DSS shows for it."),
			"type":        kit.ComputedString("Its type."),
			"description": kit.ComputedString("Description (empty when none)."),
			"detectable":  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether DSS may assign it to columns set to auto-detect."},
		},
		Read:    kit.ReadAll((*dss.Client).ListMeanings),
		SortKey: func(d *dss.Meaning) string { return d.ID },
		Row: func(ctx context.Context, cfg kit.ListConfig, d *dss.Meaning, diagnostics *diag.Diagnostics) map[string]attr.Value {
			if t := kit.Optional(cfg.String("type")); t != "" && d.Type != t {
				return nil
			}
			var m meaningModel
			diagnostics.Append(meaningFromDSS(ctx, d, &m)...)
			return map[string]attr.Value{"meaning_id": m.MeaningID, "label": m.Label, "type": m.Type, "description": m.Description,
				"detectable": types.BoolValue(d.Detectable)}
		},
	}.DataSource()
}
