package kit

import (
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// secretKeyWords are the words whose presence in a settings key (any case)
// marks a secret: an LDAP bind password, an SSO client secret, a mail
// server's password, a token, a registry's credentials. Broad on purpose:
// a key left out of an imported state or a data source is only not shown
// (the deep subset rule never compares a key no configuration writes),
// while a secret kept would be written in clear to the state and to the
// configuration that `terraform plan -generate-config-out` generates.
var secretKeyWords = []string{"password", "passwd", "secret", "token", "privatekey", "passphrase", "apikey", "credential"}

// SecretKeyWordsText lists secretKeyWords for a description.
var SecretKeyWordsText = strings.Join(secretKeyWords, ", ")

// WithoutSecretKeys is a copy of doc without the keys, at any depth, that
// name a secret (see IsSecretSettingsKey).
func WithoutSecretKeys(doc map[string]any) map[string]any {
	out, _ := CopyJSON(doc, IsSecretSettingsKey).(map[string]any)
	return out
}

// IsSecretSettingsKey reports whether a settings key names a secret: it
// holds one of secretKeyWords (any case), or DSS's connections treat it as
// secret (dss.IsSecretParamKey).
func IsSecretSettingsKey(k string) bool {
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
