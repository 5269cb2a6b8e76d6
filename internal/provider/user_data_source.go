package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

var (
	_ datasource.DataSourceWithConfigure = (*userDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*usersDataSource)(nil)
)

// NewUserDataSource returns the dataiku_user data source.
func NewUserDataSource() datasource.DataSource { return &userDataSource{} }

type userDataSource struct{ client *dss.Client }

func (d *userDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

// userComputedAttributes are a user's attributes as the data sources show
// them; never a password, which DSS does not return.
func userComputedAttributes() map[string]schema.Attribute {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"display_name": computed("Name shown in DSS."),
		"email":        computed("E-mail address (empty when none)."),
		"groups":       schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Groups the user belongs to."},
		"user_profile": computed("User profile, e.g. `DATA_SCIENTIST`."),
		"enabled":      schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user may log in."},
		"source_type":  computed("`LOCAL`, `LDAP`, `SAAS` or `LOCAL_NO_AUTH`."),
	}
}

func (d *userDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := userComputedAttributes()
	attrs["id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "The login."}
	attrs["login"] = schema.StringAttribute{Required: true, MarkdownDescription: "The user's login.", Validators: loginValidators()}
	attrs["admin_properties"] = schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Properties only administrators may change."}
	attrs["user_properties"] = schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Properties the user may change."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one DSS user's settings by login (1 API call; needs an admin key). DSS never returns a password, and neither does this.",
		Attributes:          attrs,
	}
}

func (d *userDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *userDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg userDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := fmt.Sprintf("Cannot read data.dataiku_user %q", cfg.Login.ValueString())
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	u, err := dss.UserDoc(cfg.Login.ValueString()).Get(ctx, d.client)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	var m userDataModel
	resp.Diagnostics.Append(userFromDSS(ctx, u, &m, true, true)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// NewUsersDataSource returns the dataiku_users data source.
func NewUsersDataSource() datasource.DataSource { return &usersDataSource{} }

type usersDataSource struct{ client *dss.Client }

type usersDataSourceModel struct {
	ID      types.String `tfsdk:"id"`
	Group   types.String `tfsdk:"group"`
	Enabled types.Bool   `tfsdk:"enabled"`
	Logins  types.List   `tfsdk:"logins"`
	Users   types.List   `tfsdk:"users"`
}

var usersItemAttrTypes = map[string]attr.Type{
	"login": types.StringType, "display_name": types.StringType, "email": types.StringType,
	"groups": types.SetType{ElemType: types.StringType}, "user_profile": types.StringType,
	"enabled": types.BoolType, "source_type": types.StringType,
}

func (d *usersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_users"
}

func (d *usersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := userComputedAttributes()
	item["login"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Login."}
	resp.Schema = schema.Schema{
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

func (d *usersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *usersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg usersDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot read data.dataiku_users"
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	users, err := d.client.ListUsers(ctx)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	slices.SortFunc(users, func(a, b dss.User) int { return strings.Compare(a.Login, b.Login) })
	logins, items := []string{}, []attr.Value{}
	for i := range users {
		u := &users[i]
		if (known(cfg.Group) && !slices.Contains(u.Groups, cfg.Group.ValueString())) ||
			(known(cfg.Enabled) && u.Enabled != cfg.Enabled.ValueBool()) {
			continue
		}
		var m userDataModel
		resp.Diagnostics.Append(userFromDSS(ctx, u, &m, false, false)...)
		obj, diags := types.ObjectValue(usersItemAttrTypes, map[string]attr.Value{
			"login": m.Login, "display_name": m.DisplayName, "email": m.Email, "groups": m.Groups,
			"user_profile": m.UserProfile, "enabled": m.Enabled, "source_type": m.SourceType,
		})
		resp.Diagnostics.Append(diags...)
		items = append(items, obj)
		logins = append(logins, u.Login)
	}
	id := "users"
	if known(cfg.Group) {
		id += " group=" + cfg.Group.ValueString()
	}
	if known(cfg.Enabled) {
		id += fmt.Sprintf(" enabled=%t", cfg.Enabled.ValueBool())
	}
	cfg.ID = types.StringValue(id)
	var diags diag.Diagnostics
	cfg.Users, diags = types.ListValue(types.ObjectType{AttrTypes: usersItemAttrTypes}, items)
	resp.Diagnostics.Append(diags...)
	cfg.Logins, diags = types.ListValueFrom(ctx, types.StringType, logins)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
