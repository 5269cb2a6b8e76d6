package dss

import (
	"context"
	"encoding/json"
	"sort"
)

// Instance-wide documents (dss-api.md §2.3): DSS's general settings and the
// instance variables. Both are one whole document each, read with GET and
// replaced with PUT, admin only. The provider models none of their fields:
// they are free-form objects whose numbers stay json.Number, so a
// read-modify-write gives back every key DSS had, exactly.

// FreeObject is a whole DSS document kept as a free-form JSON object.
type FreeObject map[string]any

// UnmarshalJSON keeps numbers exact (json.Number) and refuses anything but
// an object, so a document never silently becomes nil.
func (o *FreeObject) UnmarshalJSON(b []byte) error {
	var m map[string]any
	if err := decodeExact(b, &m); err != nil {
		return err
	}
	if m == nil {
		m = map[string]any{}
	}
	*o = m
	return nil
}

// MarshalJSON writes an empty object for a nil document: DSS's variables
// document is `{}`, never null.
func (o FreeObject) MarshalJSON() ([]byte, error) {
	if o == nil {
		return []byte("{}"), nil
	}
	return json.Marshal(map[string]any(o))
}

// generalSettingsPath and instanceVariablesPath are the two documents.
const (
	generalSettingsPath   = "/admin/general-settings"
	instanceVariablesPath = "/admin/variables"
)

// GeneralSettingsDoc is DSS's general settings, GET/PUT
// /admin/general-settings.
func GeneralSettingsDoc() Document[FreeObject] { return DocumentAt[FreeObject](generalSettingsPath) }

// InstanceVariablesDoc is the instance variables, GET/PUT /admin/variables:
// a flat object that a PUT replaces whole.
func InstanceVariablesDoc() Document[FreeObject] {
	return DocumentAt[FreeObject](instanceVariablesPath)
}

// InstanceInfo is what GET /instance-info says about the node (any caller).
type InstanceInfo struct {
	DSSVersion string `json:"dssVersion"`
	InstanceID string `json:"instanceId"`
	NodeID     string `json:"nodeId"`
	NodeName   string `json:"nodeName"`
	NodeType   string `json:"nodeType"`
}

// InstanceInfo reads GET /instance-info.
func (c *Client) InstanceInfo(ctx context.Context) (*InstanceInfo, error) {
	var info InstanceInfo
	if err := c.Get(ctx, "/instance-info", nil, &info); err != nil {
		return nil, err
	}
	return &info, nil
}

// LicensingStatus is the part of GET /admin/licensing/status the provider
// reads (admin only): the user profiles the licence allows, keyed by
// profile name under limits.licensedProfiles.
type LicensingStatus struct {
	Limits struct {
		LicensedProfiles map[string]json.RawMessage `json:"licensedProfiles"`
	} `json:"limits"`
}

// Profiles lists the licensed profiles' names, sorted; nil when DSS does
// not report any (the key is absent or null).
func (s *LicensingStatus) Profiles() []string {
	if s == nil || s.Limits.LicensedProfiles == nil {
		return nil
	}
	out := make([]string, 0, len(s.Limits.LicensedProfiles))
	for p := range s.Limits.LicensedProfiles {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// LicensingStatus reads GET /admin/licensing/status.
func (c *Client) LicensingStatus(ctx context.Context) (*LicensingStatus, error) {
	var st LicensingStatus
	if err := c.Get(ctx, "/admin/licensing/status", nil, &st); err != nil {
		return nil, err
	}
	return &st, nil
}

// The instance's identity-provider settings (dataikuapi [V]: dssclient.py
// get_ldap_settings, get_sso_settings, get_azure_ad_settings and
// iam/settings.py's save methods): one whole document each, read with GET
// and replaced with PUT at the same path, admin only. Like the general
// settings, the provider models none of their keys but the secret each
// has (names.LDAPSecretPath and its kin).
const (
	ldapSettingsPath    = "/admin/iam/ldap-settings"
	ssoSettingsPath     = "/admin/iam/sso-settings"
	azureADSettingsPath = "/admin/iam/azure-ad-settings"
)

// LDAPSettingsDoc is DSS's LDAP settings, GET/PUT /admin/iam/ldap-settings.
func LDAPSettingsDoc() Document[FreeObject] { return DocumentAt[FreeObject](ldapSettingsPath) }

// SSOSettingsDoc is DSS's single sign-on settings, GET/PUT
// /admin/iam/sso-settings.
func SSOSettingsDoc() Document[FreeObject] { return DocumentAt[FreeObject](ssoSettingsPath) }

// AzureADSettingsDoc is DSS's Azure AD (Microsoft Entra ID) settings,
// GET/PUT /admin/iam/azure-ad-settings.
func AzureADSettingsDoc() Document[FreeObject] { return DocumentAt[FreeObject](azureADSettingsPath) }
