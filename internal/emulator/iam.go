package emulator

import (
	"net/http"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// The identity-provider settings (dataikuapi [V]: dssclient.py
// get_ldap_settings, get_sso_settings, get_azure_ad_settings; iam/settings.py
// save): one whole document each, GET and PUT at /admin/iam/<name>, admin
// only. DSS keeps the same settings under the general settings' keys
// ldapSettings, ssoSettings and azureADSettings [I], so the emulator serves
// each document as a view of that key: a PUT here shows in the general
// settings and the other way round. A GET answers the stored keys over
// the defaults below.
//
// Each document's secret (names.LDAPSecretPath and its kin) is kept apart,
// encrypted under the instance key (IAMSecrets), and never returned [I:
// the safest reading; DSS's answer may mask it instead]. A PUT that holds
// it as a non-empty string replaces it, an empty string clears it, and a
// PUT without it keeps it: a client's read-modify-write sends back a
// document without the secret, and must not erase it.

// iamDocument is one of the three documents.
type iamDocument struct {
	route       string   // the path under /admin/iam/
	settingsKey string   // its key in the general settings
	secret      []string // the path of its secret
	defaults    func() map[string]any
}

var iamDocuments = []iamDocument{
	{"ldap-settings", "ldapSettings", names.LDAPSecretPath, defaultLDAPSettings},
	{"sso-settings", "ssoSettings", names.SSOSecretPath, defaultSSOSettings},
	{"azure-ad-settings", "azureADSettings", names.AzureADSecretPath, defaultAzureADSettings},
}

// The defaults of a fresh DSS [I: the keys dataikuapi's setters name, with
// the values its getters fall back to, and DSS's usual OpenLDAP filters].
func defaultLDAPSettings() map[string]any {
	return map[string]any{
		"enabled": false, "url": "", "useTls": false, "bindDN": "",
		"userFilter":           "(&(objectClass=posixAccount)(uid={USERNAME}))",
		"displayNameAttribute": "gecos", "emailAttribute": "mail",
		"enableGroups": true, "groupFilter": "(&(objectClass=posixGroup)(memberUid={USERDN}))", "groupNameAttribute": "cn",
		"authorizedGroups": []any{}, "autoImportUsers": true, "autoSyncUsersAtLoginTime": true,
		"allowOnDemandUsersSync": false, "allowOnDemandUsersProvisioning": false,
		"defaultUserProfile": "READER", "groupProfiles": []any{}, "authenticationEnabled": true,
		"allGroupsFilter": "", "allUsersFilter": "", "usernameAttribute": "",
		"groupMembershipAttribute": "", "groupMembershipUserAttribute": "", "remappingRules": []any{},
	}
}

func defaultSSOSettings() map[string]any {
	return map[string]any{
		"enabled": false, "protocol": "SAML", "remappingRules": []any{},
		"openIDParams": map[string]any{
			"clientId": "", "scope": "openid profile email", "issuer": "", "authorizationEndpoint": "", "tokenEndpoint": "",
			"jwksUri": "", "claimKeyIdentifier": "sub", "claimKeyDisplayName": "", "claimKeyEmail": "",
			"lowercaseIdentifier": false, "enableGroups": false, "claimKeyGroups": "", "useGlobalProxy": false,
			"usePKCE": false, "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC",
		},
		"samlSPParams": map[string]any{
			"signRequests": false, "displayNameAttribute": "", "emailAttribute": "", "enableGroups": false, "groupsAttribute": "",
		},
		"autoProvisionUsersAtLoginTime": false, "autoSyncUsersAtLoginTime": false,
		"defaultUserProfile": "READER", "groupProfiles": []any{}, "authorizedGroups": []any{},
	}
}

func defaultAzureADSettings() map[string]any {
	return map[string]any{
		"enabled": false, "useGlobalProxy": false, "credentialMethod": "OAUTH2_SECRET",
		"credentialsClientId": "", "credentialsTenantId": "",
		"userQueryFilter": "", "groupQueryFilter": "", "groupsLimit": 200,
		"autoProvisionUsersAtLoginTime": false, "autoSyncUsersAtLoginTime": false,
		"allowOnDemandUsersSync": false, "allowOnDemandUsersProvisioning": false,
		"defaultUserProfile": "READER", "groupProfiles": []any{}, "authorizedGroups": []any{},
		"loginAttributeRef": "userPrincipalName", "remappingRules": []any{},
	}
}

func (s *Server) iamRoutes() {
	for _, d := range iamDocuments {
		s.handle("GET /admin/iam/"+d.route, s.adminOnly(func(w http.ResponseWriter, r *http.Request) {
			var out map[string]any
			_ = s.read(func(st *State) error { out = st.iamDocument(d); return nil })
			writeJSON(w, http.StatusOK, out)
		}))
		s.handle("PUT /admin/iam/"+d.route, s.adminOnly(func(w http.ResponseWriter, r *http.Request) {
			body, ok := decodeObject(w, r)
			if !ok {
				return
			}
			err := s.mutate(func(st *State) error { st.putIAMDocument(d, copyDoc(body)); return nil })
			answer(w, err, map[string]any{})
		}))
	}
}

// iamDocument is what a GET answers: the defaults, the stored keys over
// them, without the secret.
func (st *State) iamDocument(d iamDocument) map[string]any {
	out := d.defaults()
	stored, _ := st.GeneralSettings[d.settingsKey].(map[string]any)
	for k, v := range stored {
		out[k] = deepCopy(v)
	}
	removeAt(out, d.secret)
	return out
}

// putIAMDocument stores doc whole as the general settings' key, its
// secret apart.
func (st *State) putIAMDocument(d iamDocument, doc map[string]any) {
	if v, held := valueAt(doc, d.secret); held {
		if x, _ := v.(string); x != "" {
			st.IAMSecrets[d.route] = st.seal(x)
		} else {
			delete(st.IAMSecrets, d.route)
		}
		removeAt(doc, d.secret)
	}
	st.GeneralSettings[d.settingsKey] = doc
}

// valueAt is the value at path in doc, and whether doc holds one.
func valueAt(doc map[string]any, path []string) (any, bool) {
	m := doc
	for _, k := range path[:len(path)-1] {
		if m, _ = m[k].(map[string]any); m == nil {
			return nil, false
		}
	}
	v, ok := m[path[len(path)-1]]
	return v, ok
}

// removeAt removes the value at path from doc, if it holds one.
func removeAt(doc map[string]any, path []string) {
	m := doc
	for _, k := range path[:len(path)-1] {
		if m, _ = m[k].(map[string]any); m == nil {
			return
		}
	}
	delete(m, path[len(path)-1])
}

// IAMSecret is the clear value of an identity-provider document's secret
// ("ldap-settings", "sso-settings", "azure-ad-settings"), "" when it has
// none: for tests, which check what the provider sent (DSS's own reads
// never return it).
func (r *Running) IAMSecret(route string) string {
	var out string
	_ = r.Server.read(func(st *State) error {
		if sealed, ok := st.IAMSecrets[route]; ok {
			out, _ = st.open(sealed)
		}
		return nil
	})
	return out
}
