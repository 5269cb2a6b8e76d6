package provider

import (
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/credentials"
)

// ResolveCredentials applies the documented order (internal/credentials,
// shared with the dss-adopt command so that both connect to the same DSS
// with the same key) with the provider block's attributes as the explicit
// values.
func ResolveCredentials(attrHost, attrKey, instance, home string, fallback FallbackDSS, getenv func(string) string) (credentials.Resolved, error) {
	return credentials.Resolve(credentials.Explicit{
		Host: attrHost, APIKey: attrKey,
		HostSource: "the provider's host attribute", APIKeySource: "the provider's api_key attribute",
		Where:        "the provider block (host, api_key)",
		FallbackHost: fallback.Host, FallbackAPIKey: fallback.APIKey, FallbackSource: "the test's DSS",
		Getenv: getenv,
	}, instance, home)
}

// FallbackDSS is the DSS an acceptance test gives the provider it
// builds, used when neither the provider block nor the environment names
// one; so tests run side by side, each against its own emulator. It is
// empty in the released provider.
type FallbackDSS struct{ Host, APIKey string }
