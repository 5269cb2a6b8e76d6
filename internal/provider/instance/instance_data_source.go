package instance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewInstanceDataSource returns the dataiku_instance data source: who the
// provider is connected as, and to which DSS.
func NewInstanceDataSource() datasource.DataSource {
	return &kit.DataSource[instanceDataSourceModel]{Name: "instance", SchemaFunc: instanceDataSourceSchema, ReadObject: readInstanceDataSource}
}

type instanceDataSourceModel struct {
	Host           types.String `tfsdk:"host"`
	DSSVersion     types.String `tfsdk:"dss_version"`
	AuthIdentifier types.String `tfsdk:"auth_identifier"`
	Groups         types.Set    `tfsdk:"groups"`
	NodeType       types.String `tfsdk:"node_type"`
	Profiles       types.Set    `tfsdk:"licensed_profiles"`
}

func instanceDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The DSS instance the provider is connected to, and the identity of its API key (DSS's `GET /public/api/auth/info`), its node type (`GET /public/api/instance-info`) and, for an admin key, the licence's profiles. " +
			"Useful to check which instance a configuration targets, for example when promoting from a design to an automation instance.",
		Attributes: map[string]schema.Attribute{
			"host":            kit.ComputedString("Base URL of the DSS instance, normalised (no trailing `/public/api`)."),
			"dss_version":     kit.ComputedString("DSS version, from the `DSS-Version` header of DSS's answers."),
			"auth_identifier": kit.ComputedString("Login of the user the API key acts as (or the key's identifier for a global key without a user)."),
			"groups":          schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "DSS groups of that user."},
			"node_type":       kit.ComputedString("Kind of DSS node, from DSS's `GET /public/api/instance-info`: `DESIGN`, `AUTOMATION`, `DEPLOYER`, `API`… Null when this DSS does not report it."),
			"licensed_profiles": schema.SetAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "User profiles the instance's licence allows (e.g. `DESIGNER`, `READER`), from DSS's licensing status (`limits.licensedProfiles`). " +
					"Only an admin key may read it: null for any other key, and when DSS does not report them. Reading it never makes the data source fail."},
		},
	}
}

func readInstanceDataSource(ctx context.Context, c *dss.Client, state *instanceDataSourceModel, diagnostics *diag.Diagnostics) error {
	info, err := c.AuthInfo(ctx)
	if err != nil {
		return err
	}
	groups, diags := types.SetValueFrom(ctx, types.StringType, kit.NonNilStrings(info.Groups))
	diagnostics.Append(diags...)
	*state = instanceDataSourceModel{
		Host:           types.StringValue(c.Host()),
		DSSVersion:     types.StringValue(c.DSSVersion()),
		AuthIdentifier: types.StringValue(info.AuthIdentifier),
		Groups:         groups,
		NodeType:       types.StringNull(),
		Profiles:       types.SetNull(types.StringType),
	}
	node, err := c.InstanceInfo(ctx)
	switch {
	case err == nil:
		state.NodeType = kit.NullIfEmpty(node.NodeType)
	case dss.IsNotFound(err):
		// An older DSS without /instance-info: nothing to report.
	default:
		return err
	}
	state.Profiles = LicensedProfiles(ctx, c, info, diagnostics)
	return nil
}

// LicensedProfiles reads the licence's profiles, for an admin key only (the
// route is admin only). Any failure gives null: the licence is informative
// and must not stop a configuration that merely reads the instance.
func LicensedProfiles(ctx context.Context, c *dss.Client, info *dss.AuthInfo, diags *diag.Diagnostics) types.Set {
	null := types.SetNull(types.StringType)
	if !info.Admin {
		return null
	}
	st, err := c.LicensingStatus(ctx)
	if err != nil {
		tflog.Warn(ctx, "cannot read DSS's licensing status; licensed_profiles is null", map[string]any{"error": err.Error()})
		return null
	}
	profiles := st.Profiles()
	if profiles == nil {
		return null
	}
	v, dd := types.SetValueFrom(ctx, types.StringType, profiles)
	diags.Append(dd...)
	return v
}
