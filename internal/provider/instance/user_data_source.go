package instance

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewUserDataSource returns the dataiku_user data source.
func NewUserDataSource() datasource.DataSource {
	return &kit.DataSource[UserDataModel]{Name: "user", Mirror: &userDataSourceSchema, ReadObject: readUserDataSource,
		Summary: func(m *UserDataModel) string {
			return fmt.Sprintf("Cannot read data.dataiku_user %q", m.Login.ValueString())
		}}
}

// userComputedAttributes are a user's attributes as dataiku_users lists
// them: those of dataiku_user but its login, id and properties.
func userComputedAttributes() map[string]schema.Attribute {
	all := userDataSourceSchema.Schema().Attributes
	out := map[string]schema.Attribute{}
	for _, name := range []string{"display_name", "email", "groups", "user_profile", "enabled", "source_type"} {
		out[name] = all[name]
	}
	return out
}

// userDataSourceSchema is the user resource's schema, computed, read by
// login; the password is write-only there.
var userDataSourceSchema = kit.MirroredSchema{Resource: NewUserResource,
	Description: "Reads one DSS user's settings by login (1 API call; needs an admin key). DSS never returns a password, and neither does this.",
	Own: map[string]schema.Attribute{
		"login": schema.StringAttribute{Required: true, MarkdownDescription: "The user's login.", Validators: loginValidators()},
	},
	Describe: map[string]string{
		"id":               "The login.",
		"display_name":     "Name shown in DSS.",
		"email":            "E-mail address (empty when none).",
		"groups":           "Groups the user belongs to.",
		"user_profile":     "User profile, e.g. `DATA_SCIENTIST`.",
		"enabled":          "Whether the user may log in.",
		"source_type":      "`LOCAL`, `LDAP`, `SAAS` or `LOCAL_NO_AUTH`.",
		"admin_properties": "Properties only administrators may change.",
		"user_properties":  "Properties the user may change.",
	},
}

func readUserDataSource(ctx context.Context, c *dss.Client, cfg *UserDataModel, diagnostics *diag.Diagnostics) error {
	u, err := dss.UserDoc(cfg.Login.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	var m UserDataModel
	diagnostics.Append(UserFromDSS(ctx, u, &m, true, true)...)
	*cfg = m
	return nil
}

// NewUsersDataSource returns the dataiku_users data source.
func NewUsersDataSource() datasource.DataSource {
	return &kit.DataSource[usersDataSourceModel]{Name: "users", SchemaFunc: usersDataSourceSchema, ReadObject: readUsersDataSource}
}

type usersDataSourceModel struct {
	ID      types.String `tfsdk:"id"`
	Group   types.String `tfsdk:"group"`
	Enabled types.Bool   `tfsdk:"enabled"`
	Logins  types.List   `tfsdk:"logins"`
	Users   types.List   `tfsdk:"users"`
}

var usersItemAttrTypes = kit.ListItemTypes(usersDataSourceSchema(), "users")

func usersDataSourceSchema() schema.Schema {
	item := userComputedAttributes()
	item["login"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Login."}
	return schema.Schema{
		MarkdownDescription: "Lists DSS users, optionally only the members of a group or only the enabled (or disabled) ones (1 API call; needs an admin key).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "`users`, followed by the filters."},
			"group": schema.StringAttribute{Optional: true, Validators: groupNameValidators(),
				MarkdownDescription: "Only the members of this group. A group that does not exist has no members."},
			"enabled": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Only the enabled users (`true`) or the disabled ones (`false`). Default: both."},
			"logins": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The logins of the users listed, sorted."},
			"users": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The users, sorted by login.",
				NestedObject: schema.NestedAttributeObject{Attributes: item}},
		},
	}
}

func readUsersDataSource(ctx context.Context, c *dss.Client, cfg *usersDataSourceModel, diagnostics *diag.Diagnostics) error {
	users, err := c.ListUsers(ctx)
	if err != nil {
		return err
	}
	logins := []string{}
	cfg.Users = kit.ObjectsList(usersItemAttrTypes, users, func(u *dss.User) string { return u.Login }, func(u *dss.User) map[string]attr.Value {
		if (kit.Known(cfg.Group) && !slices.Contains(u.Groups, cfg.Group.ValueString())) ||
			(kit.Known(cfg.Enabled) && u.Enabled != cfg.Enabled.ValueBool()) {
			return nil
		}
		var m UserDataModel
		diagnostics.Append(UserFromDSS(ctx, u, &m, false, false)...)
		logins = append(logins, u.Login)
		return map[string]attr.Value{
			"login": m.Login, "display_name": m.DisplayName, "email": m.Email, "groups": m.Groups,
			"user_profile": m.UserProfile, "enabled": m.Enabled, "source_type": m.SourceType,
		}
	}, diagnostics)
	id := "users"
	if kit.Known(cfg.Group) {
		id += " group=" + cfg.Group.ValueString()
	}
	if kit.Known(cfg.Enabled) {
		id += fmt.Sprintf(" enabled=%t", cfg.Enabled.ValueBool())
	}
	cfg.ID = types.StringValue(id)
	var diags diag.Diagnostics
	cfg.Logins, diags = types.ListValueFrom(ctx, types.StringType, logins)
	diagnostics.Append(diags...)
	return nil
}
