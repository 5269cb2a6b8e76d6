package provider

import "github.com/tf-dataiku/terraform-provider-dataiku/internal/credentials"

// The resolution itself lives in internal/credentials, shared with the
// dss-adopt command so that both connect to the same DSS with the same key.
const (
	envHost       = credentials.EnvHost
	envAPIKey     = credentials.EnvAPIKey
	envDkuHost    = credentials.EnvDkuHost
	envDkuAPIKey  = credentials.EnvDkuAPIKey
	clientCfgPath = credentials.ClientCfgPath
)

type (
	dataikuClientConfig   = credentials.ClientConfig
	dataikuClientInstance = credentials.ClientInstance
	resolvedCredentials   = credentials.Resolved
)

// resolveCredentials applies the documented order with the provider
// block's attributes as the explicit values.
func resolveCredentials(attrHost, attrKey, instance, home string) (resolvedCredentials, error) {
	return credentials.Resolve(credentials.Explicit{
		Host: attrHost, APIKey: attrKey,
		HostSource: "the provider's host attribute", APIKeySource: "the provider's api_key attribute",
		Where: "the provider block (host, api_key)",
	}, instance, home)
}
