package provider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/credentials"
	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

func TestProviderSchemaIsValid(t *testing.T) {
	resp := &provider.SchemaResponse{}
	dataiku.New("test")().Schema(context.Background(), provider.SchemaRequest{}, resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if diags := resp.Schema.ValidateImplementation(context.Background()); diags.HasError() {
		t.Fatal(diags)
	}
	if !resp.Schema.Attributes["api_key"].IsSensitive() {
		t.Error("api_key must be Sensitive")
	}
	for name, attr := range resp.Schema.Attributes {
		if attr.GetMarkdownDescription() == "" {
			t.Errorf("provider attribute %s has no MarkdownDescription", name)
		}
	}
}

// clearConnectionEnv unsets every variable the provider reads, and points
// HOME at an empty directory, so each test sees only what it sets.
func clearConnectionEnv(t *testing.T) string {
	t.Helper()
	for _, v := range []string{credentials.EnvHost, credentials.EnvAPIKey, credentials.EnvDkuHost, credentials.EnvDkuAPIKey} {
		t.Setenv(v, "")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	return home
}

// testWithEnvProvider runs steps with the provider that takes its
// connection settings from its block or the environment only (not the
// test's DSS).
func testWithEnvProvider(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.EnvProviderFactories, Steps: steps})
}

// providerBlock is a provider block naming host and apiKey.
func providerBlock(host, apiKey string) string {
	return fmt.Sprintf("provider \"dataiku\" {\n  host = %q\n  api_key = %q\n}\n", host, apiKey)
}

