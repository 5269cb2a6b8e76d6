package provider_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

// TestAccSensitiveValuesNeverInTraceLogs applies, plans and updates, with
// TF_LOG=TRACE written to a file (TF_LOG_PATH), a configuration that sets
// every Sensitive and write-only attribute the provider has: the provider's
// api_key, a project's local_variables (and the data source's copy), an API
// key's and a personal API key's secrets, a connection's secret_params_wo, a user's password_wo,
// a scenario's reporter_secrets_wo, a Git library's password_wo, an API Deployer infrastructure's
// api_node_keys_wo, a messaging channel's secret_settings_wo, the LDAP bind_password_wo, the SSO
// and Azure AD client_secret_wo and the ephemeral keys' secrets (handed
// to a write-only argument) (TestTraceTestCoversEverySecret keeps
// this list whole). None of their values may appear in the log or in the
// CLI's output.
//
// local_variables is written with spaces DSS does not keep, so that DSS's
// answer differs from the configuration as text and the framework runs the
// JSON type's semantic equality, whose trace line quoted the value.
func TestAccSensitiveValuesNeverInTraceLogs(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	key := acctest.ProjectKey("TRACE")
	suffix := strings.ToLower(key[len("TRACE_"):])
	const (
		localToken  = "tok-local-7Qx3Zr"
		connSecret  = "pw-conn-9Hd2Lm"
		userSecret  = "pw-user-4Kc8Vb"
		hookSecret  = "https://hooks.example.com/T0/hook-3Jm9Wq"
		presetKey   = "key-preset-6Tn2Yh"
		infraSecret = "auto-admin-key-8Pq2Wn"
		gitSecret   = "git-token-5Vd7Xs"
		nodeSecret  = "api-node-key-2Rf6Tz"
		nodeURL     = "http://api-node.example.com:12000"
		chanSecret  = "https://hooks.example.com/chan-5Wc8Rt"
		ldapSecret  = "ldap-bind-pw-6Nc3Ue"
		ssoSecret   = "oidc-client-secret-2Kv8Pa"
		azureSecret = "azure-client-secret-9Dm4Rj"
	)
	if em := acctest.Emulator(t); em != nil {
		if err := em.Server.SetPluginStore([]emulator.PluginStoreEntry{{ID: "trace-plugin-" + suffix, Version: "1.0.0"}}); err != nil {
			t.Fatal(err)
		}
	}
	config := func(description string) string {
		return acctest.CliRequiredProviders + fmt.Sprintf(`
variable "dss_api_key" {
  type      = string
  sensitive = true
}

provider "dataiku" {
  host    = %[1]q
  api_key = var.dss_api_key
}

resource "dataiku_project" "p" {
  project_key     = %[2]q
  name            = "Trace"
  description     = %[3]q
  local_variables = "{ \"api_token\" :  \"%[4]s\" }"
}

data "dataiku_project" "p" {
  project_key = dataiku_project.p.project_key
}

resource "dataiku_api_key" "k" {
  label       = "trace-%[5]s"
  admin       = true
  description = %[3]q
}

resource "dataiku_connection" "c" {
  name             = "trace_%[5]s"
  type             = "PostgreSQL"
  description      = %[3]q
  params           = jsonencode({ host = "db.example.com", port = 5432, db = "x", user = "dss" })
  secret_params_wo = jsonencode({ password = %[6]q })
  secret_params_wo_version = 1
}

# The ephemeral keys' secrets go into a write-only argument, the pairing
# their docs show; DSS's connection info then tells the test what they were.
ephemeral "dataiku_api_key" "eph" {
  admin = true
  label = "trace-eph-%[5]s"
}

ephemeral "dataiku_personal_api_key" "eph" {
  user  = %[9]q
  label = "trace-eph-%[5]s"
}

resource "dataiku_connection" "handed" {
  name   = "trace_handed_%[5]s"
  type   = "PostgreSQL"
  params = jsonencode({ host = "db.example.com", port = 5432, db = "x", user = "dss" })
  secret_params_wo = jsonencode({
    password = ephemeral.dataiku_api_key.eph.secret
    token    = ephemeral.dataiku_personal_api_key.eph.secret
  })
  secret_params_wo_version = 1
}

resource "dataiku_user" "u" {
  login               = "trace_%[5]s"
  display_name        = %[3]q
  password_wo         = %[7]q
  password_wo_version = 1
}

resource "dataiku_personal_api_key" "pk" {
  user        = dataiku_user.u.login
  label       = "trace-%[5]s"
  description = %[3]q
}

resource "dataiku_scenario" "s" {
  project_key = dataiku_project.p.project_key
  name        = "Trace report"
  type        = "step_based"
  description = %[3]q
  reporters = jsonencode([{
    id = "rep1", active = true, name = "Chat hook", phase = "END"
    messaging = { type = "webhook-scenario", configuration = { message = "done" } }
  }])
  reporter_secrets_wo         = jsonencode({ rep1 = { url = %[8]q } })
  reporter_secrets_wo_version = 1
}

resource "dataiku_plugin" "tp" {
  plugin_id     = "trace-plugin-%[5]s"
  store_version = "1.0.0"
}

resource "dataiku_plugin_preset" "pp" {
  plugin_id                = dataiku_plugin.tp.plugin_id
  type                     = "parameter-set-trace"
  name                     = "prod"
  config                   = jsonencode({ endpoint = "https://api.example.com" })
  secret_config_wo         = jsonencode({ api_key = %[10]q })
  secret_config_wo_version = 1
}

# The data sources' config is sensitive: it holds what DSS gives back,
# which never includes the preset's secret.
data "dataiku_plugin_preset" "pp" {
  plugin_id = dataiku_plugin_preset.pp.plugin_id
  type      = dataiku_plugin_preset.pp.type
  name      = dataiku_plugin_preset.pp.name
}

data "dataiku_plugin_settings" "tp" {
  plugin_id = dataiku_plugin_preset.pp.plugin_id
}

resource "dataiku_project_deployer_infra" "i" {
  id                  = "trace-%[5]s"
  stage               = "Production"
  automation_node_url = "http://automation.example.com:11200"
  api_key_wo          = %[11]q
  api_key_wo_version  = 1
}

resource "dataiku_project_git_library" "g" {
  project_key         = dataiku_project.p.project_key
  path                = "python/trace"
  repository          = "https://git.example.com/trace.git"
  checkout            = %[3]q
  login               = "trace-bot"
  password_wo         = %[12]q
  password_wo_version = 1
}

# The graphite prefix follows the description, so that the second apply
# updates the infrastructure with its key in the configuration.
resource "dataiku_api_deployer_infra" "a" {
  id                       = "trace-api-%[5]s"
  stage                    = "Production"
  type                     = "STATIC"
  api_nodes                = [{ url = %[14]q, graphite_prefix = %[3]q }]
  api_node_keys_wo         = { %[14]q = %[13]q }
  api_node_keys_wo_version = 1
}

# The infrastructures read back: DSS's answers hold the admin keys, which
# the data sources never read and the client's log never shows.
data "dataiku_project_deployer_infra" "i" {
  id = dataiku_project_deployer_infra.i.id
}

data "dataiku_api_deployer_infra" "a" {
  id = dataiku_api_deployer_infra.a.id
}

# The mode follows the description, so that the second apply updates the
# channel with its secret in the configuration.
resource "dataiku_messaging_channel" "m" {
  id                         = "trace-chan-%[5]s"
  type                       = "slack"
  settings                   = { channel = %[3]q }
  secret_settings_wo         = { webhookUrl = %[15]q }
  secret_settings_wo_version = 1
}

# The versions follow the description, so that the second apply sends
# the identity providers' secrets again.
resource "dataiku_ldap_settings" "l" {
  settings                 = { bindDN = "cn=%[3]s,dc=example,dc=com" }
  bind_password_wo         = %[16]q
  bind_password_wo_version = length(%[3]q)
}

resource "dataiku_sso_settings" "s" {
  settings                 = { openIDParams = { clientId = %[3]q } }
  client_secret_wo         = %[17]q
  client_secret_wo_version = length(%[3]q)
}

resource "dataiku_azure_ad_settings" "a" {
  settings                 = { credentialsClientId = %[3]q }
  client_secret_wo         = %[18]q
  client_secret_wo_version = length(%[3]q)
}

output "vars_read" {
  value     = data.dataiku_project.p.local_variables
  sensitive = true
}
`, acctest.Host(t), key, description, localToken, suffix, connSecret, userSecret, hookSecret, acctest.AliceLogin, presetKey, infraSecret, gitSecret, nodeSecret, nodeURL, chanSecret, ldapSecret, ssoSecret, azureSecret)
	}
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": config("first")})
	logPath := filepath.Join(t.TempDir(), "trace.log")
	env := []string{"TF_VAR_dss_api_key=" + acctest.APIKey, "TF_LOG=TRACE", "TF_LOG_PATH=" + logPath}
	secrets := append(acctest.KeyForms(acctest.APIKey), localToken, connSecret, userSecret, hookSecret, presetKey, infraSecret, gitSecret, nodeSecret, chanSecret, ldapSecret, ssoSecret, azureSecret)
	t.Cleanup(func() {
		_, _ = acctest.RunTerraform(t, dir, []string{"TF_VAR_dss_api_key=" + acctest.APIKey}, "destroy", "-auto-approve", "-no-color")
	})

	var out strings.Builder
	out.WriteString(acctest.MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color"))
	// The API keys' secrets are only known once DSS made them.
	for _, r := range acctest.StateResources(t, dir) {
		if (r.Type == "dataiku_api_key" || r.Type == "dataiku_personal_api_key") && len(r.Instances) == 1 {
			if s, _ := r.Instances[0].Attributes["secret"].(string); s != "" {
				secrets = append(secrets, s)
			}
		}
	}
	if len(secrets) != 16 {
		t.Fatalf("the state lacks an API key's or a personal API key's secret to look for")
	}
	// The ephemeral keys the apply opened are deleted by now; their
	// secrets live on only where the configuration wrote them.
	handed, err := acctest.Client(t).GetConnectionInfo(acctest.Ctx(t), "trace_handed_"+suffix)
	if err != nil {
		t.Fatal(err)
	}
	for _, param := range []string{"password", "token"} {
		s, _ := handed.ResolvedParams[param].(string)
		if s == "" {
			s, _ = handed.Params[param].(string)
		}
		if s == "" || strings.HasPrefix(s, "e:") {
			t.Fatalf("connection info lacks the ephemeral secret handed as %s: %v", param, handed.ResolvedParams)
		}
		secrets = append(secrets, s)
	}
	// The preset's secret reached DSS: else the test would see no leak.
	if doc, err := dss.PluginSettingsDoc("trace-plugin-"+suffix).Get(acctest.Ctx(t), acctest.Client(t)); err != nil {
		t.Fatal(err)
	} else if p, _ := instance.PresetItem(instance.PresetsOf(*doc), "parameter-set-trace", "prod"); p == nil || p["config"].(map[string]any)["api_key"] != presetKey {
		t.Fatalf("the preset's secret did not reach DSS: %v", p)
	}
	// The Git library's password reached DSS (its update, below, sends it
	// again with the new checkout).
	if em := acctest.Emulator(t); em != nil && !em.Server.GitLibraryPasswordIs(key, "python/trace", gitSecret) {
		t.Fatal("the Git library's password did not reach DSS")
	}
	// The API node's key reached DSS.
	if s, err := dss.APIInfraSettingsDoc("trace-api-"+suffix).Get(acctest.Ctx(t), acctest.Client(t)); err != nil {
		t.Fatal(err)
	} else if n := s.Nodes(); len(n) != 1 || n[0].AdminAPIKey != nodeSecret {
		t.Fatal("the API node's key did not reach DSS")
	}
	// The channel's webhook URL reached DSS.
	if em := acctest.Emulator(t); em != nil && em.MessagingChannelSecret("trace-chan-"+suffix, "webhookUrl") != chanSecret {
		t.Fatal("the messaging channel's webhook URL did not reach DSS")
	}
	// The identity providers' secrets reached DSS.
	if em := acctest.Emulator(t); em != nil {
		for route, want := range map[string]string{"ldap-settings": ldapSecret, "sso-settings": ssoSecret, "azure-ad-settings": azureSecret} {
			if em.IAMSecret(route) != want {
				t.Fatalf("the %s secret did not reach DSS", route)
			}
		}
	}
	out.WriteString(acctest.MustTerraform(t, dir, env, secrets, "plan", "-no-color"))
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config("second")), 0o600); err != nil {
		t.Fatal(err)
	}
	out.WriteString(acctest.MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color"))
	out.WriteString(acctest.MustTerraform(t, dir, env, secrets, "plan", "-detailed-exitcode", "-no-color"))

	logText, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	// The log must reach the provider's trace lines, where the framework
	// logs semantic equality: else the test would see no leak there.
	for _, want := range []string{"@module=dataiku", "SemanticEquals", "tf_attribute_path=local_variables"} {
		if !strings.Contains(string(logText), want) {
			t.Errorf("the TRACE log lacks %q: the test would not see a leak there", want)
		}
	}
	acctest.AssertNoSecret(t, "the TRACE log", string(logText), secrets)
	acctest.AssertNoSecret(t, "terraform's output", out.String(), secrets)
	t.Logf("%d bytes of TRACE log checked", len(logText))
}

