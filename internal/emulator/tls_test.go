package emulator

import (
	"crypto/tls"
	"errors"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/testtls"
)

func newTestCerts(t *testing.T) *testtls.Bundle {
	t.Helper()
	b, err := testtls.New("emulator test CA", "127.0.0.1", "localhost")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// getAuthInfo calls /auth/info as the admin over client.
func getAuthInfo(client *http.Client, base string) (*http.Response, error) {
	req, err := http.NewRequest("GET", base+"/public/api/auth/info", nil)
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(testAdmin, "")
	return client.Do(req)
}

func TestStartTLS(t *testing.T) {
	certs := newTestCerts(t)
	serverCfg, err := certs.ServerConfig()
	if err != nil {
		t.Fatal(err)
	}
	rn, err := StartTLS(testOpts(), serverCfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rn.Close)
	if !strings.HasPrefix(rn.URL(), "https://127.0.0.1:") {
		t.Fatalf("URL %q", rn.URL())
	}
	clientCfg, err := certs.ClientConfig()
	if err != nil {
		t.Fatal(err)
	}
	trusting := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: clientCfg}}
	res, err := getAuthInfo(trusting, rn.URL())
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.TLS == nil || res.Header.Get("DSS-Version") == "" {
		t.Fatalf("status %d, TLS %v, headers %v", res.StatusCode, res.TLS != nil, res.Header)
	}
	// A client without the private CA must refuse the certificate.
	res, err = getAuthInfo(&http.Client{Timeout: 5 * time.Second}, rn.URL())
	if err == nil {
		res.Body.Close()
	}
	var verify *tls.CertificateVerificationError
	if !errors.As(err, &verify) {
		t.Fatalf("a client without the CA got %v, want a certificate verification error", err)
	}
	// Plain HTTP to the TLS port is not served as the API.
	if res, err := getAuthInfo(&http.Client{Timeout: 5 * time.Second}, "http://"+rn.Addr().String()); err == nil {
		res.Body.Close()
		if res.StatusCode == 200 {
			t.Fatal("plain HTTP answered on the TLS port")
		}
	}
	if _, err := StartTLS(testOpts(), &tls.Config{}); err == nil {
		t.Fatal("a TLS configuration without a certificate must be refused")
	}
}

func TestCommandTLS(t *testing.T) {
	bin := commandBinary(t)
	certs := newTestCerts(t)
	files, err := certs.WriteFiles(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	_, base := startCommand(t, bin, "--admin-key", testAdmin, "--tls-cert", files.Cert, "--tls-key", files.Key)
	if !strings.HasPrefix(base, "https://127.0.0.1:") {
		t.Fatalf("ready line names %q, want https://127.0.0.1:PORT", base)
	}
	clientCfg, err := certs.ClientConfig()
	if err != nil {
		t.Fatal(err)
	}
	res, err := getAuthInfo(&http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: clientCfg}}, base)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	for _, args := range [][]string{
		{"--admin-key", "k", "--tls-cert", files.Cert},
		{"--admin-key", "k", "--tls-key", files.Key},
		{"--admin-key", "k", "--tls-cert", files.Key, "--tls-key", files.Cert},
		{"--admin-key", "k", "--tls-cert", files.Cert + ".missing", "--tls-key", files.Key},
	} {
		out, err := exec.Command(bin, args...).CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(string(out), "tls") {
			t.Errorf("%v: exit %v, output %s; want exit 2 naming the TLS flags", args, err, out)
		}
	}
}