func writeClientConfig(t *testing.T, home string, cfg credentials.ClientConfig) {
	t.Helper()
	data, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(home, ".dataiku"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, credentials.ClientCfgPath), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestResolveCredentialsOrder(t *testing.T) {
	home := clearConnectionEnv(t)
	writeClientConfig(t, home, credentials.ClientConfig{
		DefaultInstance: "design",
		Instances: map[string]credentials.ClientInstance{
			"design":     {URL: "https://design.example.com", APIKey: "file-design-key"},
			"automation": {URL: "https://auto.example.com", APIKey: "file-auto-key", NoCheckCertificate: true},
		},
	})
	check := func(name, attrHost, attrKey, instance, wantHost, wantKey string) {
		t.Helper()
		rc, err := dataiku.ResolveCredentials(attrHost, attrKey, instance, home, dataiku.FallbackDSS{}, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if rc.Host != wantHost || rc.APIKey != wantKey {
			t.Errorf("%s: got %s / %s, want %s / %s", name, rc.Host, rc.APIKey, wantHost, wantKey)
		}
	}
	check("file default instance", "", "", "", "https://design.example.com", "file-design-key")
	check("file named instance", "", "", "automation", "https://auto.example.com", "file-auto-key")
	t.Setenv(credentials.EnvDkuHost, "https://dku.example.com")
	t.Setenv(credentials.EnvDkuAPIKey, "dku-key")
	check("DKU_ variables beat the file", "", "", "", "https://dku.example.com", "dku-key")
	t.Setenv(credentials.EnvHost, "https://env.example.com")
	check("DATAIKU_HOST beats DKU_DSS_URL; key still from DKU_API_KEY", "", "", "", "https://env.example.com", "dku-key")
	t.Setenv(credentials.EnvAPIKey, "env-key")
	check("DATAIKU_ variables", "", "", "", "https://env.example.com", "env-key")
	check("attributes beat everything", "https://attr.example.com", "attr-key", "", "https://attr.example.com", "attr-key")

	if _, err := dataiku.ResolveCredentials("", "", "nope", home, dataiku.FallbackDSS{}, nil); err == nil || !strings.Contains(err.Error(), `no instance "nope"`) {
		t.Errorf("unknown instance: err = %v", err)
	}
	rc, _ := dataiku.ResolveCredentials("", "", "automation", t.TempDir(), dataiku.FallbackDSS{}, nil)
	if rc.Host != "https://env.example.com" {
		t.Errorf("env must still apply without a file, got %q", rc.Host)
	}
	clearConnectionEnv(t)
	rc, err := dataiku.ResolveCredentials("", "", "automation", home, dataiku.FallbackDSS{}, nil)
	if err != nil || rc.Host != "https://auto.example.com" || !rc.InsecureFromFile {
		t.Errorf("no_check_certificate of the file's instance must carry over: %+v, %v", rc, err)
	}
}

// A test's DSS is used only when neither the provider block nor the
// environment names one, and before the client configuration file: tests
// that act as another user through DATAIKU_API_KEY still do, and a
// developer's ~/.dataiku/config.json never steers a test.
func TestResolveCredentialsTestConnection(t *testing.T) {
	home := clearConnectionEnv(t)
	writeClientConfig(t, home, credentials.ClientConfig{
		DefaultInstance: "design",
		Instances:       map[string]credentials.ClientInstance{"design": {URL: "https://design.example.com", APIKey: "file-design-key"}},
	})
	own := dataiku.FallbackDSS{Host: "http://127.0.0.1:9", APIKey: "test-key"}
	check := func(name, attrHost, attrKey, wantHost, wantKey string) {
		t.Helper()
		rc, err := dataiku.ResolveCredentials(attrHost, attrKey, "", home, own, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if rc.Host != wantHost || rc.APIKey != wantKey {
			t.Errorf("%s: got %s / %s, want %s / %s", name, rc.Host, rc.APIKey, wantHost, wantKey)
		}
	}
	check("the test's DSS beats the file", "", "", own.Host, own.APIKey)
	check("attributes beat the test's DSS", "https://attr.example.com", "attr-key", "https://attr.example.com", "attr-key")
	t.Setenv(credentials.EnvAPIKey, "alice-key")
	check("DATAIKU_API_KEY beats the test's key, host still the test's", "", "", own.Host, "alice-key")
	t.Setenv(credentials.EnvDkuHost, "https://dku.example.com")
	check("DKU_DSS_URL beats the test's host", "", "", "https://dku.example.com", "alice-key")
}

// A provider given an environment reader (a test serving it for one
// terraform command) reads the variables from it, never the process's:
// the process's DATAIKU_HOST would otherwise win over the command's
// DKU_DSS_URL.
func TestResolveCredentialsGivenEnvironment(t *testing.T) {
	home := clearConnectionEnv(t)
	t.Setenv(credentials.EnvHost, "https://process.example.com")
	t.Setenv(credentials.EnvAPIKey, "process-key")
	command := map[string]string{credentials.EnvDkuHost: "https://command.example.com", credentials.EnvDkuAPIKey: "command-key"}
	rc, err := dataiku.ResolveCredentials("", "", "", home, dataiku.FallbackDSS{}, func(name string) string { return command[name] })
	if err != nil || rc.Host != "https://command.example.com" || rc.APIKey != "command-key" {
		t.Errorf("got %s / %s (%v), want the command's https://command.example.com / command-key", rc.Host, rc.APIKey, err)
	}
	if !strings.Contains(rc.HostSource, credentials.EnvDkuHost) {
		t.Errorf("the host's source is %q, want the %s variable", rc.HostSource, credentials.EnvDkuHost)
	}
}

func TestAccProviderConfiguration(t *testing.T) {
	acctest.PreCheck(t)
	dataSource := `
data "dataiku_instance" "this" {}
output "who" { value = data.dataiku_instance.this.auth_identifier }
`
	host, key := acctest.Host(t), acctest.APIKey
	checkWho := func(want string) resource.TestCheckFunc {
		return resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckOutput("who", want),
			resource.TestCheckResourceAttrSet("data.dataiku_instance.this", "dss_version"),
		)
	}
	adminLogin := "admin"
	if acctest.Emulator(t) == nil {
		// Against a real DSS the key's own identity is not known in advance.
		info, err := acctest.Client(t).AuthInfo(acctest.Ctx(t))
		if err != nil {
			t.Fatal(err)
		}
		adminLogin = info.AuthIdentifier
	}

	// Each case starts from an environment without connection settings
	// (nor a client configuration file), then sets env.
	for _, tc := range []struct {
		name string
		env  map[string]string
		step resource.TestStep
	}{
		{"attributes", nil, resource.TestStep{Config: providerBlock(host+"/public/api/", key) + dataSource, Check: checkWho(adminLogin)}},
		{"DATAIKU_ environment variables", map[string]string{credentials.EnvHost: host, credentials.EnvAPIKey: key},
			resource.TestStep{Config: dataSource, Check: checkWho(adminLogin)}},
		{"DKU_ environment variables of Dataiku's clients", map[string]string{credentials.EnvDkuHost: host, credentials.EnvDkuAPIKey: key},
			resource.TestStep{Config: dataSource, Check: checkWho(adminLogin)}},
		{"attribute beats environment", map[string]string{credentials.EnvHost: "http://127.0.0.1:1", credentials.EnvAPIKey: "wrong-key"},
			resource.TestStep{Config: providerBlock(host, key) + dataSource, Check: checkWho(adminLogin)}},
		{"rejected key", nil, resource.TestStep{
			Config:      providerBlock(host, "not-a-real-key") + dataSource,
			ExpectError: regexp.MustCompile(`(?s)DSS rejected the API key.*NotAuthenticatedException`),
		}},
		{"missing settings name every place looked", nil, resource.TestStep{
			Config:      dataSource,
			ExpectError: regexp.MustCompile(`(?s)Missing Dataiku DSS connection settings.*DATAIKU_HOST.*DKU_DSS_URL.*config\.json`),
		}},
		{"invalid host caught at plan time", nil, resource.TestStep{
			Config:      providerBlock("dss.example.com:11200", "k") + dataSource,
			ExpectError: regexp.MustCompile(`(?s)Invalid DSS host.*http://`),
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clearConnectionEnv(t)
			for name, value := range tc.env {
				t.Setenv(name, value)
			}
			testWithEnvProvider(t, tc.step)
		})
	}
	t.Run("client configuration file", func(t *testing.T) {
		home := clearConnectionEnv(t)
		instances := map[string]credentials.ClientInstance{"design": {URL: host, APIKey: key}}
		wantNamed := adminLogin
		if acctest.Emulator(t) != nil {
			instances["as_alice"] = credentials.ClientInstance{URL: host, APIKey: acctest.AliceKey}
			wantNamed = acctest.AliceLogin
		} else {
			instances["as_alice"] = instances["design"]
		}
		writeClientConfig(t, home, credentials.ClientConfig{DefaultInstance: "design", Instances: instances})
		testWithEnvProvider(t,
			resource.TestStep{Config: dataSource, Check: checkWho(adminLogin)},
			resource.TestStep{Config: "provider \"dataiku\" {\n  instance = \"as_alice\"\n}\n" + dataSource, Check: checkWho(wantNamed)},
		)
	})
	t.Run("unreachable host", func(t *testing.T) {
		clearConnectionEnv(t)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		deadHost := "http://" + ln.Addr().String()
		ln.Close()
		testWithEnvProvider(t, resource.TestStep{
			Config:      fmt.Sprintf("provider \"dataiku\" {\n  host = %q\n  api_key = \"k\"\n  max_retries = 0\n}\n", deadHost) + dataSource,
			ExpectError: regexp.MustCompile(`(?s)Cannot reach Dataiku DSS.*` + regexp.QuoteMeta(ln.Addr().String()) + `.*refused`),
		})
	})
	t.Run("unknown host is deferred", func(t *testing.T) {
		clearConnectionEnv(t)
		config := fmt.Sprintf(`
resource "terraform_data" "dss" {
  input = %q
}
provider "dataiku" {
  host    = terraform_data.dss.output
  api_key = %q
}
data "dataiku_instance" "this" {
  depends_on = [terraform_data.dss]
}
output "who" { value = data.dataiku_instance.this.auth_identifier }
`, host, key)
		testWithEnvProvider(t, resource.TestStep{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("who")},
			},
			Check: checkWho(adminLogin),
		})
	})
}
