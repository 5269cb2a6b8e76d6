package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

var (
	_ datasource.DataSourceWithConfigure = (*connectionDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*connectionsDataSource)(nil)
)

// NewConnectionDataSource returns the dataiku_connection data source.
func NewConnectionDataSource() datasource.DataSource { return &connectionDataSource{} }

type connectionDataSource struct{ client *dss.Client }

func (d *connectionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection"
}

func (d *connectionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	computedBool := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
	}
	groups := func(desc string) schema.SetAttribute {
		return schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one DSS connection's definition by name (1 API call; needs an admin API key). " +
			"Secrets are never exposed, not even in DSS's encrypted form: `params` has every other parameter.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{Required: true, MarkdownDescription: "The connection's name.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"id":   computed("The connection's name."),
			"type": computed("Connection type, e.g. `PostgreSQL`, `Filesystem`, `EC2`."),
			"params": schema.StringAttribute{Computed: true, CustomType: jsontypes.NormalizedType{},
				MarkdownDescription: "The connection's parameters as a JSON object (use `jsondecode`), without its secrets (`password`, `secretKey`, `token`, ... " +
					"at the top level and inside `basicCredential` or `credentials`)."},
			"description":            computed("Description shown in DSS."),
			"allow_write":            computedBool("Whether DSS may write through the connection."),
			"allow_managed_datasets": computedBool("Whether managed datasets may be created on it."),
			"allow_managed_folders":  computedBool("Whether managed folders may be created on it."),
			"usable_by":              computed("Who may use it: `ALL` or `ALLOWED` (the members of `allowed_groups`)."),
			"allowed_groups":         groups("Groups whose members may use it when `usable_by` is `ALLOWED`."),
			"details_readable_by":    computed("Who may read its details: `NONE`, `ALL` or `ALLOWED`."),
			"details_allowed_groups": groups("Groups whose members may read its details when `details_readable_by` is `ALLOWED`."),
			"credentials_mode":       computed("How DSS authenticates to the data, e.g. `GLOBAL`, `PER_USER`."),
			"max_activities":         schema.Int64Attribute{Computed: true, MarkdownDescription: "Most activities running on it at once; `0` means no limit."},
			"use_global_proxy":       computedBool("Whether DSS reaches the data through the instance's proxy."),
		},
	}
}

func (d *connectionDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *connectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg connectionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := fmt.Sprintf("Cannot read data.dataiku_connection %q", cfg.Name.ValueString())
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	conn, err := dss.ConnectionDoc(cfg.Name.ValueString()).Get(ctx, d.client)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	var m connectionModel
	resp.Diagnostics.Append(connectionFromDSS(ctx, conn, &m, true)...)
	if m.Params.IsNull() {
		m.Params = jsontypes.NewNormalizedValue("{}")
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// NewConnectionsDataSource returns the dataiku_connections data source.
func NewConnectionsDataSource() datasource.DataSource { return &connectionsDataSource{} }

type connectionsDataSource struct{ client *dss.Client }

type connectionsDataSourceModel struct {
	ID    types.String `tfsdk:"id"`
	Type  types.String `tfsdk:"type"`
	Names types.List   `tfsdk:"names"`
}

func (d *connectionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connections"
}

func (d *connectionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the instance's connections by name, optionally of one type (1 API call; needs an admin API key).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The type asked for, or `all`."},
			"type": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only connections of this type, as DSS names it (e.g. `PostgreSQL`, `Filesystem`, `EC2`). When not set, every connection.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"names": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The connections' names, sorted."},
		},
	}
}

func (d *connectionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *connectionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg connectionsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot read data.dataiku_connections"
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	all, err := d.client.ListConnections(ctx)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	names := []string{}
	for name, conn := range all {
		if cfg.Type.IsNull() || conn.Type == cfg.Type.ValueString() {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	list, diags := types.ListValueFrom(ctx, types.StringType, names)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.ID = types.StringValue("all")
	if !cfg.Type.IsNull() {
		cfg.ID = cfg.Type
	}
	cfg.Names = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
