package instance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewUserResource returns the dataiku_user resource.
func NewUserResource() resource.Resource { return kit.NewResource[UserModel](userKind{}) }

// userKind is a DSS user: named by its login, created with a POST that
// carries the password, then written whole when the plan asks for what the
// POST cannot set (DSS ignores `enabled` at creation).
type userKind struct{}

var _ kit.KindWithConfigPost[UserModel] = userKind{}

// loginNote says, in a description, what a login may be.
const loginNote = "A login must " + names.LoginRule + "."

// loginKey is a user's login; its Validators check a login wherever one
// is given (a user, the user of a key or the user a key acts as). It has
// no length limit: neither DSS's documentation nor Dataiku's client give
// one, and a directory's login DSS holds must always be managed and
// imported (names.LoginPattern).
var loginKey = kit.NameKey{Attr: "login", Label: "login", What: "user's login", Pattern: names.LoginPattern, Rule: "must " + names.LoginRule,
	RefPattern: names.PrincipalRefPattern, RefRule: "must " + names.PrincipalRefRule}

// loginRefNote says, in a description, what a login named in another
// object's settings may be (loginKey.RefValidators).
const loginRefNote = "A login named here must " + names.PrincipalRefRule + "."

// userAddress: a user is named by the login the caller chooses.
var userAddress = kit.NamedAddress("dataiku_user", "admin/users/{login}", loginKey,
	func(m *UserModel) *types.String { return &m.Login }, func(m *UserModel) *types.String { return &m.ID })

func (userKind) Address() *kit.Address[UserModel] { return &userAddress }

func (userKind) Schema() schema.Schema {
	properties := func(what, wire string) schema.MapAttribute {
		return schema.MapAttribute{Optional: true, ElementType: types.StringType,
			MarkdownDescription: fmt.Sprintf("%s (DSS's `%s`), strings by key. When not set, they are not managed: DSS keeps whatever it holds. "+
				"When set, the map is authoritative: keys added in DSS are removed at the next apply. Changes in place.", what, wire)}
	}
	return schema.Schema{
		MarkdownDescription: "A DSS user: login, identity, groups, profile, whether they may log in, and (for a `LOCAL` user) the password, as a write-only argument " +
			"that never reaches the plan or the state. Every change is a read-modify-write of the user's whole settings, so what the provider does not model " +
			"(credentials, preferences, secrets) is kept. Needs an admin API key. DSS refuses to delete the key's own user or the last administrator, " +
			"and its message is shown. Import with the login.\n\n**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			"id": kit.StableIDAttribute("The user's login."),
			"login": kit.RequiredReplacing("Login, as DSS or its directory (LDAP, SSO) names the user, such as `jdoe`, `jdoe@corp.com` or `CORP\\jdoe`: it must "+names.LoginRule+". DSS cannot rename a user: changing it destroys the user (and their personal API keys) and creates the new one.",
				loginKey.Validators()...),
			// No length limit: DSS documents none, and a directory fills it.
			"display_name": kit.OptionalString("", "Name shown in DSS. Default empty. Changes in place."),
			"email": kit.OptionalString("",
				"E-mail address, used by DSS for notifications. Any string, kept as written: DSS does not check its form, and an instance may hold "+
					"`admin@localhost` or a directory's placeholder such as `n/a`. Default none (empty). Changes in place."),
			"groups": schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
				Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "Groups the user belongs to; each must exist (DSS refuses an unknown group). " + groupRefNote + " Authoritative: default none, and a group added in DSS is removed at the next apply. Changes in place.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(groupNameKey.RefValidators()...)}},
			"user_profile": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "User profile, in capitals (letters, digits and underscores, not starting with a digit), e.g. `DATA_SCIENTIST`, `DESIGNER`, `READER`: the instance's licence decides which exist, and DSS refuses the others. " +
					"When not set, DSS chooses (its default for the licence) and the state keeps DSS's value. Changes in place.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:    []validator.String{stringvalidator.RegexMatches(userProfilePattern, UserProfileRule)}},
			"enabled": kit.OptionalBool(true,
				"Whether the user may log in and their API keys work. Default `true`. Disabling revokes the user's keys at once. Changes in place."),
			"source_type": kit.OptionalString(localSourceType,
				"Where the user's identity comes from, as DSS spells it: `LOCAL` (default; DSS checks the password), `LDAP`, `SAAS` or `LOCAL_NO_AUTH` (no password). "+
					"A case variant of these (`ldap`) is refused at plan time with DSS's spelling; any other non-empty value (a source a newer DSS adds) is passed to DSS, which judges it. Changes in place.",
				kit.KnownSpelling("user source type", userSourceTypes...)),
			"admin_properties": properties("Properties only administrators may change", "adminProperties"),
			"user_properties":  properties("Properties the user may change", "userProperties"),
			"password_wo": schema.StringAttribute{Optional: true, WriteOnly: true, Sensitive: true,
				MarkdownDescription: "Password of a `LOCAL` user (Terraform 1.11 or later). Write-only: it is sent to DSS and never stored in the plan or the state, " +
					"so Terraform cannot see it change. It is sent when the user is created, and afterwards only when `password_wo_version` changes: " +
					"to rotate the password, change both. Refused at plan time for any other `source_type`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"password_wo_version": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Any number you change to send `password_wo` again (a rotation). Needs `password_wo`. Without it, the password is set at creation only.",
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("password_wo"))}},
		},
	}
}

