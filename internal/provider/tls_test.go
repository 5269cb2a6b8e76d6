package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/credentials"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/testtls"
)

// startTLSEmulator serves a fresh emulator over HTTPS with a certificate for
// hosts signed by a private CA, and writes that CA's PEM file.
func startTLSEmulator(t *testing.T, hosts ...string) (url, caFile string) {
	t.Helper()
	certs, err := testtls.New("dataiku provider test CA", hosts...)
	if err != nil {
		t.Fatal(err)
	}
	files, err := certs.WriteFiles(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	serverCfg, err := certs.ServerConfig()
	if err != nil {
		t.Fatal(err)
	}
	rn, err := emulator.StartTLS(emulator.Options{AdminKey: acctest.AdminKey}, serverCfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rn.Close)
	return rn.URL(), files.CACert
}

// TestAccTLS runs the provider against an emulator serving HTTPS with a
// certificate from a private CA: trusted through ca_cert_file, through
// insecure_skip_verify or the client file's no_check_certificate, and
// refused otherwise with an error that says what to set.
func TestAccTLS(t *testing.T) {
	acctest.PreCheck(t)
	url, caFile := startTLSEmulator(t, "127.0.0.1")
	_, otherCA := startTLSEmulator(t, "127.0.0.1")
	localhostOnly, localhostCA := startTLSEmulator(t, "localhost")

	dataSource := `
data "dataiku_instance" "this" {}
output "who" { value = data.dataiku_instance.this.auth_identifier }
`
	provider := func(host, extra string) string {
		return fmt.Sprintf("provider \"dataiku\" {\n  host = %q\n  api_key = %q\n  max_retries = 0\n%s}\n", host, acctest.AdminKey, extra) + dataSource
	}
	connects := func(t *testing.T, config string) {
		t.Helper()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.EnvProviderFactories,
			Steps: []resource.TestStep{{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckOutput("who", emulator.AdminLogin),
					resource.TestCheckResourceAttr("data.dataiku_instance.this", "host", url),
				),
			}},
		})
	}
	untrusted := regexp.MustCompile(`(?s)Cannot verify the TLS certificate of Dataiku DSS.*unknown authority.*ca_cert_file.*insecure_skip_verify`)
	refused := func(t *testing.T, config string, want *regexp.Regexp) {
		t.Helper()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.EnvProviderFactories,
			Steps:                    []resource.TestStep{{Config: config, ExpectError: want}},
		})
	}

	t.Run("ca_cert_file", func(t *testing.T) {
		clearConnectionEnv(t)
		connects(t, provider(url, fmt.Sprintf("  ca_cert_file = %q\n", caFile)))
	})
	t.Run("insecure_skip_verify", func(t *testing.T) {
		clearConnectionEnv(t)
		connects(t, provider(url, "  insecure_skip_verify = true\n"))
	})
	t.Run("untrusted certificate", func(t *testing.T) {
		clearConnectionEnv(t)
		refused(t, provider(url, ""), untrusted)
	})
	t.Run("ca_cert_file of another CA", func(t *testing.T) {
		clearConnectionEnv(t)
		refused(t, provider(url, fmt.Sprintf("  ca_cert_file = %q\n", otherCA)), untrusted)
	})
	t.Run("certificate for another host name", func(t *testing.T) {
		clearConnectionEnv(t)
		refused(t, provider(localhostOnly, fmt.Sprintf("  ca_cert_file = %q\n", localhostCA)),
			regexp.MustCompile(`(?s)Cannot verify the TLS certificate of Dataiku DSS.*not valid for the host name.*127\.0\.0\.1`))
	})
	t.Run("no_check_certificate in the client configuration file", func(t *testing.T) {
		home := clearConnectionEnv(t)
		writeClientConfig(t, home, credentials.ClientConfig{
			DefaultInstance: "tls",
			Instances: map[string]credentials.ClientInstance{
				"tls":     {URL: url, APIKey: acctest.AdminKey, NoCheckCertificate: true},
				"checked": {URL: url, APIKey: acctest.AdminKey},
			},
		})
		connects(t, dataSource)
		refused(t, "provider \"dataiku\" {\n  instance = \"checked\"\n  max_retries = 0\n}\n"+dataSource, untrusted)
		// The attribute wins over the file.
		refused(t, "provider \"dataiku\" {\n  insecure_skip_verify = false\n  max_retries = 0\n}\n"+dataSource, untrusted)
	})
}
