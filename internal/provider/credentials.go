package provider

import "github.com/tf-dataiku/terraform-provider-dataiku/internal/credentials"

// resolveCredentials applies the documented order (internal/credentials,
// shared with the dss-adopt command so that both connect to the same DSS
// with the same key) with the provider block's attributes as the explicit
// values.
func resolveCredentials(attrHost, attrKey, instance, home string) (credentials.Resolved, error) {
	return credentials.Resolve(credentials.Explicit{
		Host: attrHost, APIKey: attrKey,
		HostSource: "the provider's host attribute", APIKeySource: "the provider's api_key attribute",
		Where: "the provider block (host, api_key)",
	}, instance, home)
}
