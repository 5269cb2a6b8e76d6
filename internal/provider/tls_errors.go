package provider

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
)

// TLSErrorHint explains a failed certificate verification and what to set,
// or returns "" when err is not one. Go reports these as bare x509 messages
// ("certificate signed by unknown authority") that do not say what a
// Terraform user can do about them.
func TLSErrorHint(err error, host string) string {
	var (
		unknownAuthority x509.UnknownAuthorityError
		hostname         x509.HostnameError
		invalid          x509.CertificateInvalidError
		verification     *tls.CertificateVerificationError
	)
	const fix = "If DSS's certificate is issued by a private or corporate CA, set ca_cert_file to a PEM file of that CA " +
		"(or of the certificate chain). As a last resort, insecure_skip_verify = true (or no_check_certificate in " +
		"~/.dataiku/config.json) turns verification off, which lets anyone on the network impersonate DSS and read the API key."
	switch {
	case errors.As(err, &hostname):
		return fmt.Sprintf("The TLS certificate of %s is not valid for the host name in the URL (%s). "+
			"Use the host name the certificate was issued for in host, or have the certificate reissued for this one. "+
			"Setting ca_cert_file does not help with a name mismatch.", host, hostname.Error())
	case errors.As(err, &unknownAuthority):
		return "DSS's TLS certificate is signed by a certificate authority this machine does not trust. " + fix
	case errors.As(err, &invalid):
		return fmt.Sprintf("DSS's TLS certificate is not valid (%s). Check its validity dates and usage. ", invalid.Error()) + fix
	case errors.As(err, &verification):
		return "DSS's TLS certificate could not be verified. " + fix
	}
	return ""
}