// ValidateConfig refuses a password for a user DSS does not authenticate
// itself: DSS would store it and never check it.
func (userKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var pw, source types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &pw)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("source_type"), &source)...)
	if pw.IsNull() || !kit.Known(source) || source.ValueString() == localSourceType {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("password_wo"), "Password for a non-LOCAL user",
		fmt.Sprintf("password_wo can only be set when source_type is %q: DSS checks passwords of LOCAL users only, and this user's source_type is %q. "+
			"Remove password_wo (and password_wo_version), or set source_type = %q.", localSourceType, source.ValueString(), localSourceType))
}

func userLogin(m *UserModel) string {
	if kit.Known(m.Login) {
		return m.Login.ValueString()
	}
	return m.ID.ValueString()
}

// newUser is the creation request for the plan, without a password.
func newUser(ctx context.Context, m *UserModel) (dss.NewUser, error) {
	groups, d := kit.StringsFromSet(ctx, m.Groups)
	if d.HasError() {
		return dss.NewUser{}, fmt.Errorf("reading groups: %v", d)
	}
	u := dss.NewUser{Login: m.Login.ValueString(), DisplayName: m.DisplayName.ValueString(), Email: m.Email.ValueString(),
		SourceType: m.SourceType.ValueString(), Groups: groups}
	kit.SetKnownString(m.UserProfile, &u.UserProfile)
	return u, nil
}

func (userKind) Post(ctx context.Context, c *dss.Client, m *UserModel) error {
	return createUser(ctx, c, m, nil)
}

// PostWithConfig creates the user with the configured password in the
// same POST, as DSS's own client does.
func (userKind) PostWithConfig(ctx context.Context, c *dss.Client, config tfsdk.Config, m *UserModel) error {
	pw, err := configPassword(ctx, config)
	if err != nil {
		return err
	}
	return createUser(ctx, c, m, pw)
}

func createUser(ctx context.Context, c *dss.Client, m *UserModel, password *string) error {
	u, err := newUser(ctx, m)
	if err != nil {
		return err
	}
	u.Password = password
	m.ID = m.Login
	return c.CreateUser(ctx, u)
}

// configPassword is password_wo from the configuration, nil when unset.
func configPassword(ctx context.Context, config tfsdk.Config) (*string, error) {
	return kit.ConfigWriteOnly(ctx, config, "password_wo")
}

// Apply writes the settings with one read-modify-write, which sends a PUT
// only when DSS differs from the plan (on create: enabled = false or
// properties, which the POST cannot carry). The password goes in that PUT
// only when password_wo_version changed.
func (userKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[UserModel]) {
	plan := op.Plan
	var pw *string
	if op.SecretVersionRotated(func(m *UserModel) types.Int64 { return m.PasswordWOVersion }) {
		var err error
		if pw, err = configPassword(ctx, op.Config); op.Fail(err) {
			return
		}
	}
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[UserModel, dss.User]{
		Doc: dss.UserDoc(plan.Login.ValueString()),
		ToDSS: func(u *dss.User) diag.Diagnostics {
			diags := ApplyUser(ctx, plan, u)
			u.Password = pw
			return diags
		},
		FromDSS: func(u *dss.User) diag.Diagnostics {
			return UserFromDSS(ctx, u, &plan.UserDataModel, !plan.AdminProperties.IsNull(), !plan.UserProperties.IsNull())
		},
	})
}

// Read costs 1 GET. Right after an import (login still null) the
// properties DSS holds are read; otherwise only those managed.
func (userKind) Read(ctx context.Context, c *dss.Client, m *UserModel, imported bool) error {
	u, err := dss.UserDoc(userLogin(m)).Get(ctx, c)
	if err != nil {
		return err
	}
	withAdmin := !m.AdminProperties.IsNull() || (imported && len(u.AdminProperties) > 0)
	withUser := !m.UserProperties.IsNull() || (imported && len(u.UserProperties) > 0)
	if d := UserFromDSS(ctx, u, &m.UserDataModel, withAdmin, withUser); d.HasError() {
		return fmt.Errorf("converting DSS's answer: %v", d)
	}
	return nil
}

func (userKind) AdminAPI() string { return "/admin/users/" }
