package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

var _ datasource.DataSourceWithConfigure = (*flowZonesDataSource)(nil)

// NewFlowZonesDataSource returns the dataiku_flow_zones data source.
func NewFlowZonesDataSource() datasource.DataSource { return &flowZonesDataSource{} }

type flowZonesDataSource struct{ client *dss.Client }

type flowZonesDataSourceModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Zones      types.List   `tfsdk:"zones"`
}

var flowZonesItemAttrTypes = map[string]attr.Type{
	"id": types.StringType, "name": types.StringType, "color": types.StringType,
	"items": types.SetType{ElemType: zoneItemObjectType},
}

func (d *flowZonesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_flow_zones"
}

func (d *flowZonesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the zones of a project's Flow with their objects, the default zone included (1 API call).",
		Attributes: map[string]schema.Attribute{
			"id":          computed("The project key."),
			"project_key": schema.StringAttribute{Required: true, MarkdownDescription: "Key of the project."},
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

func (d *flowZonesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *flowZonesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg flowZonesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := cfg.ProjectKey.ValueString()
	summary := "Cannot read data.dataiku_flow_zones of project " + key
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	zones, err := d.client.ListFlowZones(ctx, key)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	vals := make([]attr.Value, 0, len(zones))
	for i := range zones {
		var m flowZoneModel
		resp.Diagnostics.Append(flowZoneFromDSS(&zones[i], key, &m, true)...)
		obj, diags := types.ObjectValue(flowZonesItemAttrTypes, map[string]attr.Value{
			"id": m.ID, "name": m.Name, "color": m.Color, "items": m.Items,
		})
		resp.Diagnostics.Append(diags...)
		vals = append(vals, obj)
	}
	list, diags := types.ListValue(types.ObjectType{AttrTypes: flowZonesItemAttrTypes}, vals)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.ID, cfg.Zones = cfg.ProjectKey, list
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
