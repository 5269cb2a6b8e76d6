package instance

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Ephemeral API keys: a key that exists only while Terraform runs. Open
// creates it, Close deletes it, and its secret never lands in a plan or a
// state (Terraform >= 1.10). The use case is handing a short-lived
// credential to something else in the same run (another provider block,
// a write-only argument) without a long-lived secret in the state.
//
// Terraform opens an ephemeral resource in every plan and apply that
// needs it, so each run makes (and deletes) its own key.

// EphemeralKeyLabel is the label of a key whose configuration gives none:
// it tells an administrator who finds a key left behind (a killed run
// cannot close it) where it came from.
const EphemeralKeyLabel = "terraform-ephemeral"

// ephemeralKeyPrivate is what Open leaves for Close: which key to delete.
type ephemeralKeyPrivate struct {
	ID     string `json:"id"`
	Global bool   `json:"global,omitempty"`
}

const ephemeralKeyPrivateKey = "key"

// ephemeralKeyBase is the Terraform side both ephemeral key kinds share:
// the client and Close.
type ephemeralKeyBase struct {
	client *dss.Client
}

func (e *ephemeralKeyBase) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.client = kit.ClientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// remember records in Open's private data the key Close must delete.
func remember(ctx context.Context, resp *ephemeral.OpenResponse, key ephemeralKeyPrivate) {
	raw, err := json.Marshal(key)
	if err != nil {
		resp.Diagnostics.AddError("Cannot record the ephemeral key", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, ephemeralKeyPrivateKey, raw)...)
}

// Close deletes the key Open created. A key already gone (deleted by
// someone else, or expired) is what Close wants.
func (e *ephemeralKeyBase) Close(ctx context.Context, req ephemeral.CloseRequest, resp *ephemeral.CloseResponse) {
	raw, d := req.Private.GetKey(ctx, ephemeralKeyPrivateKey)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() || len(raw) == 0 {
		return
	}
	var key ephemeralKeyPrivate
	if err := json.Unmarshal(raw, &key); err != nil || key.ID == "" {
		resp.Diagnostics.AddError("Cannot delete the ephemeral API key", "The provider lost track of the key it created; delete it in DSS (Administration > Security) by its label.")
		return
	}
	kind, objectPath := "personal", dss.PersonalAPIKeyDoc(key.ID).Path()
	if key.Global {
		kind, objectPath = "global", dss.GlobalAPIKeyDoc(key.ID).Path()
	}
	summary := fmt.Sprintf("Cannot delete the ephemeral %s API key %s", kind, key.ID)
	if !kit.RequireClient(e.client, &resp.Diagnostics, summary) {
		return
	}
	var err error
	if key.Global {
		err = e.client.DeleteGlobalAPIKey(ctx, key.ID)
	} else {
		err = e.client.DeletePersonalAPIKey(ctx, key.ID)
	}
	if err != nil && !dss.IsGone(err, objectPath) {
		kit.AddDSSError(&resp.Diagnostics, summary, err)
	}
}

// ephemeralKeyAttributes adds what both ephemeral key kinds have to attrs.
func ephemeralKeyAttributes(attrs map[string]schema.Attribute) map[string]schema.Attribute {
	attrs["label"] = schema.StringAttribute{Optional: true, Computed: true,
		MarkdownDescription: fmt.Sprintf("The key's label: any text, empty included (DSS allows an empty label). When null, `%s`, so that a key a killed run could not delete is recognisable.", EphemeralKeyLabel)}
	attrs["description"] = schema.StringAttribute{Optional: true,
		MarkdownDescription: "Description of the key. Default empty."}
	attrs["id"] = schema.StringAttribute{Computed: true,
		MarkdownDescription: "The key's id, which DSS generates (not the secret)."}
	attrs["secret"] = schema.StringAttribute{Computed: true, Sensitive: true,
		MarkdownDescription: "The key's secret, valid until Terraform closes the ephemeral resource at the end of the run. It is never stored in a plan or a state."}
	return attrs
}

// labelOrDefault is the label to create a key with: the configured one,
// "" included, else EphemeralKeyLabel.
func labelOrDefault(label types.String) string {
	if label.IsNull() {
		return EphemeralKeyLabel
	}
	return label.ValueString()
}

// NewEphemeralPersonalAPIKey returns the ephemeral dataiku_personal_api_key.
func NewEphemeralPersonalAPIKey() ephemeral.EphemeralResource { return &ephemeralPersonalAPIKey{} }

type ephemeralPersonalAPIKey struct{ ephemeralKeyBase }

var (
	_ ephemeral.EphemeralResourceWithConfigure = (*ephemeralPersonalAPIKey)(nil)
	_ ephemeral.EphemeralResourceWithClose     = (*ephemeralPersonalAPIKey)(nil)
)

