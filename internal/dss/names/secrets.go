package names

import (
	"net/url"
	"regexp"
	"strings"
)

// SecretParamKeys are the keys of a connection's params that DSS stores
// encrypted and returns only in an encrypted form [I]. The client keeps
// them out of state and of the non-secret params; the emulator encrypts
// them (its guide lists them).
var SecretParamKeys = []string{
	"password", "secretKey", "token", "privateKey", "clientSecret", "sessionToken",
	"passphrase", "accountKey", "sasToken", "refreshToken",
}

// ReporterSecretKeys are the keys of a scenario reporter's (or a
// send_report step's) messaging.configuration held as credentials [I: the
// webhook reporter's url is what real projects show; the others are the
// names chat and webhook integrations give their tokens]. It is the one
// list: the provider's validators, reads and writes and the client's
// redaction all use it.
var ReporterSecretKeys = []string{"url", "webhookUrl", "token", "authToken", "password", "apiKey"}

// MessagingChannelSecretKeys are the keys of a messaging channel's
// configuration that hold credentials: dataikuapi's creator classes [V]
// (messaging_channel.py: SMTP's password, AWS SES's secretKey, Microsoft
// Graph's clientSecret, the webhook channels' webhookUrl, Slack's
// authorizationToken, Google Chat's webhookKey and webhookToken, Twilio's
// authToken). A webhook URL is a secret: whoever holds it may post. The
// provider takes them only in secret_settings_wo, never reads them into
// state, and the emulator stores them encrypted, as connection secrets.
var MessagingChannelSecretKeys = []string{
	"password", "secretKey", "clientSecret", "webhookUrl", "authorizationToken", "webhookKey", "webhookToken", "authToken",
}

// The secret of each identity-provider settings document (dataikuapi
// iam/settings.py [V]: LDAPSettings.set_bind_password,
// OpenIDParams.set_client_secret, AzureADSettings.set_credentials_client_secret),
// as its path of keys in the document. The provider sends each only from
// a write-only attribute and never reads it into state; the emulator
// stores it encrypted and never returns it [I: the safest reading].
var (
	LDAPSecretPath    = []string{"bindPassword"}
	SSOSecretPath     = []string{"openIDParams", "clientSecret"}
	AzureADSecretPath = []string{"credentialsClientSecret"}
)

// iamSecretWords mark, in any case, a key of an identity-provider
// settings document that holds a secret: the three above, and those DSS
// may add (a SAML keystore's password, a private key). Narrower than
// "token" or "credential", which name non-secret keys there (OpenID's
// tokenEndpoint, Azure AD's credentialMethod and credentialsClientId).
var iamSecretWords = []string{"password", "passwd", "secret", "passphrase", "privatekey"}

// IsIAMSecretKey reports whether a key of an identity-provider settings
// document, at any depth, names a secret.
func IsIAMSecretKey(key string) bool {
	lower := strings.ToLower(key)
	for _, w := range iamSecretWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// URLTokenUser is the pattern of a URL's user name that is a token, not
// a name, as in `https://ghp_…@github.com/org/repo.git` or an Azure DevOps
// `https://<PAT>@dev.azure.com/…`: Git hosts take a token alone as the
// user name. It matches GitHub's token forms (ghp_, gho_, ghu_, ghs_,
// ghr_, github_pat_), GitLab's (glpat-, gldt-) and any run of 40 or more
// letters and digits without a separator (hex, base32 and base62 tokens,
// Azure DevOps PATs), which no person's login is. A user name such as
// `ci-bot` or `git` is not a token. Only characters a URL's user name
// holds unescaped are matched, so the pattern also finds the token in a
// text that quotes the URL (internal/dss redacts with it).
const URLTokenUser = `(?:gh[opusr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|gl(?:pat|dt)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{40,})`

var urlTokenUser = regexp.MustCompile(`^` + URLTokenUser + `$`)

// URLHoldsCredential reports whether u, parsed as a URL, has a secret in
// its user information: a password (`https://user:token@github.com/org/repo.git`)
// or a user name that is a token (URLTokenUser). DSS accepts such Git
// URLs and stores them as given, so they are never refused; the provider
// warns at plan time and dss-adopt says which adopted objects hold one.
// scp-like SSH addresses (git@host:org/repo.git) do not parse as URLs
// and hold no secret.
func URLHoldsCredential(u string) bool {
	parsed, err := url.Parse(u)
	if err != nil || parsed.User == nil {
		return false
	}
	if password, set := parsed.User.Password(); set && password != "" {
		return true
	}
	return urlTokenUser.MatchString(parsed.User.Username())
}
