// Package credentials finds where to connect to DSS and with which API key,
// in the documented order shared by the Terraform provider and the
// dss-adopt command: an explicit value, DATAIKU_*, DKU_*, then an instance
// of Dataiku's client configuration file ~/.dataiku/config.json. Keeping
// one implementation means the command connects exactly where the provider
// will.
package credentials

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Environment variables read for the connection settings, in order of
// precedence after the explicit values. DKU_DSS_URL and DKU_API_KEY are the
// ones Dataiku's Python and R clients read, so a laptop already set up for
// them needs no settings.
const (
	EnvHost       = "DATAIKU_HOST"
	EnvAPIKey     = "DATAIKU_API_KEY"
	EnvDkuHost    = "DKU_DSS_URL"
	EnvDkuAPIKey  = "DKU_API_KEY"
	ClientCfgPath = ".dataiku/config.json" // relative to the home directory
)

// ClientConfig is Dataiku's client configuration file,
// ~/.dataiku/config.json, shared by its Python and R clients.
type ClientConfig struct {
	Instances       map[string]ClientInstance `json:"dss_instances"`
	DefaultInstance string                    `json:"default_instance"`
}

// ClientInstance is one entry under dss_instances.
type ClientInstance struct {
	URL                string `json:"url"`
	APIKey             string `json:"api_key"`
	NoCheckCertificate bool   `json:"no_check_certificate"`
}

// Explicit names the explicit values of a caller (the provider block's
// attributes, a command's flags) for messages.
type Explicit struct {
	// Host and APIKey are the explicit values; empty means not given.
	Host, APIKey string
	// HostSource and APIKeySource say where they came from, e.g. "the
	// provider's host attribute".
	HostSource, APIKeySource string
	// Where is the place to list first in Looked, e.g. "the provider
	// block (host, api_key)"; empty when the caller has no explicit values.
	Where string
	// FallbackHost and FallbackAPIKey are taken after the environment
	// variables and before the client configuration file; FallbackSource
	// names them. The provider's acceptance tests give each test its own
	// DSS emulator this way, without setting the process's environment.
	FallbackHost, FallbackAPIKey, FallbackSource string
	// Getenv reads the environment variables; nil is os.Getenv. A provider
	// served from a test process for one terraform command reads that
	// command's environment this way, as the provider process would read
	// its own.
	Getenv func(string) string
}

// Resolved is where to connect, and where each value came from (for
// messages).
type Resolved struct {
	Host, APIKey             string
	HostSource, APIKeySource string
	// InsecureFromFile is the file's no_check_certificate for the instance
	// the host came from.
	InsecureFromFile bool
	// Looked lists every place searched, for the error shown when something
	// is missing.
	Looked []string
}

// Missing names what was not found ("the DSS host", "the DSS API key"),
// for the error that lists Looked.
func (rc Resolved) Missing() []string {
	var missing []string
	if rc.Host == "" {
		missing = append(missing, "the DSS host")
	}
	if rc.APIKey == "" {
		missing = append(missing, "the DSS API key")
	}
	return missing
}

// Resolve applies the documented order to host and key independently: the
// explicit value, DATAIKU_*, DKU_*, then the instance of the client
// configuration file under home (instance, else its default_instance).
func Resolve(explicit Explicit, instance, home string) (Resolved, error) {
	var rc Resolved
	getenv := explicit.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	pick := func(value *string, source *string, candidates ...[2]string) {
		for _, c := range candidates {
			if *value == "" && c[1] != "" {
				*value, *source = c[1], c[0]
			}
		}
	}
	pick(&rc.Host, &rc.HostSource, [2]string{explicit.HostSource, explicit.Host},
		[2]string{"the " + EnvHost + " environment variable", getenv(EnvHost)},
		[2]string{"the " + EnvDkuHost + " environment variable", getenv(EnvDkuHost)},
		[2]string{explicit.FallbackSource, explicit.FallbackHost})
	pick(&rc.APIKey, &rc.APIKeySource, [2]string{explicit.APIKeySource, explicit.APIKey},
		[2]string{"the " + EnvAPIKey + " environment variable", getenv(EnvAPIKey)},
		[2]string{"the " + EnvDkuAPIKey + " environment variable", getenv(EnvDkuAPIKey)},
		[2]string{explicit.FallbackSource, explicit.FallbackAPIKey})

	cfgFile := filepath.Join(home, ClientCfgPath)
	if explicit.Where != "" {
		rc.Looked = append(rc.Looked, explicit.Where)
	}
	rc.Looked = append(rc.Looked,
		"the environment variables "+EnvHost+" and "+EnvAPIKey,
		"the environment variables "+EnvDkuHost+" and "+EnvDkuAPIKey,
		"Dataiku's client configuration file "+cfgFile,
	)
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
	var cfg ClientConfig
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
