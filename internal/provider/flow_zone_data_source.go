package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// NewFlowZonesDataSource returns the dataiku_flow_zones data source.
func NewFlowZonesDataSource() datasource.DataSource {
	return &dataSourceKit[flowZonesDataSourceModel]{name: "flow_zones", schema: flowZonesDataSourceSchema, read: readFlowZonesDataSource,
		summary: func(m *flowZonesDataSourceModel) string {
			return "Cannot read data.dataiku_flow_zones of project " + m.ProjectKey.ValueString()
		}}
}

type flowZonesDataSourceModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Zones      types.List   `tfsdk:"zones"`
}

var flowZonesItemAttrTypes = map[string]attr.Type{
	"id": types.StringType, "name": types.StringType, "color": types.StringType,
	"items": types.SetType{ElemType: zoneItemObjectType},
}

func flowZonesDataSourceSchema() schema.Schema {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return schema.Schema{
		MarkdownDescription: "Lists the zones of a project's Flow with their objects, the default zone included (1 API call).",
		Attributes: map[string]schema.Attribute{
			"id":          computed("The project key."),
			"project_key": projectKeyAttribute(""),
			"zones": schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "The zones in DSS's order (the default zone, id `default`, first as DSS lists it).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":    computed("Zone id; `default` for the default zone."),
					"name":  computed("Zone name."),
					"color": computed("Zone color, `#RRGGBB`."),
					"items": schema.SetNestedAttribute{Computed: true,
						MarkdownDescription: "The objects in the zone (for the default zone: the objects no other zone holds, as DSS lists them).",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"type": computed("`DATASET`, `MANAGED_FOLDER`, `RECIPE` or another DSS object type."),
							"id":   computed("The object's name or id; `PROJECT_KEY.name` for another project's object."),
						}}},
				}}},
		},
	}
}

func readFlowZonesDataSource(ctx context.Context, c *dss.Client, cfg *flowZonesDataSourceModel, diagnostics *diag.Diagnostics) error {
	key := cfg.ProjectKey.ValueString()
	zones, err := c.ListFlowZones(ctx, key)
	if err != nil {
		return err
	}
	cfg.ID, cfg.Zones = cfg.ProjectKey, objectsList(flowZonesItemAttrTypes, zones, nil, func(z *dss.FlowZone) map[string]attr.Value {
		var m flowZoneModel
		diagnostics.Append(flowZoneFromDSS(z, key, &m, true)...)
		return map[string]attr.Value{"id": m.ID, "name": m.Name, "color": m.Color, "items": m.Items}
	}, diagnostics)
	return nil
}