// traceTestedSecrets are the Sensitive and write-only attributes that
// TestAccSensitiveValuesNeverInTraceLogs sets, as TYPE.attribute
// ("provider.api_key" for the provider's own).
var traceTestedSecrets = []string{
	"provider.api_key",
	"dataiku_project.local_variables",
	"data.dataiku_project.local_variables",
	"dataiku_api_key.secret",
	"dataiku_personal_api_key.secret",
	"dataiku_connection.secret_params_wo",
	"dataiku_user.password_wo",
	"dataiku_scenario.reporter_secrets_wo",
	"dataiku_plugin_preset.secret_config_wo",
	"data.dataiku_plugin_preset.config",
	"data.dataiku_plugin_settings.config",
	"dataiku_project_deployer_infra.api_key_wo",
	"dataiku_api_deployer_infra.api_node_keys_wo",
	"data.dataiku_project_deployer_infra.settings",
	"data.dataiku_api_deployer_infra.settings",
	"dataiku_project_git_library.password_wo",
	"dataiku_messaging_channel.secret_settings_wo",
	"dataiku_ldap_settings.bind_password_wo",
	"dataiku_sso_settings.client_secret_wo",
	"dataiku_azure_ad_settings.client_secret_wo",
	"ephemeral.dataiku_api_key.secret",
	"ephemeral.dataiku_personal_api_key.secret",
}

