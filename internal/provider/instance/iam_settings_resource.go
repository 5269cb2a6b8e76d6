package instance

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// DSS's identity-provider settings (dataikuapi [V]: dssclient.py
// get_ldap_settings, get_sso_settings, get_azure_ad_settings and
// iam/settings.py): one document each, GET and PUT whole at
// /admin/iam/<name>, admin only. Each is an instance singleton managed as
// dataiku_instance_settings manages the general settings (instanceDocKind,
// the deep subset rule), plus its one secret in a write-only attribute.

// The fixed ids (and import ids) of the three singletons.
const (
	LDAPSettingsID    = names.LDAPSettingsID
	SSOSettingsID     = names.SSOSettingsID
	AzureADSettingsID = names.AzureADSettingsID
)

type ldapSettingsModel struct {
	ID                    types.String  `tfsdk:"id"`
	Settings              types.Dynamic `tfsdk:"settings"`
	BindPasswordWO        types.String  `tfsdk:"bind_password_wo"`
	BindPasswordWOVersion types.Int64   `tfsdk:"bind_password_wo_version"`
}

// ssoSettingsModel is also Azure AD's: both have one client secret.
type ssoSettingsModel struct {
	ID                    types.String  `tfsdk:"id"`
	Settings              types.Dynamic `tfsdk:"settings"`
	ClientSecretWO        types.String  `tfsdk:"client_secret_wo"`
	ClientSecretWOVersion types.Int64   `tfsdk:"client_secret_wo_version"`
}

// idAndSettings and secretVersion are the parts of a model that
// instanceDocKind (fields) and its docSecret (version) read.
func (m *ldapSettingsModel) idAndSettings() (*types.String, *types.Dynamic) {
	return &m.ID, &m.Settings
}

func (m *ldapSettingsModel) secretVersion() types.Int64 { return m.BindPasswordWOVersion }

func (m *ssoSettingsModel) idAndSettings() (*types.String, *types.Dynamic) {
	return &m.ID, &m.Settings
}

func (m *ssoSettingsModel) secretVersion() types.Int64 { return m.ClientSecretWOVersion }

// NewLDAPSettingsResource returns the dataiku_ldap_settings resource.
func NewLDAPSettingsResource() resource.Resource {
	return kit.NewResource[ldapSettingsModel](LDAPSettingsKind())
}

// NewSSOSettingsResource returns the dataiku_sso_settings resource.
func NewSSOSettingsResource() resource.Resource {
	return kit.NewResource[ssoSettingsModel](SSOSettingsKind())
}

// NewAzureADSettingsResource returns the dataiku_azure_ad_settings
// resource.
func NewAzureADSettingsResource() resource.Resource {
	return kit.NewResource[ssoSettingsModel](AzureADSettingsKind())
}

// LDAPSettingsKind is DSS's LDAP settings.
func LDAPSettingsKind() instanceDocKind[ldapSettingsModel] {
	return iamSettingsKind(iamSettings[ldapSettingsModel]{
		name: "dataiku_ldap_settings", id: LDAPSettingsID, doc: dss.LDAPSettingsDoc(), what: "LDAP settings",
		where:   "Administration > Settings > Security > LDAP",
		example: "`{ enabled = true, url = \"ldaps://ldap.example.com:636/dc=example,dc=com\", bindDN = \"cn=dss,ou=services,dc=example,dc=com\", authorizedGroups = [\"dss-users\"], defaultUserProfile = \"READER\" }`",
		secret: docSecret[ldapSettingsModel]{attr: "bind_password_wo", path: names.LDAPSecretPath,
			desc:    "The password of the LDAP account DSS binds as (`bindDN`)",
			version: (*ldapSettingsModel).secretVersion},
		fields: (*ldapSettingsModel).idAndSettings,
	})
}

// SSOSettingsKind is DSS's single sign-on settings.
func SSOSettingsKind() instanceDocKind[ssoSettingsModel] {
	return iamSettingsKind(iamSettings[ssoSettingsModel]{
		name: "dataiku_sso_settings", id: SSOSettingsID, doc: dss.SSOSettingsDoc(), what: "single sign-on (SSO) settings",
		where:   "Administration > Settings > Security > SSO",
		example: "`{ enabled = true, protocol = \"OPENID\", openIDParams = { clientId = \"dss\", issuer = \"https://idp.example.com\" } }`",
		secret: docSecret[ssoSettingsModel]{attr: "client_secret_wo", path: names.SSOSecretPath,
			desc:    "The OpenID Connect client secret",
			version: (*ssoSettingsModel).secretVersion},
		fields: (*ssoSettingsModel).idAndSettings,
	})
}

