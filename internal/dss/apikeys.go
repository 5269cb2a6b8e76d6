package dss

import (
	"context"
)

// API key calls (dss-api.md §2.7). DSS generates a key's id and its secret
// (`key`); the secret is a credential, so it never goes into an error text:
// the reply types that hold it are secretHolders, and Do does not quote
// their body when it cannot decode it.

// GlobalAPIKeyPermissions is a global key's globalPermissions.
type GlobalAPIKeyPermissions struct {
	Admin bool  `json:"admin"`
	Extra Extra `json:"-"`
}

func (d *GlobalAPIKeyPermissions) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d GlobalAPIKeyPermissions) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// GlobalAPIKey is a global (instance-wide) API key's definition, GET/PUT
// /admin/global-api-keys/{id}. DSS changes only Label, Description,
// DSSUserForImpersonation, Groups and Expiry on a PUT.
type GlobalAPIKey struct {
	ID string `json:"id"`
	// Key is the secret: read, never sent back (DSS ignores it in a PUT,
	// and a secret crosses the wire only when DSS sends it).
	Key         string `json:"key,omitempty" dss:"readonly"`
	Label       string `json:"label"`
	Description string `json:"description"`
	// CreatedOn and ExpiresOn are epoch milliseconds; ExpiresOn is 0 for
	// a key that never expires.
	CreatedOn int64  `json:"createdOn,omitempty"`
	CreatedBy string `json:"createdBy,omitempty"`
	// DSSUserForImpersonation is the login the key acts as, nil for none.
	// It is always sent: DSS keeps the user when a PUT leaves it out, so
	// clearing it means sending null.
	DSSUserForImpersonation *string `json:"dssUserForImpersonation"`
	// Groups is nil for an admin key (DSS sends null).
	Groups            []string                 `json:"groups"`
	GlobalPermissions *GlobalAPIKeyPermissions `json:"globalPermissions,omitempty"`
	// Expiry is the key's lifetime in days, 0 = never.
	Expiry    int64 `json:"expiry"`
	ExpiresOn int64 `json:"expiresOn,omitempty"`
	Extra     Extra `json:"-"`
}

func (d *GlobalAPIKey) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d GlobalAPIKey) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ImpersonatedUser is the login the key acts as, "" for none.
func (d *GlobalAPIKey) ImpersonatedUser() string {
	if d.DSSUserForImpersonation == nil {
		return ""
	}
	return *d.DSSUserForImpersonation
}

// SetImpersonatedUser sets the login the key acts as; "" for none.
func (d *GlobalAPIKey) SetImpersonatedUser(login string) {
	d.DSSUserForImpersonation = nil
	if login != "" {
		d.DSSUserForImpersonation = &login
	}
}

// IsAdmin reports whether the key has globalPermissions.admin.
func (d *GlobalAPIKey) IsAdmin() bool { return d.GlobalPermissions != nil && d.GlobalPermissions.Admin }

// PersonalAPIKey is a user's personal API key, GET/PUT
// /personal-api-keys/{id}. DSS changes only Label and Description on a PUT.
type PersonalAPIKey struct {
	ID          string `json:"id"`
	Key         string `json:"key,omitempty" dss:"readonly"` // as GlobalAPIKey's
	User        string `json:"user"`
	Label       string `json:"label"`
	Description string `json:"description"`
	CreatedOn   int64  `json:"createdOn,omitempty"`
	CreatedBy   string `json:"createdBy,omitempty"`
	Extra       Extra  `json:"-"`
}

func (d *PersonalAPIKey) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d PersonalAPIKey) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// GlobalAPIKeyDoc is a global key's definition document.
func GlobalAPIKeyDoc(id string) Document[GlobalAPIKey] {
	return DocumentAt[GlobalAPIKey](Path("admin", "global-api-keys", id))
}

