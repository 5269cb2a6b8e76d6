package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewFlowZonesDataSource returns the dataiku_flow_zones data source.
func NewFlowZonesDataSource() datasource.DataSource {
	return kit.InProject((*dss.Client).ListFlowZones, kit.ListDataSource[dss.FlowZone]{Name: "flow_zones", List: "zones",
		ListDescription: "The zones in DSS's order (the default zone, id `default`, first as DSS lists it).",
		Description:     "Lists the zones of a project's Flow with their objects, the default zone included (1 API call).",
		Item: map[string]schema.Attribute{
			"id":    kit.ComputedString("Zone id; `default` for the default zone."),
			"name":  kit.ComputedString("Zone name."),
			"color": kit.ComputedString("Zone color, `#RRGGBB`."),
			"items": schema.SetNestedAttribute{Computed: true,
				MarkdownDescription: "The objects in the zone (for the default zone: the objects no other zone holds, as DSS lists them).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type": kit.ComputedString("`DATASET`, `MANAGED_FOLDER`, `RECIPE` or another DSS object type."),
					"id":   kit.ComputedString("The object's name or id; `PROJECT_KEY.name` for another project's object."),
				}}},
		},
		Row: func(_ context.Context, cfg kit.ListConfig, z *dss.FlowZone, diagnostics *diag.Diagnostics) map[string]attr.Value {
			var m flowZoneModel
			diagnostics.Append(flowZoneFromDSS(z, cfg.ProjectKey(), &m, true)...)
			return map[string]attr.Value{"id": m.ID, "name": m.Name, "color": m.Color, "items": m.Items}
		},
	})
}
