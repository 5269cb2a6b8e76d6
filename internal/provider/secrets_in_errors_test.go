package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// echoedFault is the message of the error DSS answers, before the body of
// the request it echoes (emulator.FaultRule.EchoBody).
const echoedFault = "DSS could not take the document"

// writeOnlyErrorCases are the kinds that send a write-only secret, each
// with the request that carries it. A case's config is the configuration
// after the terraform block: %[1]q is the secret, %[2]d its version.
// channelConfig is a mail channel whose password is the case's secret.
const channelConfig = `
resource "dataiku_messaging_channel" "m" {
  id                         = "wo-chan"
  type                       = "smtp"
  settings                   = { host = "smtp.example.com", port = 587 }
  secret_settings_wo         = { password = %[1]q }
  secret_settings_wo_version = %[2]d
}
`

var writeOnlyErrorCases = []struct {
	kind, secret, tail string
	config             string
	plugin             string // a plugin the store offers
	// the request carrying the secret; skip lets the first ones pass
	// (a preset's create saves the plugin's settings without it)
	method, path string
	skip         int
	// update: the apply that fails rotates the secret of a resource
	// the first apply created.
	update bool
}{
	{kind: "dataiku_connection", secret: `pw"<conn-9Hd2Lm`, tail: "9Hd2Lm", method: "POST", path: "/admin/connections$", config: `
resource "dataiku_connection" "c" {
  name                     = "wo_conn"
  type                     = "PostgreSQL"
  params                   = jsonencode({ host = "db.example.com", port = 5432, db = "x", user = "dss" })
  secret_params_wo         = jsonencode({ password = %[1]q, port = 5433 })
  secret_params_wo_version = %[2]d
}
`},
	{kind: "dataiku_user", secret: "pw-user-4Kc8Vb", tail: "4Kc8Vb", method: "POST", path: "/admin/users$", config: userConfig},
	{kind: "dataiku_user", secret: "pw-user-rotated-6Gh1Xs", tail: "6Gh1Xs", method: "PUT", path: "/admin/users/wo_user$", update: true, config: userConfig},
	{kind: "dataiku_plugin_preset", secret: "key-preset-6Tn2Yh", tail: "6Tn2Yh", plugin: "wo-plugin", method: "POST", path: "/plugins/wo-plugin/settings$", skip: 1, config: `
resource "dataiku_plugin" "p" {
  plugin_id     = "wo-plugin"
  store_version = "1.0.0"
}

resource "dataiku_plugin_preset" "pp" {
  plugin_id                = dataiku_plugin.p.plugin_id
  type                     = "parameter-set-wo"
  name                     = "prod"
  config                   = jsonencode({ endpoint = "https://api.example.com" })
  secret_config_wo         = jsonencode({ api_key = %[1]q })
  secret_config_wo_version = %[2]d
}
`},
	{kind: "dataiku_project_git_library", secret: "git-token-5Vd7Xs", tail: "5Vd7Xs", method: "POST", path: "/projects/WOSECRET/git/lib-git-refs$", config: projectConfig + `
resource "dataiku_project_git_library" "g" {
  project_key         = dataiku_project.p.project_key
  path                = "python/wo"
  repository          = "https://git.example.com/wo.git"
  checkout            = "main"
  login               = "wo-bot"
  password_wo         = %[1]q
  password_wo_version = %[2]d
}
`},
	{kind: "dataiku_scenario", secret: "https://hooks.example.com/T0/hook-3Jm9Wq", tail: "3Jm9Wq", method: "PUT", path: "/projects/WOSECRET/scenarios/", config: projectConfig + `
resource "dataiku_scenario" "s" {
  project_key = dataiku_project.p.project_key
  name        = "Report"
  type        = "step_based"
  reporters = jsonencode([{
    id = "rep1", active = true, name = "Chat hook", phase = "END"
    messaging = { type = "webhook-scenario", configuration = { message = "done" } }
  }])
  reporter_secrets_wo         = jsonencode({ rep1 = { url = %[1]q } })
  reporter_secrets_wo_version = %[2]d
}
`},
	{kind: "dataiku_project_deployer_infra", secret: "auto-admin-key-8Pq2Wn", tail: "8Pq2Wn", method: "PUT", path: "/project-deployer/infras/wo-infra/settings$", config: `
resource "dataiku_project_deployer_infra" "i" {
  id                  = "wo-infra"
  stage               = "Production"
  automation_node_url = "http://automation.example.com:11200"
  api_key_wo          = %[1]q
  api_key_wo_version  = %[2]d
}
`},
	{kind: "dataiku_messaging_channel", secret: "smtp-pw-7Lk3Qd", tail: "7Lk3Qd", method: "POST", path: "/messaging-channels$", config: channelConfig},
	{kind: "dataiku_messaging_channel", secret: "smtp-pw-rotated-3Hb6Nc", tail: "3Hb6Nc", method: "PUT", path: "/messaging-channels/wo-chan/settings$", update: true, config: channelConfig},
	{kind: "dataiku_ldap_settings", secret: "ldap-pw-8Zt4Kf", tail: "8Zt4Kf", method: "PUT", path: "/admin/iam/ldap-settings$", config: ldapConfig},
	{kind: "dataiku_ldap_settings", secret: "ldap-pw-rotated-1Qs7Vm", tail: "1Qs7Vm", method: "PUT", path: "/admin/iam/ldap-settings$", update: true, config: ldapConfig},
	{kind: "dataiku_sso_settings", secret: "oidc-secret-5Yp2Hd", tail: "5Yp2Hd", method: "PUT", path: "/admin/iam/sso-settings$", config: `
resource "dataiku_sso_settings" "s" {
  settings                 = { protocol = "OPENID", openIDParams = { clientId = "dss" } }
  client_secret_wo         = %[1]q
  client_secret_wo_version = %[2]d
}
`},
	{kind: "dataiku_azure_ad_settings", secret: "azure-secret-3Wr9Lb", tail: "3Wr9Lb", method: "PUT", path: "/admin/iam/azure-ad-settings$", config: `
resource "dataiku_azure_ad_settings" "a" {
  settings                 = { credentialsClientId = "app-1" }
  client_secret_wo         = %[1]q
  client_secret_wo_version = %[2]d
}
`},
	{kind: "dataiku_api_deployer_infra", secret: "api-node-key-2Rf6Tz", tail: "2Rf6Tz", method: "PUT", path: "/api-deployer/infras/wo-api/settings$", config: `
resource "dataiku_api_deployer_infra" "a" {
  id                       = "wo-api"
  stage                    = "Production"
  type                     = "STATIC"
  api_nodes                = [{ url = "http://api-node.example.com:12000" }]
  api_node_keys_wo         = { "http://api-node.example.com:12000" = %[1]q }
  api_node_keys_wo_version = %[2]d
}
`},
}

