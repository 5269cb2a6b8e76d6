package instance

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// User settings ↔ models, shared by the dataiku_user resource and data
// sources.

var (
	// userProfilePattern is the form of a profile name
	// (names.EnumNamePattern, digits included); which profiles exist
	// depends on the instance's licence, so DSS judges the rest.
	userProfilePattern = names.EnumNamePattern
)

// A user's e-mail has no rule: DSS stores any string (dataikuapi's
// create_user sends the one it is given, and an LDAP or SSO sync copies
// the directory's attribute as it is), so real instances hold
// "admin@localhost", placeholders such as "n/a", and "" for none.
// dss-adopt writes what DSS holds, so a form check at plan time would
// lock those users out of Terraform. No warning either: it would come
// back at every plan for a value the user may not change (the directory
// writes it again at the next sync).

const (
	UserProfileRule = "must be a DSS user profile name " + names.EnumNameRule + ", such as DATA_SCIENTIST, DESIGNER or READER"
	localSourceType = "LOCAL"
)

// userSourceTypes are where a user's identity comes from, as DSS spells
// them; only LOCAL users have a password DSS checks. A DSS version may add
// others, which are passed to DSS.
var userSourceTypes = []string{localSourceType, "LDAP", "SAAS", "LOCAL_NO_AUTH"}

// UserDataModel is the dataiku_user data source.
type UserDataModel struct {
	ID              types.String `tfsdk:"id"`
	Login           types.String `tfsdk:"login"`
	DisplayName     types.String `tfsdk:"display_name"`
	Email           types.String `tfsdk:"email"`
	Groups          types.Set    `tfsdk:"groups"`
	UserProfile     types.String `tfsdk:"user_profile"`
	Enabled         types.Bool   `tfsdk:"enabled"`
	SourceType      types.String `tfsdk:"source_type"`
	AdminProperties types.Map    `tfsdk:"admin_properties"`
	UserProperties  types.Map    `tfsdk:"user_properties"`
}

// UserModel is the dataiku_user resource: the data source's attributes
// and the write-only password, which is never read back.
type UserModel struct {
	UserDataModel
	PasswordWO        types.String `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64  `tfsdk:"password_wo_version"`
}

// UserFromDSS fills m from DSS's settings. The properties are filled when
// withProperties says so for each (they are managed, or everything is
// read); otherwise they stay null, unmanaged. The password is never read:
// DSS never returns it.
func UserFromDSS(ctx context.Context, u *dss.User, m *UserDataModel, withAdminProperties, withUserProperties bool) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(u.Login)
	m.Login = types.StringValue(u.Login)
	m.DisplayName = types.StringValue(u.DisplayName)
	m.Email = types.StringValue(u.Email)
	groups, d := kit.StringSetValue(ctx, u.Groups)
	diags.Append(d...)
	m.Groups = groups
	m.UserProfile = types.StringValue(u.UserProfile)
	m.Enabled = types.BoolValue(u.Enabled)
	m.SourceType = types.StringValue(u.SourceType)
	if u.SourceType == "" {
		m.SourceType = types.StringValue(localSourceType)
	}
	m.AdminProperties, m.UserProperties = types.MapNull(types.StringType), types.MapNull(types.StringType)
	if withAdminProperties {
		m.AdminProperties, d = types.MapValueFrom(ctx, types.StringType, nonNilMap(u.AdminProperties))
		diags.Append(d...)
	}
	if withUserProperties {
		m.UserProperties, d = types.MapValueFrom(ctx, types.StringType, nonNilMap(u.UserProperties))
		diags.Append(d...)
	}
	return diags
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// ApplyUser writes the plan into DSS's settings; what the plan leaves null
// (properties, a profile) or unknown is left as DSS has it.
func ApplyUser(ctx context.Context, plan *UserModel, u *dss.User) diag.Diagnostics {
	var diags diag.Diagnostics
	kit.SetKnownString(plan.DisplayName, &u.DisplayName)
	kit.SetKnownString(plan.Email, &u.Email)
	if kit.Known(plan.Groups) {
		groups, d := kit.StringsFromSet(ctx, plan.Groups)
		diags.Append(d...)
		if !sameStringSet(groups, u.Groups) {
			u.Groups = groups
		}
	}
	kit.SetKnownString(plan.UserProfile, &u.UserProfile)
	kit.SetKnownBool(plan.Enabled, &u.Enabled)
	kit.SetKnownString(plan.SourceType, &u.SourceType)
	for _, p := range []struct {
		plan  types.Map
		field *map[string]string
	}{{plan.AdminProperties, &u.AdminProperties}, {plan.UserProperties, &u.UserProperties}} {
		if !kit.Known(p.plan) {
			continue
		}
		want := map[string]string{}
		diags.Append(p.plan.ElementsAs(ctx, &want, false)...)
		if !maps.Equal(want, *p.field) {
			*p.field = want
		}
	}
	return diags
}

// sameStringSet reports whether a and b hold the same strings in any
// order: DSS gives no meaning to the order of groups.
func sameStringSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		seen[s]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}