type ephemeralPersonalAPIKeyModel struct {
	User        types.String `tfsdk:"user"`
	Label       types.String `tfsdk:"label"`
	Description types.String `tfsdk:"description"`
	ID          types.String `tfsdk:"id"`
	Secret      types.String `tfsdk:"secret"`
}

func (e *ephemeralPersonalAPIKey) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_personal_api_key"
}

func (e *ephemeralPersonalAPIKey) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A personal API key that exists only while Terraform runs: opening it creates the key, closing it at the end of the run deletes it, " +
			"and its secret is in no plan and no state. Use it to hand a short-lived credential to another provider block or to a write-only argument. " +
			"Without `user`, the key is the provider key's own user's (DSS's `POST /personal-api-keys/`; the provider's key must act as a user); " +
			"with `user`, an admin key creates it for that user (`POST /admin/personal-api-keys/`). " +
			"Terraform opens it in every plan and apply that uses it, so each run has its own key. Needs Terraform 1.10 or later.",
		Attributes: ephemeralKeyAttributes(map[string]schema.Attribute{
			"user": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Login of the DSS user the key belongs to and acts as (creating a key for another user needs an admin key). " +
					loginRefNote + " Default: the user the provider's API key acts as.",
				Validators: loginKey.RefValidators()},
		}),
	}
}

func (e *ephemeralPersonalAPIKey) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m ephemeralPersonalAPIKeyModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot create the ephemeral dataiku_personal_api_key"
	if !kit.RequireClient(e.client, &resp.Diagnostics, summary) {
		return
	}
	var key *dss.PersonalAPIKey
	var err error
	if m.User.IsNull() {
		key, err = e.client.CreateOwnPersonalAPIKey(ctx, labelOrDefault(m.Label), m.Description.ValueString())
	} else {
		key, err = e.client.CreatePersonalAPIKeyFor(ctx, m.User.ValueString(), labelOrDefault(m.Label), m.Description.ValueString())
	}
	if err != nil {
		kit.AddDSSError(&resp.Diagnostics, summary, err)
		return
	}
	remember(ctx, resp, ephemeralKeyPrivate{ID: key.ID})
	m.ID, m.Secret, m.User, m.Label = types.StringValue(key.ID), types.StringValue(key.Key), types.StringValue(key.User), types.StringValue(key.Label)
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}

// NewEphemeralAPIKey returns the ephemeral dataiku_api_key (a global key).
func NewEphemeralAPIKey() ephemeral.EphemeralResource { return &ephemeralAPIKey{} }

type ephemeralAPIKey struct{ ephemeralKeyBase }

var (
	_ ephemeral.EphemeralResourceWithConfigure      = (*ephemeralAPIKey)(nil)
	_ ephemeral.EphemeralResourceWithClose          = (*ephemeralAPIKey)(nil)
	_ ephemeral.EphemeralResourceWithValidateConfig = (*ephemeralAPIKey)(nil)
)

type ephemeralAPIKeyModel struct {
	Label            types.String `tfsdk:"label"`
	Description      types.String `tfsdk:"description"`
	Admin            types.Bool   `tfsdk:"admin"`
	Groups           types.Set    `tfsdk:"groups"`
	ImpersonatedUser types.String `tfsdk:"impersonated_user"`
	LifetimeDays     types.Int64  `tfsdk:"lifetime_days"`
	ID               types.String `tfsdk:"id"`
	Secret           types.String `tfsdk:"secret"`
}

// EphemeralKeyLifetimeDays is the lifetime a global ephemeral key gets
// unless configured: if the run is killed before Close, DSS still retires
// the key the next day.
const EphemeralKeyLifetimeDays = 1

func (e *ephemeralAPIKey) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_api_key"
}

func (e *ephemeralAPIKey) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A global API key that exists only while Terraform runs: opening it creates the key (DSS's `POST /admin/global-api-keys/`), " +
			"closing it at the end of the run deletes it, and its secret is in no plan and no state. Needs an admin API key and Terraform 1.10 or later. " +
			"The key also gets a lifetime (`lifetime_days`, default 1), so that DSS retires it even if a killed run never closes it.",
		Attributes: ephemeralKeyAttributes(map[string]schema.Attribute{
			"admin": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Whether the key has admin rights on the whole instance. `groups` must not be set beside `admin = true`. Default `false`."},
			"groups": schema.SetAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "The DSS groups whose rights the key has, for a key that is not admin; each must exist. " + groupRefNote + " " +
					"Must not be set when `admin = true`. A key that is not admin may have no groups, as DSS allows: it then has no rights but those DSS gives it otherwise.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(groupNameKey.RefValidators()...)}},
			"impersonated_user": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Login of the DSS user the key acts as; null for none. " + loginRefNote,
				Validators:          loginKey.RefValidators()},
			"lifetime_days": schema.Int64Attribute{Optional: true, Computed: true,
				MarkdownDescription: fmt.Sprintf("Lifetime of the key in days (DSS's `expiry`), a safety net for a run that never closes it. Default %d; `0` means it never expires.", EphemeralKeyLifetimeDays),
				Validators:          []validator.Int64{int64validator.AtLeast(0)}},
		}),
	}
}