// AzureADSettingsKind is DSS's Azure AD (Microsoft Entra ID) settings.
func AzureADSettingsKind() instanceDocKind[ssoSettingsModel] {
	return iamSettingsKind(iamSettings[ssoSettingsModel]{
		name: "dataiku_azure_ad_settings", id: AzureADSettingsID, doc: dss.AzureADSettingsDoc(), what: "Azure AD (Microsoft Entra ID) settings",
		where:   "Administration > Settings > Security > Azure AD",
		example: "`{ enabled = true, credentialMethod = \"OAUTH2_SECRET\", credentialsTenantId = \"...\", credentialsClientId = \"...\" }`",
		secret: docSecret[ssoSettingsModel]{attr: "client_secret_wo", path: names.AzureADSecretPath,
			desc:    "The client secret of the Azure application DSS queries the directory with",
			version: (*ssoSettingsModel).secretVersion},
		fields: (*ssoSettingsModel).idAndSettings,
	})
}

// iamSettings is what differs between the three kinds.
type iamSettings[M any] struct {
	name, id, what, where, example string
	doc                            dss.Document[dss.FreeObject]
	secret                         docSecret[M]
	fields                         func(*M) (*types.String, *types.Dynamic)
}

// iamSettingsKind is an identity-provider settings document as an
// instance singleton.
func iamSettingsKind[M any](s iamSettings[M]) instanceDocKind[M] {
	secretKey := strings.Join(s.secret.path, ".")
	return instanceDocKind[M]{
		name: s.name, id: s.id, attr: "settings", doc: s.doc,
		write: mergeWritten,
		state: func(held map[string]any, prior types.Dynamic) types.Dynamic {
			return managedDeep(held, prior, withoutIAMSecrets)
		},
		// DSS keeps these settings under the general settings' keys
		// (ldapSettings, ssoSettings, azureADSettings) [I]: a read-modify-
		// write of either document must not run between the other's
		// read and write.
		lock: lockGeneralSettings,
		validate: func(written map[string]any) (string, string) {
			key := firstIAMSecretKey(written, "")
			switch key {
			case "":
				return "", ""
			case secretKey:
				return s.name + " cannot write " + key + " in settings", fmt.Sprintf(
					"%s is a secret: write it in the write-only %s (with %s_version to rotate it), which never reaches the plan or the state.", key, s.secret.attr, s.secret.attr)
			default:
				return s.name + " cannot write " + key + " in settings", fmt.Sprintf(
					"%s names a secret (a password, secret, passphrase or private key), and settings are stored in clear in the state. Set it in DSS (%s) instead.", key, s.where)
			}
		},
		fields: s.fields,
		secret: &s.secret,
		description: "Keys of DSS's " + s.what + " (" + s.where + "; DSS's `" + s.doc.Path() + "` document, dataikuapi's `get_" +
			strings.TrimSuffix(strings.ReplaceAll(s.id, "-", "_"), "_settings") + "_settings`), for an admin API key. " +
			"Only the keys written in `settings` are managed, **at any depth**: writing `{ enabled = true }` manages `enabled` and nothing else; a list (such as `authorizedGroups` or `groupProfiles`) is managed whole. " +
			"DSS's other settings and defaults never show as a change. Each apply is one read-modify-write of the whole document that changes only the written keys.\n\n" +
			"The secret (`" + secretKey + "`) goes in the write-only `" + s.secret.attr + "`, never in `settings`: writing it, or any other key that names a secret, in `settings` is refused at plan time.\n\n" +
			"A key removed from `settings` stops being managed: DSS keeps its current value. **Destroying the resource writes nothing to DSS**: the settings keep their values and Terraform stops managing them. " +
			"There is nothing to create either: the first apply writes the keys into DSS's existing settings.\n\n" +
			"**One per DSS instance.** A second `" + s.name + "` (another block, or `count`/`for_each` with more than one instance) for the same provider configuration is an error at plan time. " +
			"Two provider configurations (aliases) are counted apart, so do not point two aliases at the same DSS.\n\n" +
			"DSS may also show these settings inside the general settings; do not manage the same keys with `dataiku_instance_settings` as well, or each apply would undo the other's.\n\n" +
			"Import with the id `" + s.id + "`; right after an import the state holds the whole document but its secrets (any key containing password, secret, passphrase or private key, at any depth), " +
			"and the next apply narrows it to the keys written (writing nothing when they already hold).\n\n" +
			"**Refresh cost.** 1 API call.",
		attrDesc: "The settings to manage, as an object in DSS's own names, e.g. " + s.example + ". " +
			"Where an object is written, only the keys inside it are managed; any other value (string, number, list, null) is managed whole. " +
			"Formatting and key order are never a change. The state holds, of DSS's settings, the keys written.",
	}
}

// withoutIAMSecrets is a copy of doc without the keys, at any depth, that
// name a secret.
func withoutIAMSecrets(doc map[string]any) map[string]any {
	out, _ := kit.CopyJSON(doc, names.IsIAMSecretKey).(map[string]any)
	return out
}

// firstIAMSecretKey is the dotted path (under prefix) of the first key, in
// key order, at any depth, that names a secret; "" when none does.
func firstIAMSecretKey(v any, prefix string) string {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			if names.IsIAMSecretKey(k) {
				return p
			}
			if found := firstIAMSecretKey(x[k], p); found != "" {
				return found
			}
		}
	case []any:
		for i, e := range x {
			if found := firstIAMSecretKey(e, fmt.Sprintf("%s[%d]", prefix, i)); found != "" {
				return found
			}
		}
	}
	return ""
}
