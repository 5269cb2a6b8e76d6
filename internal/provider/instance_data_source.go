package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

var _ datasource.DataSourceWithConfigure = (*instanceDataSource)(nil)

// NewInstanceDataSource returns the dataiku_instance data source: who the
// provider is connected as, and to which DSS.
func NewInstanceDataSource() datasource.DataSource { return &instanceDataSource{} }

type instanceDataSource struct {
	client *dss.Client
}

type instanceDataSourceModel struct {
	Host           types.String `tfsdk:"host"`
	DSSVersion     types.String `tfsdk:"dss_version"`
	AuthIdentifier types.String `tfsdk:"auth_identifier"`
	Groups         types.Set    `tfsdk:"groups"`
}

func (d *instanceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_instance"
}

func (d *instanceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The DSS instance the provider is connected to, and the identity of its API key (DSS's `GET /public/api/auth/info`). " +
			"Useful to check which instance a configuration targets, for example when promoting from a design to an automation instance.",
		Attributes: map[string]schema.Attribute{
			"host":            schema.StringAttribute{Computed: true, MarkdownDescription: "Base URL of the DSS instance, normalised (no trailing `/public/api`)."},
			"dss_version":     schema.StringAttribute{Computed: true, MarkdownDescription: "DSS version, from the `DSS-Version` header of DSS's answers."},
			"auth_identifier": schema.StringAttribute{Computed: true, MarkdownDescription: "Login of the user the API key acts as (or the key's identifier for a global key without a user)."},
			"groups":          schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "DSS groups of that user."},
		},
	}
}

func (d *instanceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *instanceDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !requireClient(d.client, &resp.Diagnostics, "Cannot read data.dataiku_instance") {
		return
	}
	info, err := d.client.AuthInfo(ctx)
	if err != nil {
		addDSSError(&resp.Diagnostics, "Cannot read data.dataiku_instance", err)
		return
	}
	groups, diags := types.SetValueFrom(ctx, types.StringType, nonNilStrings(info.Groups))
	resp.Diagnostics.Append(diags...)
	state := instanceDataSourceModel{
		Host:           types.StringValue(d.client.Host()),
		DSSVersion:     types.StringValue(d.client.DSSVersion()),
		AuthIdentifier: types.StringValue(info.AuthIdentifier),
		Groups:         groups,
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