func (e *ephemeralAPIKey) ValidateConfig(ctx context.Context, req ephemeral.ValidateConfigRequest, resp *ephemeral.ValidateConfigResponse) {
	validateKeyRights(ctx, req.Config, "ephemeral dataiku_api_key", &resp.Diagnostics)
}

// validateKeyRights reports keyRightsProblem, on groups, for the global
// key config declares (what names it in the summary), once admin and
// groups are known: the resource's and the ephemeral key's validation.
func validateKeyRights(ctx context.Context, config tfsdk.Config, what string, diags *diag.Diagnostics) {
	var admin types.Bool
	var groups types.Set
	diags.Append(config.GetAttribute(ctx, path.Root("admin"), &admin)...)
	diags.Append(config.GetAttribute(ctx, path.Root("groups"), &groups)...)
	if diags.HasError() || admin.IsUnknown() || groups.IsUnknown() {
		return
	}
	if summary, detail := keyRightsProblem(what, admin, groups); summary != "" {
		diags.AddAttributeError(path.Root("groups"), summary, detail)
	}
}

// keyRightsProblem says what is wrong with a global key's rights, ""
// when nothing is: an admin key has every right, so groups beside it
// would mislead (the creation sends one or the other). A key that is not
// admin may have no groups: DSS creates one by default (dataikuapi's
// create_global_api_key sends globalPermissions {admin: false} and no
// groups [V]), and its other rights (per project) are DSS's to judge.
func keyRightsProblem(what string, admin types.Bool, groups types.Set) (summary, detail string) {
	if admin.ValueBool() && !groups.IsNull() {
		return "Conflicting rights for " + what,
			"groups must not be set when admin = true: an admin key has every right. Remove groups, or set admin = false."
	}
	return "", ""
}

func (e *ephemeralAPIKey) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m ephemeralAPIKeyModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot create the ephemeral dataiku_api_key"
	if !kit.RequireClient(e.client, &resp.Diagnostics, summary) {
		return
	}
	groups, d := kit.StringsFromSet(ctx, m.Groups)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	key, err := e.client.CreateGlobalAPIKey(ctx, dss.NewGlobalAPIKey{
		Label: labelOrDefault(m.Label), Description: m.Description.ValueString(), Admin: m.Admin.ValueBool(), Groups: groups,
	})
	if err != nil {
		kit.AddDSSError(&resp.Diagnostics, summary, err)
		return
	}
	// From here on the key exists: Close must delete it whatever happens.
	remember(ctx, resp, ephemeralKeyPrivate{ID: key.ID, Global: true})
	lifetime := int64(EphemeralKeyLifetimeDays)
	if !m.LifetimeDays.IsNull() {
		lifetime = m.LifetimeDays.ValueInt64()
	}
	// The creation cannot set the lifetime nor the impersonated user
	// (dataikuapi's create_global_api_key sends neither): one
	// read-modify-write does.
	if lifetime != 0 || m.ImpersonatedUser.ValueString() != "" {
		_, _, err := dss.GlobalAPIKeyDoc(key.ID).Update(ctx, e.client, func(k *dss.GlobalAPIKey) error {
			k.Expiry = lifetime
			k.SetImpersonatedUser(m.ImpersonatedUser.ValueString())
			return nil
		})
		if err != nil {
			e.deleteAfterFailedOpen(ctx, key.ID, &resp.Diagnostics)
			kit.AddDSSError(&resp.Diagnostics, summary, err)
			return
		}
	}
	m.ID, m.Secret, m.Label, m.LifetimeDays = types.StringValue(key.ID), types.StringValue(key.Key), types.StringValue(key.Label), types.Int64Value(lifetime)
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}

// deleteAfterFailedOpen deletes a key whose Open fails after creating it:
// Terraform does not close an ephemeral resource whose Open failed.
func (e *ephemeralAPIKey) deleteAfterFailedOpen(ctx context.Context, id string, diags *diag.Diagnostics) {
	if err := e.client.DeleteGlobalAPIKey(ctx, id); err != nil && !dss.IsGone(err, dss.GlobalAPIKeyDoc(id).Path()) {
		diags.AddWarning("Cannot delete the ephemeral dataiku_api_key "+id,
			"Its configuration could not be completed and deleting it failed too: delete it in DSS (Administration > Security > Global API keys). DSS answered: "+kit.DSSErrorText(err))
	}
}
