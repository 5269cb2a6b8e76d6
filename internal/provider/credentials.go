package provider

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Environment variables read for the connection settings, in order of
// precedence after the provider block's own attributes. DKU_DSS_URL and
// DKU_API_KEY are the ones Dataiku's Python and R clients read, so a laptop
// already set up for them needs no provider settings.
const (
	envHost       = "DATAIKU_HOST"
	envAPIKey     = "DATAIKU_API_KEY"
	envDkuHost    = "DKU_DSS_URL"
	envDkuAPIKey  = "DKU_API_KEY"
	clientCfgPath = ".dataiku/config.json" // relative to the home directory
)

// dataikuClientConfig is Dataiku's client configuration file,
// ~/.dataiku/config.json, shared by its Python and R clients.
type dataikuClientConfig struct {
	Instances       map[string]dataikuClientInstance `json:"dss_instances"`
	DefaultInstance string                           `json:"default_instance"`
}

type dataikuClientInstance struct {
	URL                string `json:"url"`
	APIKey             string `json:"api_key"`
	NoCheckCertificate bool   `json:"no_check_certificate"`
}

// resolvedCredentials is where the provider will connect, and where each
// value came from (for messages).
type resolvedCredentials struct {
	Host, APIKey             string
	HostSource, APIKeySource string
	// InsecureFromFile is the file's no_check_certificate for the instance
	// the host came from.
	InsecureFromFile bool
	// Looked lists every place searched, for the error shown when something
	// is missing.
	Looked []string
}

// resolveCredentials applies the documented order to host and key
// independently: the attribute, DATAIKU_*, DKU_*, then the instance of the
// client configuration file (instance, else its default_instance).
func resolveCredentials(attrHost, attrKey, instance, home string) (resolvedCredentials, error) {
	var rc resolvedCredentials
	pick := func(value *string, source *string, candidates ...[2]string) {
		for _, c := range candidates {
			if *value == "" && c[1] != "" {
				*value, *source = c[1], c[0]
			}
		}
	}
	pick(&rc.Host, &rc.HostSource, [2]string{"the provider's host attribute", attrHost},
		[2]string{"the " + envHost + " environment variable", os.Getenv(envHost)},
		[2]string{"the " + envDkuHost + " environment variable", os.Getenv(envDkuHost)})
	pick(&rc.APIKey, &rc.APIKeySource, [2]string{"the provider's api_key attribute", attrKey},
		[2]string{"the " + envAPIKey + " environment variable", os.Getenv(envAPIKey)},
		[2]string{"the " + envDkuAPIKey + " environment variable", os.Getenv(envDkuAPIKey)})

	cfgFile := filepath.Join(home, clientCfgPath)
	rc.Looked = []string{
		"the provider block (host, api_key)",
		"the environment variables " + envHost + " and " + envAPIKey,
		"the environment variables " + envDkuHost + " and " + envDkuAPIKey,
		"Dataiku's client configuration file " + cfgFile,
	}
	if rc.Host != "" && rc.APIKey != "" && instance == "" {
		return rc, nil
	}
	if home == "" {
		if instance != "" {
			return rc, errors.New("instance is set but the home directory, where Dataiku's client configuration file lives, is unknown")
		}
		return rc, nil
	}
	data, err := os.ReadFile(cfgFile)
	if errors.Is(err, fs.ErrNotExist) {
		if instance != "" {
			return rc, fmt.Errorf("instance %q is set but %s does not exist", instance, cfgFile)
		}
		return rc, nil
	}
	if err != nil {
		return rc, fmt.Errorf("reading %s: %w", cfgFile, err)
	}
	var cfg dataikuClientConfig
	if err := json.Unmarshal(data, &cfg); err != nil {
		return rc, fmt.Errorf("%s is not valid JSON: %w", cfgFile, err)
	}
	name := instance
	if name == "" {
		name = cfg.DefaultInstance
	}
	if name == "" {
		return rc, nil
	}
	inst, ok := cfg.Instances[name]
	if !ok {
		if instance != "" {
			return rc, fmt.Errorf("%s has no instance %q under dss_instances", cfgFile, name)
		}
		return rc, fmt.Errorf("%s names default_instance %q, which is not under dss_instances", cfgFile, name)
	}
	source := fmt.Sprintf("instance %q of %s", name, cfgFile)
	if rc.Host == "" && inst.URL != "" {
		rc.Host, rc.HostSource, rc.InsecureFromFile = inst.URL, source, inst.NoCheckCertificate
	}
	if rc.APIKey == "" && inst.APIKey != "" {
		rc.APIKey, rc.APIKeySource = inst.APIKey, source
	}
	return rc, nil
}