// TestAccWriteOnlySecretsNeverInErrors: for each kind that sends a
// write-only secret, DSS answers the request carrying it with an error
// that quotes the request's body (the emulator's echoBody fault). The
// apply fails naming the resource and DSS's answer, the secret replaced by
// an explicit mark, and neither Terraform's output nor its TRACE log holds
// the secret, in any form (the tail of each secret is looked for too: a
// JSON-escaped form differs from the secret only before it).
//
// The run goes through the CLI, not resource.Test: ExpectError's
// regexp cannot say what an error must not hold, and the CLI gives the
// output and the TRACE log of the same apply.
func TestAccWriteOnlySecretsNeverInErrors(t *testing.T) {
	acctest.PreCheck(t)
	for _, tc := range writeOnlyErrorCases {
		name := tc.kind
		if tc.update {
			name += "/update"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			em := acctest.SeparateEmulator(t)
			if tc.plugin != "" {
				if err := em.Server.SetPluginStore([]emulator.PluginStoreEntry{{ID: tc.plugin, Version: "1.0.0"}}); err != nil {
					t.Fatal(err)
				}
			}
			logPath := filepath.Join(t.TempDir(), "trace.log")
			env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
			secrets := append(acctest.KeyForms(acctest.APIKey), tc.secret, tc.tail)
			dir := acctest.NewTerraformDir(t, nil)
			write := func(secret string, version int) {
				cfg := acctest.CliRequiredProviders + fmt.Sprintf(tc.config, secret, version)
				if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			summary := "Cannot create " + tc.kind
			if tc.update {
				write("first-secret-value", 1)
				acctest.MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color")
				summary = "Cannot update " + tc.kind
			}
			write(tc.secret, 2)
			if err := em.Server.SetFaults([]emulator.FaultRule{{Method: tc.method, PathRegex: tc.path, Skip: tc.skip,
				Status: 400, Message: echoedFault, EchoBody: true}}); err != nil {
				t.Fatal(err)
			}
			out, err := acctest.RunTerraform(t, dir, append(env, "TF_LOG=TRACE", "TF_LOG_PATH="+logPath), "apply", "-auto-approve", "-no-color")
			faults := em.Server.Faults()
			em.Server.ClearFaults()
			if n, _ := faults[0]["fired"].(int); n == 0 {
				t.Fatalf("the fault never fired: the case tests nothing\n%s", acctest.MaskSecrets(acctest.Tail(out, 3000), secrets))
			}
			if err == nil {
				t.Fatalf("the apply succeeded although DSS refused the request:\n%s", acctest.MaskSecrets(acctest.Tail(out, 3000), secrets))
			}
			// DSS's answer is shown, the secret it quoted marked as
			// redacted: the request did carry it, and it was taken out.
			if want := regexp.MustCompile(`(?s)` + summary + `.*` + strings.ReplaceAll(echoedFault, " ", `\s+`) + `.*<redacted\s+secret>`); !want.MatchString(out) {
				t.Errorf("the error does not name the failure with DSS's answer, its secret redacted (want %q):\n%s", want, acctest.MaskSecrets(acctest.Tail(out, 4000), secrets))
			}
			acctest.AssertNoSecret(t, "terraform's output", out, secrets)
			logText, err := os.ReadFile(logPath)
			if err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile(`@module=dataiku`).Match(logText) {
				t.Fatal("the TRACE log lacks the provider's lines: the test would not see a leak there")
			}
			acctest.AssertNoSecret(t, "the TRACE log", string(logText), secrets)
		})
	}
}

