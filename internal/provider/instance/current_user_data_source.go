package instance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewCurrentUserDataSource returns the dataiku_current_user data source:
// who DSS says the provider's API key is, and with which rights.
func NewCurrentUserDataSource() datasource.DataSource {
	return &kit.DataSource[currentUserModel]{Name: "current_user", SchemaFunc: currentUserDataSourceSchema, ReadObject: readCurrentUserDataSource}
}

type currentUserModel struct {
	AuthIdentifier types.String `tfsdk:"auth_identifier"`
	Login          types.String `tfsdk:"login"`
	Groups         types.Set    `tfsdk:"groups"`
	Admin          types.Bool   `tfsdk:"admin"`
	UserProfile    types.String `tfsdk:"user_profile"`
}

func currentUserDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Who the provider's API key is, as DSS's `GET /public/api/auth/info` says: for a personal key its user, " +
			"for a global key the key itself (and the user it acts as, if any), with the groups whose rights it has. " +
			"Useful to check rights before acting, or to make the key's user the owner of what a configuration creates.\n\n**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			"auth_identifier": kit.ComputedString("DSS's name for the caller: the login for a personal key; for a global key its label (or its id when it has no label)."),
			"login": kit.ComputedString("Login of the DSS user the key acts as (DSS's `associatedDSSUser`): the key's user, or a global key's impersonated user. " +
				"Null for a global key that acts as no user."),
			"groups": schema.SetAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "The DSS groups whose rights the key has."},
			"admin": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether the key has admin rights on the instance (an admin global key, or a user in an admin group)."},
			"user_profile": kit.ComputedString("The user's licence profile, e.g. `DATA_SCIENTIST` or `DESIGNER`; null when DSS reports none."),
		},
	}
}

func readCurrentUserDataSource(ctx context.Context, c *dss.Client, m *currentUserModel, diagnostics *diag.Diagnostics) error {
	info, err := c.AuthInfo(ctx)
	if err != nil {
		return err
	}
	groups, diags := kit.StringSetValue(ctx, info.Groups)
	diagnostics.Append(diags...)
	*m = currentUserModel{
		AuthIdentifier: types.StringValue(info.AuthIdentifier),
		Login:          kit.NullIfEmpty(info.AssociatedDSSUser),
		Groups:         groups,
		Admin:          types.BoolValue(info.Admin),
		UserProfile:    kit.NullIfEmpty(info.UserProfile),
	}
	return nil
}
