package provider_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/credentials"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// A user name and a password that must never be echoed back.
const (
	hostCredUser = "dssuser7f3"
	hostCredPass = "hunter2pw9c"
	hostWithCred = "https://" + hostCredUser + ":" + hostCredPass + "@127.0.0.1:1/public/api"
	hostShown    = "https://127.0.0.1:1/public/api" // hostWithCred without its user info
)

// TestHostValidatorRefusesCredentials: the plan-time check of the host
// attribute refuses user info in the URL, on the host attribute, without
// repeating the user name or the password.
func TestHostValidatorRefusesCredentials(t *testing.T) {
	var resp validator.StringResponse
	kit.HostValidator.ValidateString(context.Background(), validator.StringRequest{
		Path: path.Root("host"), ConfigValue: types.StringValue(hostWithCred),
	}, &resp)
	if resp.Diagnostics.ErrorsCount() != 1 {
		t.Fatalf("diagnostics %v, want one error", resp.Diagnostics)
	}
	d := resp.Diagnostics.Errors()[0]
	text := d.Summary() + "\n" + d.Detail()
	acctest.AssertNoSecret(t, "the host diagnostic", text, []string{hostCredUser, hostCredPass})
	for _, want := range []string{"credentials", "api_key", "DATAIKU_API_KEY", `"` + hostShown + `"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the diagnostic lacks %q:\n%s", want, acctest.MaskSecrets(text, []string{hostCredUser, hostCredPass}))
		}
	}
}

// TestAccHostCredentialsRefused runs the real terraform with a host holding
// a user name and password, from each place the provider reads a host: the
// host attribute (through a sensitive variable, so that Terraform's own
// snippet of the configuration does not show it), DATAIKU_HOST, DKU_DSS_URL
// and ~/.dataiku/config.json. Each plan fails before any request, with a
// diagnostic that points to the API key settings; and neither the user
// name nor the password appears anywhere in the output, TF_LOG=TRACE
// included.
func TestAccHostCredentialsRefused(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const key = "host-cred-test-key-51d0"
	fromVariable := strings.Replace(secretsProviderFromVariables, "type = string\n", "type      = string\n  sensitive = true\n", 1)
	if fromVariable == secretsProviderFromVariables {
		t.Fatal("could not make the host variable sensitive")
	}
	home := t.TempDir()
	writeClientConfig(t, home, credentials.ClientConfig{DefaultInstance: "d",
		Instances: map[string]credentials.ClientInstance{"d": {URL: hostWithCred, APIKey: key}}})

	runs := []struct {
		name, config string
		env          []string
	}{
		{"host attribute", fromVariable, []string{"TF_VAR_dss_host=" + hostWithCred, "TF_VAR_dss_api_key=" + key}},
		{"DATAIKU_HOST", secretsDataSource, []string{credentials.EnvHost + "=" + hostWithCred, credentials.EnvAPIKey + "=" + key}},
		{"DKU_DSS_URL", secretsDataSource, []string{credentials.EnvDkuHost + "=" + hostWithCred, credentials.EnvDkuAPIKey + "=" + key}},
		{"client configuration file", secretsDataSource, []string{"HOME=" + home}},
	}
	want := regexp.MustCompile(`(?s)Invalid.*host.*` + regexp.QuoteMeta(`"`+hostShown+`"`) + `.*credentials.*api_key.*DATAIKU_API_KEY`)
	secrets := []string{hostCredUser, hostCredPass}
	for _, run := range runs {
		t.Run(run.name, func(t *testing.T) {
			dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": run.config})
			for _, logLevel := range []string{"", "TRACE"} {
				out, err := acctest.RunTerraform(t, dir, append(run.env, "TF_LOG="+logLevel), "plan", "-no-color")
				if err == nil {
					t.Fatalf("plan succeeded with credentials in the host:\n%s", acctest.MaskSecrets(out, secrets))
				}
				if !want.MatchString(out) {
					t.Errorf("TF_LOG=%q: the error does not match %s:\n%s", logLevel, want, acctest.MaskSecrets(acctest.Tail(out, 4000), secrets))
				}
				acctest.AssertNoSecret(t, "terraform plan output with TF_LOG="+logLevel, out, secrets)
			}
		})
	}
}