// userConfig, projectConfig and ldapConfig are the configurations the
// cases share.
const (
	ldapConfig = `
resource "dataiku_ldap_settings" "l" {
  settings                 = { bindDN = "cn=dss,dc=example,dc=com" }
  bind_password_wo         = %[1]q
  bind_password_wo_version = %[2]d
}
`
	userConfig = `
resource "dataiku_user" "u" {
  login               = "wo_user"
  display_name        = "User"
  password_wo         = %[1]q
  password_wo_version = %[2]d
}
`
	projectConfig = `
resource "dataiku_project" "p" {
  project_key = "WOSECRET"
  name        = "Write-only secrets"
}
`
)

// TestWriteOnlyErrorCasesCoverEveryKind fails when a kind gains a
// write-only attribute that TestAccWriteOnlySecretsNeverInErrors does not
// send, so a new secret cannot skip the check.
func TestWriteOnlyErrorCasesCoverEveryKind(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range writeOnlyErrorCases {
		covered[tc.kind] = true
	}
	for typeName, s := range acctest.ResourceSchemas(t) {
		for name, a := range s.Attributes {
			if a.IsWriteOnly() && !covered[typeName] {
				t.Errorf("%s.%s is write-only but TestAccWriteOnlySecretsNeverInErrors has no case for %s", typeName, name, typeName)
			}
		}
	}
}
