package instance

import (
	"context"
	"fmt"
	"maps"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewAPIKeyResource returns the dataiku_api_key resource.
func NewAPIKeyResource() resource.Resource {
	return kit.NewResource[APIKeyModel](apiKeyKind{})
}

// apiKeyKind is a global API key: DSS generates its id and its secret, and
// shows the secret in the creation's answer; labels are not unique.
type apiKeyKind struct{}

// secretDescription is the secret rule both key kinds follow.
const secretDescription = "The key's secret, to use as a provider's `api_key` or in DSS's API clients. **It is stored in the Terraform state** " +
	"(sensitive: hidden in plans and output, but in clear in the state file): protect the state accordingly. " +
	"It comes from DSS's answer to the creation only and is never refreshed from reads; it is null after an import, " +
	"because DSS does not show the secret of an existing key to every caller."

// APIKeyAddress: DSS generates a key's id; its label finds it when the
// answer to its creation was lost, and its secret, known only from that
// answer, is recorded with it.
var APIKeyAddress = kit.Address[APIKeyModel]{
	TypeName:  "dataiku_api_key",
	Path:      "admin/global-api-keys/{id}",
	Key:       []kit.KeyPart[APIKeyModel]{{Attr: "id", ImportPart: kit.ImportPart{Label: "id"}, Field: func(m *APIKeyModel) *types.String { return &m.ID }, Doc: "The key's id as DSS shows it (not its secret)."}},
	ID:        func(m *APIKeyModel) *types.String { return &m.ID },
	Generated: true,
	Natural:   &kit.KeyPart[APIKeyModel]{Attr: "label", Field: func(m *APIKeyModel) *types.String { return &m.Label }},
	Extra:     func(m *APIKeyModel) []kit.IdentityAttr { return []kit.IdentityAttr{{Name: "secret", Value: m.Secret}} },
	ParseKey:  func(id string) ([]string, error) { return []string{id}, CheckAPIKeyImportID(id) },
}

func (apiKeyKind) Address() *kit.Address[APIKeyModel] { return &APIKeyAddress }

func (apiKeyKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A DSS global API key (Administration > Security > Global API keys): a credential for automation that acts with " +
			"admin rights (`admin = true`), the rights of `groups`, or neither (the key Dataiku's Python client creates by default, with only the rights DSS gives it otherwise), " +
			"optionally as a DSS user (`impersonated_user`). Managing global keys needs an admin API key.\n\n" +
			"The `secret` is kept in the state (see below). Label, description, groups, impersonated user and lifetime change in place; " +
			"DSS cannot change a key's admin permission, so changing `admin` replaces the key (the new key has a new id and secret). " +
			"When the answer to the creation is lost, the provider looks for the key it created by its label (keys created by the provider's own API key " +
			"since the apply started) and adopts it only when exactly one matches.\n\n" +
			"**Expiry.** DSS lets a client set a key's lifetime in days (`expiry`) and computes the expiry date itself, so the argument is `lifetime_days` " +
			"and the date is the read-only `expires_on` (RFC 3339).\n\n" +
			"Import with the key's id.\n\n**Refresh cost.** 1 API call.",
		Attributes: apiKeyAttributes(" Labels need not be unique in DSS, but keep them unique among the keys you manage.", map[string]schema.Attribute{
			"admin": kit.OptionalBool(false,
				"Whether the key has admin rights on the whole instance (DSS's `globalPermissions.admin`). "+
					"`groups` must not be set beside `admin = true`. Default `false`. DSS cannot change it: changing it replaces the key.",
				boolplanmodifier.RequiresReplace()),
			"groups": schema.SetAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "The DSS groups whose rights the key has, for a key that is not admin; each must exist. " + groupRefNote + " " +
					"Must not be set when `admin = true`. A key that is not admin may have no groups (null or `[]`), as DSS allows " +
					"(Dataiku's Python client creates such a key by default): it then has only the rights DSS gives it otherwise " +
					"(per-project rights set in DSS, which the provider keeps). Authoritative: null and `[]` both mean no groups (a group added in DSS is removed at the next apply), " +
					"and each reads back as written while DSS holds none. Changes in place.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(groupNameKey.RefValidators()...)}},
			"impersonated_user": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Login of the DSS user the key acts as (DSS's `dssUserForImpersonation`): that user owns what the key creates. " +
					loginRefNote + " When null, the key acts as no user. Changes in place.",
				Validators: loginKey.RefValidators()},
			"lifetime_days": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Lifetime of the key in days from its creation (DSS's `expiry`); null or `0` means it never expires. " +
					"DSS takes a lifetime, not a date: see `expires_on` for the date it computes. Changes in place.",
				Validators: []validator.Int64{int64validator.AtLeast(0)}},
			"expires_on": schema.StringAttribute{Computed: true,
				MarkdownDescription: "When the key expires (RFC 3339, UTC), as DSS computes it from the creation date and `lifetime_days` (DSS's read-only `expiresOn`); " +
					"null when it never expires."},
			"created_by": schema.StringAttribute{Computed: true,
				MarkdownDescription: "Who created the key, as DSS records it: a login, or the label of the global key that created it.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		}),
	}
}

// apiKeyAttributes adds to attrs what both key kinds have: id, label
// (labelNote, when not empty, starts with a space), description,
// created_on and the secret.
func apiKeyAttributes(labelNote string, attrs map[string]schema.Attribute) map[string]schema.Attribute {
	out := maps.Clone(attrs)
	out["id"] = schema.StringAttribute{Computed: true,
		MarkdownDescription: "The key's id, which DSS generates (not the secret).",
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	out["label"] = kit.OptionalString("", "The key's label: how people (and the provider, after a lost answer) find the key. Any text, empty included; "+
		"default empty, as DSS's own clients create keys (a label DSS holds as null reads as empty)."+labelNote+" Changes in place.")
	out["description"] = kit.OptionalString("", "Description of the key. Default empty. Changes in place.")
	out["created_on"] = schema.StringAttribute{Computed: true,
		MarkdownDescription: "When the key was created (RFC 3339, UTC).",
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	out["secret"] = schema.StringAttribute{Computed: true, Sensitive: true,
		MarkdownDescription: secretDescription,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	return out
}

// ValidateConfig checks the rights: an admin key has every right, so
// groups beside it would mislead.
func (apiKeyKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	validateKeyRights(ctx, req.Config, "dataiku_api_key", &resp.Diagnostics)
}

// ModifyPlan predicts expires_on: DSS computes it from the lifetime, so it
// stays as it is while lifetime_days does, and is null for a key that
// never expires.
func (apiKeyKind) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var planned, prior types.Int64
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("lifetime_days"), &planned)...)
	expires := types.StringUnknown()
	switch {
	case planned.IsUnknown():
	case planned.ValueInt64() == 0:
		expires = types.StringNull()
	case !req.State.Raw.IsNull():
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("lifetime_days"), &prior)...)
		if prior.ValueInt64() == planned.ValueInt64() {
			resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("expires_on"), &expires)...)
		}
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("expires_on"), expires)...)
}