// traceUntestedSecrets are the Sensitive attributes the trace test leaves
// out, each with the reason it cannot leak there.
var traceUntestedSecrets = map[string]string{
	// Read-only, computed from DSS's answer: no configuration value goes
	// through a semantic equality, and the data source's tests check its
	// state.
	"data.dataiku_project.standard_variables": "computed only",
}

// TestTraceTestCoversEverySecret fails when a schema gains a Sensitive or
// write-only top-level attribute that the TRACE test does not set, so a
// new secret cannot skip the check.
func TestTraceTestCoversEverySecret(t *testing.T) {
	ctx := context.Background()
	p := dataiku.New("test")().(*dataiku.DataikuProvider)
	found := map[string]bool{}
	ps := &provider.SchemaResponse{}
	p.Schema(ctx, provider.SchemaRequest{}, ps)
	for name, a := range ps.Schema.Attributes {
		if a.IsSensitive() {
			found["provider."+name] = true
		}
	}
	for typeName, s := range acctest.ResourceSchemas(t) {
		for name, a := range s.Attributes {
			if a.IsSensitive() || a.IsWriteOnly() {
				found[typeName+"."+name] = true
			}
		}
	}
	for typeName, s := range acctest.DataSourceSchemas(t) {
		for name, a := range s.Attributes {
			if a.IsSensitive() {
				found["data."+typeName+"."+name] = true
			}
		}
	}
	for _, f := range p.EphemeralResources(ctx) {
		e := f()
		md := &ephemeral.MetadataResponse{}
		e.Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: "dataiku"}, md)
		sch := &ephemeral.SchemaResponse{}
		e.Schema(ctx, ephemeral.SchemaRequest{}, sch)
		for name, a := range sch.Schema.Attributes {
			if a.IsSensitive() {
				found["ephemeral."+md.TypeName+"."+name] = true
			}
		}
	}
	for _, name := range traceTestedSecrets {
		if !found[name] {
			t.Errorf("%s is listed as tested but is not a Sensitive or write-only attribute", name)
		}
		delete(found, name)
	}
	for name := range traceUntestedSecrets {
		delete(found, name)
	}
	for _, name := range slices.Sorted(maps.Keys(found)) {
		t.Errorf("%s is Sensitive or write-only but TestAccSensitiveValuesNeverInTraceLogs does not set it", name)
	}
}
