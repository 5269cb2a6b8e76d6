package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAccSensitiveValuesNeverInTraceLogs applies, plans and updates, with
// TF_LOG=TRACE written to a file (TF_LOG_PATH), a configuration that sets
// every Sensitive and write-only attribute the provider has: the provider's
// api_key, a project's local_variables (and the data source's copy), an API
// key's secret, a connection's secret_params_wo and a user's password_wo.
// None of their values may appear in the log or in the CLI's output.
//
// local_variables is written with spaces DSS does not keep, so that DSS's
// answer differs from the configuration as text and the framework runs the
// JSON type's semantic equality, whose trace line quoted the value.
func TestAccSensitiveValuesNeverInTraceLogs(t *testing.T) {
	testAccPreCheck(t)
	key := testProjectKey("TRACE")
	suffix := strings.ToLower(key[len("TRACE_"):])
	const (
		localToken = "tok-local-7Qx3Zr"
		connSecret = "pw-conn-9Hd2Lm"
		userSecret = "pw-user-4Kc8Vb"
	)
	config := func(description string) string {
		return cliRequiredProviders + fmt.Sprintf(`
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

resource "dataiku_user" "u" {
  login               = "trace_%[5]s"
  display_name        = %[3]q
  password_wo         = %[7]q
  password_wo_version = 1
}

output "vars_read" {
  value     = data.dataiku_project.p.local_variables
  sensitive = true
}
`, testHost, key, description, localToken, suffix, connSecret, userSecret)
	}
	dir := newTerraformDir(t, map[string]string{"main.tf": config("first")})
	logPath := filepath.Join(t.TempDir(), "trace.log")
	env := []string{"TF_VAR_dss_api_key=" + testAPIKey, "TF_LOG=TRACE", "TF_LOG_PATH=" + logPath}
	secrets := append(keyForms(testAPIKey), localToken, connSecret, userSecret)
	t.Cleanup(func() {
		_, _ = runTerraform(t, dir, []string{"TF_VAR_dss_api_key=" + testAPIKey}, "destroy", "-auto-approve", "-no-color")
	})

	var out strings.Builder
	out.WriteString(mustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color"))
	// The API key's secret is only known once DSS made it.
	var state struct {
		Resources []struct {
			Type      string `json:"type"`
			Instances []struct {
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal([]byte(stateFiles(t, dir)["terraform.tfstate"]), &state); err != nil {
		t.Fatal(err)
	}
	for _, r := range state.Resources {
		if r.Type == "dataiku_api_key" && len(r.Instances) == 1 {
			if s, _ := r.Instances[0].Attributes["secret"].(string); s != "" {
				secrets = append(secrets, s)
			}
		}
	}
	if len(secrets) != 6 {
		t.Fatalf("the state holds no API key secret to look for")
	}
	out.WriteString(mustTerraform(t, dir, env, secrets, "plan", "-no-color"))
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config("second")), 0o600); err != nil {
		t.Fatal(err)
	}
	out.WriteString(mustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color"))
	out.WriteString(mustTerraform(t, dir, env, secrets, "plan", "-detailed-exitcode", "-no-color"))

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
	assertNoSecret(t, "the TRACE log", string(logText), secrets)
	assertNoSecret(t, "terraform's output", out.String(), secrets)
	t.Logf("%d bytes of TRACE log checked", len(logText))
}