// Find looks only after a POST whose answer was lost (findLostKey).
func (apiKeyKind) Find(ctx context.Context, c *dss.Client, m *APIKeyModel) (bool, error) {
	k, err := findLostKey(ctx, c, "global API key", m.Label.ValueString(), m.postStarted, func() ([]LostKey, error) {
		keys, err := c.ListGlobalAPIKeys(ctx)
		out := make([]LostKey, len(keys))
		for i, k := range keys {
			out[i] = LostKey{ID: k.ID, Secret: k.Key, Label: k.Label, CreatedBy: k.CreatedBy, CreatedOn: k.CreatedOn}
		}
		return out, err
	})
	if err != nil || k == nil {
		return false, err
	}
	m.ID, m.Secret = types.StringValue(k.ID), secretValue(k.Secret)
	return true, nil
}

func (apiKeyKind) Post(ctx context.Context, c *dss.Client, m *APIKeyModel) error {
	if m.postStarted.IsZero() {
		m.postStarted = time.Now()
	}
	groups, d := kit.StringsFromSet(ctx, m.Groups)
	if err := kit.DiagsError(d); err != nil {
		return err
	}
	k, err := c.CreateGlobalAPIKey(ctx, dss.NewGlobalAPIKey{
		Label: m.Label.ValueString(), Description: m.Description.ValueString(), Admin: m.Admin.ValueBool(), Groups: groups,
	})
	if err != nil {
		return err
	}
	m.ID, m.Secret = types.StringValue(k.ID), secretValue(k.Key)
	return nil
}

// Apply writes what the creation could not set (impersonation, lifetime)
// and every later change with one read-modify-write, then reads back what
// DSS computed (expiresOn).
func (apiKeyKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[APIKeyModel]) {
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[APIKeyModel, dss.GlobalAPIKey]{
		Doc:     dss.GlobalAPIKeyDoc(op.Plan.ID.ValueString()),
		ToDSS:   func(k *dss.GlobalAPIKey) diag.Diagnostics { return ApplyAPIKey(ctx, op.Plan, k) },
		FromDSS: func(k *dss.GlobalAPIKey) diag.Diagnostics { return APIKeyFromDSS(ctx, k, op.Plan) },
	})
}

func (apiKeyKind) Read(ctx context.Context, c *dss.Client, m *APIKeyModel, _ bool) error {
	k, err := dss.GlobalAPIKeyDoc(m.ID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	return kit.DiagsError(APIKeyFromDSS(ctx, k, m))
}

// CheckAPIKeyImportID checks an API key import ID: the key's id, never its
// secret (which would then sit in shell history).
func CheckAPIKeyImportID(id string) error {
	if !apiKeyIDPattern.MatchString(id) {
		return fmt.Errorf("the import id is the key's id as DSS shows it (e.g. AbCdEfGh12345678: letters, digits, _ and -), not its secret; got an id of %d characters that does not match", len(id))
	}
	return nil
}

func (apiKeyKind) AdminAPI() string { return "/admin/global-api-keys/" }
