package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// The deep subset rule of dataiku_instance_settings. DSS's general settings
// are one large nested document (LDAP, SSO, limits, code envs…), and an
// administrator writes a few keys deep inside it, such as
// ldapSettings.enabled. So the rule of dataset params (top-level keys
// compared whole, see writtenSubset) is applied at every depth: where the
// configuration writes an object and DSS holds an object, only the keys
// written inside are managed; any other value written (a string, a number, a
// list, null) is managed whole. An empty object written manages the key's
// presence as an object and nothing inside.

// generalSettingsID and instanceVariablesID are the fixed ids (and import
// ids) of the two singletons.
const (
	generalSettingsID   = "general-settings"
	instanceVariablesID = "instance-variables"
)

type instanceSettingsModel struct {
	ID       types.String  `tfsdk:"id"`
	Settings types.Dynamic `tfsdk:"settings"`
}

type instanceVariablesModel struct {
	ID        types.String  `tfsdk:"id"`
	Variables types.Dynamic `tfsdk:"variables"`
}

// projectDeep keeps, of DSS's object held, the keys of written at any depth.
func projectDeep(held, written map[string]any) map[string]any {
	out := make(map[string]any, len(written))
	for k, w := range written {
		h, ok := held[k]
		if !ok {
			continue
		}
		wm, wObj := w.(map[string]any)
		hm, hObj := h.(map[string]any)
		if wObj && hObj {
			out[k] = projectDeep(hm, wm)
			continue
		}
		out[k] = h
	}
	return out
}

// mergeDeep writes the keys of written into doc at any depth: where both
// hold an object at a key it descends, elsewhere written's value replaces
// doc's. Keys of doc that written does not name are kept as they are.
func mergeDeep(doc, written map[string]any) {
	for k, w := range written {
		wm, wObj := w.(map[string]any)
		if dm, ok := doc[k].(map[string]any); wObj && ok {
			mergeDeep(dm, wm)
			continue
		}
		doc[k] = deepCopyJSON(w)
	}
}

// deepCopyJSON copies a decoded JSON value so that doc and the
// configuration never share a map or a slice.
func deepCopyJSON(v any) any { return copyJSON(v, nil) }

// copyJSON copies a decoded JSON value, leaving out, at any depth, the
// object keys drop reports (none when drop is nil).
func copyJSON(v any, drop func(key string) bool) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			if drop == nil || !drop(k) {
				m[k] = copyJSON(e, drop)
			}
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = copyJSON(e, drop)
		}
		return s
	}
	return v
}

// managedSettings is the state's settings: DSS's document held projected
// onto the keys of prior (the configuration, or the previous state), in
// prior's form (hclObjectKeepForm: a number written 1.0 against DSS's 1 is
// no change). A null prior (right
// after an import) gives the whole document but its secrets (see
// withoutSecretKeys), so that the state, and configuration generated from
// it, show what DSS has.
func managedSettings(held map[string]any, prior types.Dynamic) types.Dynamic {
	written, err := hclObjectDecode(prior)
	if err != nil || written == nil {
		return hclObjectValue(withoutSecretKeys(nonNilObject(held)))
	}
	return hclObjectKeepForm(projectDeep(held, written), prior)
}

// wholeVariables is the state's variables: the whole document, in prior's
// form when it holds the same JSON.
func wholeVariables(held map[string]any, prior types.Dynamic) types.Dynamic {
	return hclObjectKeepForm(nonNilObject(held), prior)
}

func nonNilObject(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// secretKeyWords are the words whose presence in a settings key (any case)
// marks a secret: an LDAP bind password, an SSO client secret, a mail
// server's password, a token. Broad on purpose: a key left out of an
// imported state is only left unmanaged (the deep subset rule never
// compares a key no configuration writes), while a secret kept would be
// written in clear to the state and to the configuration that
// `terraform plan -generate-config-out` generates.
var secretKeyWords = []string{"password", "passwd", "secret", "token", "privatekey", "passphrase", "apikey", "credential"}

// withoutSecretKeys is a copy of doc without the keys, at any depth, that
// name a secret (see secretKeyWords) or that DSS's connections treat as
// secret (dss.SecretParamKeys).
func withoutSecretKeys(doc map[string]any) map[string]any {
	out, _ := copyJSON(doc, isSecretSettingsKey).(map[string]any)
	return out
}

func isSecretSettingsKey(k string) bool {
	if dss.IsSecretParamKey(k) {
		return true
	}
	lower := strings.ToLower(k)
	for _, w := range secretKeyWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}
