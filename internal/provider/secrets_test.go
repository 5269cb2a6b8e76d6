package provider_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const secretsDataSource = acctest.CliRequiredProviders + `
data "dataiku_instance" "this" {}

output "who" {
  value = data.dataiku_instance.this.auth_identifier
}
`

// secretsProviderFromVariables passes host and key through variables, the
// usual way of keeping the key out of the configuration.
const secretsProviderFromVariables = `
variable "dss_host" {
  type = string
}

variable "dss_api_key" {
  type      = string
  sensitive = true
}

provider "dataiku" {
  host    = var.dss_host
  api_key = var.dss_api_key
}
` + secretsDataSource

// TestAccSecretsNeverInTraceLogs runs the real terraform with TF_LOG=TRACE
// through apply, plan and destroy, with the key given as a provider
// attribute (through a sensitive variable) and through DATAIKU_API_KEY. The
// key and its Basic form must appear nowhere in the output or the state
// files, while the log shows the provider's DSS requests (so a provider that
// logged request headers would fail this test).
func TestAccSecretsNeverInTraceLogs(t *testing.T) {
	acctest.Parallel(t)
	acctest.PreCheck(t)
	secrets := acctest.KeyForms(acctest.APIKey)
	runs := []struct {
		name, config string
		env          []string
	}{
		{"provider attribute from a variable", secretsProviderFromVariables,
			[]string{"TF_VAR_dss_host=" + acctest.Host(t), "TF_VAR_dss_api_key=" + acctest.APIKey}},
		{"DATAIKU_API_KEY", secretsDataSource,
			[]string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}},
	}
	for _, run := range runs {
		t.Run(run.name, func(t *testing.T) {
			dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": run.config})
			env := append(run.env, "TF_LOG=TRACE", "TF_LOG_PROVIDER=TRACE")
			var all strings.Builder
			all.WriteString(acctest.MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color"))
			all.WriteString(acctest.MustTerraform(t, dir, env, secrets, "plan", "-detailed-exitcode", "-no-color"))
			state := acctest.StateFiles(t, dir)
			if !strings.Contains(state["terraform.tfstate"], `"auth_identifier"`) {
				t.Fatalf("the apply did not record the data source in the state: %s", acctest.MaskSecrets(state["terraform.tfstate"], secrets))
			}
			all.WriteString(acctest.MustTerraform(t, dir, env, secrets, "destroy", "-auto-approve", "-no-color"))

			for name, content := range acctest.StateFiles(t, dir) {
				acctest.AssertNoSecret(t, "state file "+name, content, secrets)
			}
			acctest.AssertNoSecret(t, "terraform output with TF_LOG=TRACE", all.String(), secrets)
			// The log must show what the test relies on: the provider's
			// request log lines, at the level where headers would appear.
			for _, want := range []string{`DSS request`, `/public/api/auth/info`, `@module=dataiku`, `Outputs:`} {
				if !strings.Contains(all.String(), want) {
					t.Errorf("the TRACE output lacks %q: the test would not see a leak there", want)
				}
			}
			t.Logf("%d bytes of terraform output checked", all.Len())
		})
	}
}

// TestAccSecretsNotInErrors checks the diagnostics of a failed connection:
// a key DSS rejects, a server that echoes the credentials it received in its
// error (the client must redact them), and an unreachable host. The error
// must say what went wrong and never hold the key.
func TestAccSecretsNotInErrors(t *testing.T) {
	acctest.PreCheck(t)
	const badKey = "rejected-key-7c1e9a2b44d0f3"
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"errorType":"com.dataiku.dip.exceptions.NotAuthenticatedException","message":"Unknown API Key ` +
			badKey + `","detailedMessage":"Unknown API Key, Authorization: ` + r.Header.Get("Authorization") + `"}`))
	}))
	defer echo.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String()
	ln.Close()

	cases := []struct {
		name, host string
		want       *regexp.Regexp
	}{
		{"rejected key", acctest.Host(t), regexp.MustCompile(`(?s)DSS rejected the API key.*NotAuthenticatedException`)},
		{"server echoing the credentials", echo.URL, regexp.MustCompile(`(?s)DSS rejected the API key.*Basic <redacted API key>`)},
		{"unreachable host", dead, regexp.MustCompile(`(?s)Cannot reach Dataiku DSS.*` + regexp.QuoteMeta(ln.Addr().String()))},
	}
	secrets := acctest.KeyForms(badKey)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// No retries: an unreachable host would otherwise take half a minute.
			config := strings.Replace(secretsProviderFromVariables, "api_key = var.dss_api_key", "api_key = var.dss_api_key\n  max_retries = 0", 1)
			dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": config})
			for _, logLevel := range []string{"", "TRACE"} {
				out, err := acctest.RunTerraform(t, dir, []string{"TF_VAR_dss_host=" + c.host, "TF_VAR_dss_api_key=" + badKey,
					"TF_LOG=" + logLevel}, "plan", "-no-color")
				if err == nil {
					t.Fatalf("plan succeeded with a bad connection:\n%s", acctest.MaskSecrets(out, secrets))
				}
				if !c.want.MatchString(out) {
					t.Errorf("TF_LOG=%q: the error does not match %s:\n%s", logLevel, c.want, acctest.MaskSecrets(acctest.Tail(out, 4000), secrets))
				}
				acctest.AssertNoSecret(t, "terraform plan output with TF_LOG="+logLevel, out, secrets)
			}
		})
	}
}
