package instance

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewPersonalAPIKeyResource returns the dataiku_personal_api_key resource.
func NewPersonalAPIKeyResource() resource.Resource {
	return kit.NewResource[personalAPIKeyModel](personalAPIKeyKind{})
}

// personalAPIKeyKind is a user's personal API key created by an admin:
// DSS generates its id and secret; it acts with its user's rights.
type personalAPIKeyKind struct{}

// personalAPIKeyAddress: DSS generates a key's id; its user and label
// find it when the answer to its creation was lost, and its secret, known
// only from that answer, is recorded with it.
var personalAPIKeyAddress = kit.Address[personalAPIKeyModel]{
	TypeName:  "dataiku_personal_api_key",
	Path:      "personal-api-keys/{id}",
	Key:       []kit.KeyPart[personalAPIKeyModel]{{Attr: "id", ImportPart: kit.ImportPart{Label: "id"}, Field: func(m *personalAPIKeyModel) *types.String { return &m.ID }, Doc: "The key's id as DSS shows it (not its secret)."}},
	ID:        func(m *personalAPIKeyModel) *types.String { return &m.ID },
	Generated: true,
	Natural:   &kit.KeyPart[personalAPIKeyModel]{Attr: "label", Field: func(m *personalAPIKeyModel) *types.String { return &m.Label }},
	Extra: func(m *personalAPIKeyModel) []kit.IdentityAttr {
		return []kit.IdentityAttr{{Name: "user", Value: m.User}, {Name: "secret", Value: m.Secret}}
	},
	LabelOf: func(m *personalAPIKeyModel) string {
		if kit.Known(m.ID) {
			return fmt.Sprintf("dataiku_personal_api_key %q of %s (%s)", m.Label.ValueString(), m.User.ValueString(), m.ID.ValueString())
		}
		return fmt.Sprintf("dataiku_personal_api_key %q of %s", m.Label.ValueString(), m.User.ValueString())
	},
	ParseKey: func(id string) ([]string, error) { return []string{id}, CheckAPIKeyImportID(id) },
}

func (personalAPIKeyKind) Address() *kit.Address[personalAPIKeyModel] { return &personalAPIKeyAddress }

func (personalAPIKeyKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A personal API key of a DSS user, created by an admin (DSS's `POST /admin/personal-api-keys`): " +
			"a credential for per-user automation that acts with exactly the rights of `user` (its groups) and stops working when the user is disabled or deleted. " +
			"Managing it needs an admin API key.\n\n" +
			"The `secret` is kept in the state (see below). Label and description change in place; changing `user` replaces the key. " +
			"When the answer to the creation is lost, the provider looks for the key by user and label (keys created by the provider's own API key " +
			"since the apply started) and adopts it only when exactly one matches.\n\n" +
			"Import with the key's id.\n\n**Refresh cost.** 1 API call.",
		Attributes: apiKeyAttributes("", map[string]schema.Attribute{
			"user": kit.RequiredReplacing("Login of the DSS user the key belongs to (the user must exist). "+loginRefNote+" Changing it replaces the key.",
				loginKey.RefValidators()...),
		}),
	}
}

// Find looks only after a POST whose answer was lost (findLostKey), among
// the planned user's keys.
func (personalAPIKeyKind) Find(ctx context.Context, c *dss.Client, m *personalAPIKeyModel) (bool, error) {
	user := m.User.ValueString()
	k, err := findLostKey(ctx, c, "personal API key of "+user, m.Label.ValueString(), m.postStarted, func() ([]LostKey, error) {
		keys, err := c.ListAllPersonalAPIKeys(ctx)
		var out []LostKey
		for _, k := range keys {
			if k.User == user {
				out = append(out, LostKey{ID: k.ID, Secret: k.Key, Label: k.Label, CreatedBy: k.CreatedBy, CreatedOn: k.CreatedOn})
			}
		}
		return out, err
	})
	if err != nil || k == nil {
		return false, err
	}
	m.ID, m.Secret = types.StringValue(k.ID), secretValue(k.Secret)
	return true, nil
}

func (personalAPIKeyKind) Post(ctx context.Context, c *dss.Client, m *personalAPIKeyModel) error {
	if m.postStarted.IsZero() {
		m.postStarted = time.Now()
	}
	k, err := c.CreatePersonalAPIKeyFor(ctx, m.User.ValueString(), m.Label.ValueString(), m.Description.ValueString())
	if err != nil {
		return err
	}
	m.ID, m.Secret = types.StringValue(k.ID), secretValue(k.Key)
	return nil
}

func (personalAPIKeyKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[personalAPIKeyModel]) {
	k, _, err := dss.PersonalAPIKeyDoc(op.Plan.ID.ValueString()).Update(ctx, c, func(k *dss.PersonalAPIKey) error {
		k.Label = op.Plan.Label.ValueString()
		k.Description = op.Plan.Description.ValueString()
		return nil
	})
	if op.Fail(err) {
		return
	}
	personalAPIKeyFromDSS(k, op.Plan)
}

func (personalAPIKeyKind) Read(ctx context.Context, c *dss.Client, m *personalAPIKeyModel, _ bool) error {
	k, err := dss.PersonalAPIKeyDoc(m.ID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	personalAPIKeyFromDSS(k, m)
	return nil
}
