package provider_test

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"testing"

	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
)

// TestTLSErrorHint covers the certificate errors the acceptance tests cannot
// easily provoke (an expired certificate) and checks that other failures get
// no TLS advice.
func TestTLSErrorHint(t *testing.T) {
	wrap := func(err error) error {
		return fmt.Errorf("GET dss:443/public/api/auth/info: %w", &tls.CertificateVerificationError{Err: err})
	}
	cases := []struct {
		name string
		err  error
		want []string
	}{
		{"unknown authority", wrap(x509.UnknownAuthorityError{}), []string{"does not trust", "ca_cert_file", "insecure_skip_verify"}},
		{"expired", wrap(x509.CertificateInvalidError{Reason: x509.Expired, Detail: "current time is after NotAfter"}), []string{"not valid", "expired", "ca_cert_file"}},
		{"host name", wrap(x509.HostnameError{Certificate: &x509.Certificate{DNSNames: []string{"other.example.com"}}, Host: "dss.example.com"}),
			[]string{"not valid for the host name", "dss.example.com", "other.example.com"}},
		{"other verification failure", wrap(errors.New("no usable chain")), []string{"could not be verified", "ca_cert_file"}},
		{"not TLS", errors.New("connection refused"), nil},
	}
	for _, c := range cases {
		hint := dataiku.TLSErrorHint(c.err, "https://dss.example.com")
		if (hint == "") != (c.want == nil) {
			t.Errorf("%s: hint %q", c.name, hint)
		}
		for _, w := range c.want {
			if !strings.Contains(hint, w) {
				t.Errorf("%s: hint lacks %q: %s", c.name, w, hint)
			}
		}
	}
}
