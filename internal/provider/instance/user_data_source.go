package instance

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewUserDataSource returns the dataiku_user data source.
func NewUserDataSource() datasource.DataSource {
	return &kit.DataSource[UserDataModel]{Name: "user", Mirror: &userDataSourceSchema, ReadObject: readUserDataSource,
		Named: func(m *UserDataModel) string { return m.Login.ValueString() }}
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
		"login": schema.StringAttribute{Required: true, MarkdownDescription: "The user's login. " + loginNote, Validators: loginKey.Validators()},
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

var readUserDataSource = readDocDataSource(func(cfg *UserDataModel) dss.Document[dss.User] { return dss.UserDoc(cfg.Login.ValueString()) },
	func(ctx context.Context, u *dss.User, m *UserDataModel) diag.Diagnostics {
		return UserFromDSS(ctx, u, m, true, true)
	})

// NewUsersDataSource returns the dataiku_users data source.
func NewUsersDataSource() datasource.DataSource {
	item := userComputedAttributes()
	item["login"] = kit.ComputedString("Login.")
	return kit.ListDataSource[dss.User]{Name: "users",
		Description:   "Lists DSS users, optionally only the members of a group or only the enabled (or disabled) ones (1 API call; needs an admin key).",
		IDDescription: "`users`, followed by the filters.",
		IDOf: func(cfg kit.ListConfig) string {
			id := "users"
			if kit.Known(cfg.String("group")) {
				id += " group=" + cfg.String("group").ValueString()
			}
			if kit.Known(cfg.Bool("enabled")) {
				id += fmt.Sprintf(" enabled=%t", cfg.Bool("enabled").ValueBool())
			}
			return id
		},
		Config: map[string]schema.Attribute{
			"group": schema.StringAttribute{Optional: true, Validators: groupNameKey.RefValidators(),
				MarkdownDescription: "Only the members of this group. A group that does not exist has no members. " + groupRefNote},
			"enabled": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Only the enabled users (`true`) or the disabled ones (`false`). Default: both."},
		},
		Keys: "logins", KeysDescription: "The logins of the users listed, sorted.",
		List: "users", ListDescription: "The users, sorted by login.", Item: item,
		Read:    kit.ReadAll((*dss.Client).ListUsers),
		SortKey: func(u *dss.User) string { return u.Login },
		Row: func(ctx context.Context, cfg kit.ListConfig, u *dss.User, diagnostics *diag.Diagnostics) map[string]attr.Value {
			group, enabled := cfg.String("group"), cfg.Bool("enabled")
			if (kit.Known(group) && !slices.Contains(u.Groups, group.ValueString())) || (kit.Known(enabled) && u.Enabled != enabled.ValueBool()) {
				return nil
			}
			var m UserDataModel
			diagnostics.Append(UserFromDSS(ctx, u, &m, false, false)...)
			return map[string]attr.Value{
				"login": m.Login, "display_name": m.DisplayName, "email": m.Email, "groups": m.Groups,
				"user_profile": m.UserProfile, "enabled": m.Enabled, "source_type": m.SourceType,
			}
		},
	}.DataSource()
}