// PersonalAPIKeyDoc is a personal key's definition document (its owner or
// an admin may read and write it).
func PersonalAPIKeyDoc(id string) Document[PersonalAPIKey] {
	return DocumentAt[PersonalAPIKey](Path("personal-api-keys", id))
}

// NewGlobalAPIKey is what CreateGlobalAPIKey sends: an admin key, or a key
// with the rights of Groups (DSS takes one or the other).
type NewGlobalAPIKey struct {
	Label       string
	Description string
	Admin       bool
	Groups      []string
}

// CreateGlobalAPIKey creates a global key and returns DSS's reply: the
// whole definition, secret included.
func (c *Client) CreateGlobalAPIKey(ctx context.Context, k NewGlobalAPIKey) (*GlobalAPIKey, error) {
	body := map[string]any{"label": k.Label, "description": k.Description}
	if k.Admin {
		body["globalPermissions"] = map[string]any{"admin": true}
	} else {
		groups := k.Groups
		if groups == nil {
			groups = []string{}
		}
		body["groups"] = groups
	}
	return postCreate[GlobalAPIKey](ctx, c, Path("admin", "global-api-keys")+"/", body, "created the global API key")
}

// ListGlobalAPIKeys lists every global key (admin).
func (c *Client) ListGlobalAPIKeys(ctx context.Context) ([]GlobalAPIKey, error) {
	return getAs[globalAPIKeys](ctx, c, Path("admin", "global-api-keys")+"/", nil)
}

// DeleteGlobalAPIKey deletes a global key; it stops authenticating at once.
func (c *Client) DeleteGlobalAPIKey(ctx context.Context, id string) error {
	return c.Delete(ctx, Path("admin", "global-api-keys", id), nil, nil)
}

// CreatePersonalAPIKeyFor creates a personal key for user (admin) and
// returns DSS's reply, secret included.
func (c *Client) CreatePersonalAPIKeyFor(ctx context.Context, user, label, description string) (*PersonalAPIKey, error) {
	body := map[string]any{"user": user, "label": label, "description": description}
	return postCreate[PersonalAPIKey](ctx, c, Path("admin", "personal-api-keys")+"/", body, "created the personal API key")
}

// ListAllPersonalAPIKeys lists every user's personal keys (admin).
func (c *Client) ListAllPersonalAPIKeys(ctx context.Context) ([]PersonalAPIKey, error) {
	return getAs[personalAPIKeys](ctx, c, Path("admin", "personal-api-keys")+"/", nil)
}

// DeletePersonalAPIKey deletes a personal key.
func (c *Client) DeletePersonalAPIKey(ctx context.Context, id string) error {
	return c.Delete(ctx, Path("personal-api-keys", id), nil, nil)
}

// secretHolder is a reply type that holds API key secrets: Do leaves the
// body out of the error when it cannot decode one.
type secretHolder interface{ holdsSecrets() }

func (*GlobalAPIKey) holdsSecrets()   {}
func (*PersonalAPIKey) holdsSecrets() {}

func (d *GlobalAPIKey) createdKey() (string, string)   { return "id", d.ID }
func (d *PersonalAPIKey) createdKey() (string, string) { return "id", d.ID }

type (
	globalAPIKeys   []GlobalAPIKey
	personalAPIKeys []PersonalAPIKey
)

func (*globalAPIKeys) holdsSecrets()   {}
func (*personalAPIKeys) holdsSecrets() {}

// CreateOwnPersonalAPIKey creates a personal key for the caller's own DSS
// user (POST /personal-api-keys/, what dataikuapi's
// create_personal_api_key sends) and returns DSS's reply, secret included.
// DSS refuses it to a key that acts as no user.
func (c *Client) CreateOwnPersonalAPIKey(ctx context.Context, label, description string) (*PersonalAPIKey, error) {
	body := map[string]any{"label": label, "description": description}
	return postCreate[PersonalAPIKey](ctx, c, Path("personal-api-keys")+"/", body, "created the personal API key")
}
