package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
)

// Why the CLI tests serve the provider themselves: Terraform starts a
// provider binary 3 to 5 times per command (schemas, validation, plan,
// apply), and on a 2-core machine where starting a process is slow each
// start costs about as much CPU as the command's own work. Served from
// the test process, the provider is reached through TF_REATTACH_PROVIDERS
// instead, as terraform-plugin-testing reaches it in every resource.Test
// step: a CLI apply went from 0.26 to 0.17 s of CPU. Terraform, its CLI
// configuration, its output and DSS are unchanged, and the schema lacks
// only its descriptions, as the resource.Test steps' does; what the provider
// process alone does (its logs in Terraform's, main's settings, a crash
// reported by Terraform) needs the binary, and so does a configuration
// with several provider blocks, which one in-process server would serve
// with the last block's settings.

// cliProviderVersion is the version the binary CliSetup builds reports
// (main.version without -ldflags), so both serve the same User-Agent.
const cliProviderVersion = "dev"

// binaryTests are the tests that asked for the provider binary
// (ProviderBinary).
var binaryTests sync.Map

// ProviderBinary makes t's terraform commands (RunTerraform and what calls
// it) start the provider binary, as a user's terraform does, instead of
// the provider served from the test process. A test needs it when it
// checks something only the provider process has: its logs as Terraform
// records them, main's settings, or how Terraform reports the process's
// end. Commands given a TF_LOG* variable, their own CLI configuration or
// reattach settings, and configurations with more than one provider
// block, take the binary without asking.
func ProviderBinary(t testing.TB) {
	t.Helper()
	binaryTests.Store(t.Name(), true)
	t.Cleanup(func() { binaryTests.Delete(t.Name()) })
}

// binaryEnvPrefixes are the variables of a command's own environment that
// speak to the provider process or to Terraform's way of finding it.
var binaryEnvPrefixes = []string{"TF_LOG", "TF_CLI_CONFIG_FILE=", "TF_REATTACH_PROVIDERS=", "TF_DATAIKU_", "GODEBUG=", "GOGC="}

// providerBlockRE finds the provider blocks of a configuration.
var providerBlockRE = regexp.MustCompile(`(?m)^\s*provider\s+"dataiku"\s*\{`)

// needsProviderBinary says whether a command run in dir with the test's
// own environment env must start the provider binary.
func needsProviderBinary(t *testing.T, dir string, env []string) bool {
	for name := t.Name(); ; name = name[:strings.LastIndex(name, "/")] {
		if _, ok := binaryTests.Load(name); ok {
			return true
		}
		if !strings.Contains(name, "/") {
			break
		}
	}
	for _, kv := range env {
		for _, prefix := range binaryEnvPrefixes {
			if strings.HasPrefix(kv, prefix) {
				return true
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	blocks := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return true
		}
		blocks += len(providerBlockRE.FindAll(b, -1))
	}
	return blocks > 1
}

// serveProvider serves the provider from this process for one terraform
// command whose environment is env, and returns the TF_REATTACH_PROVIDERS
// value that points Terraform at it, and the function that stops it once
// the command has ended. The provider reads DATAIKU_*, DKU_* and HOME from
// env, as its process would from its own environment, never from this
// process's.
func serveProvider(t *testing.T, env []string) (reattach string, stop func(), err error) {
	vars := map[string]string{}
	for _, kv := range env { // later entries win, as in a process's environment
		name, value, _ := strings.Cut(kv, "=")
		vars[name] = value
	}
	newProvider := func() provider.Provider {
		return &dataiku.DataikuProvider{Version: cliProviderVersion, Getenv: func(name string) string { return vars[name] }}
	}
	// The schema the resource.Test servers answer (schema_cache.go): built
	// once per test process, every type, without the descriptions that
	// Terraform only displays.
	server, err := withSchemaOnce(dataiku.ReleasingProtocol6Server(newProvider)(), nil)
	if err != nil {
		return "", nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	configs := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	served := make(chan error, 1)
	go func() {
		served <- tf6server.Serve(dataiku.Address, func() tfprotov6.ProviderServer { return server },
			tf6server.WithDebug(ctx, configs, closed),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t),
			tf6server.WithoutLogStderrOverride())
	}()
	var config *plugin.ReattachConfig
	select {
	case config = <-configs:
	case err := <-served:
		cancel()
		return "", nil, fmt.Errorf("serving the provider in the test process: %w", err)
	}
	// Terraform's format for TF_REATTACH_PROVIDERS: go-plugin's reattach
	// settings by provider address, the address as network and string.
	type addr struct{ Network, String string }
	type reattachConfig struct {
		Protocol        string
		ProtocolVersion int
		Pid             int
		Test            bool
		Addr            addr
	}
	b, err := json.Marshal(map[string]reattachConfig{dataiku.Address: {
		Protocol: string(config.Protocol), ProtocolVersion: config.ProtocolVersion, Pid: config.Pid, Test: config.Test,
		Addr: addr{Network: config.Addr.Network(), String: config.Addr.String()},
	}})
	if err != nil {
		cancel()
		<-closed
		return "", nil, err
	}
	return string(b), func() { cancel(); <-closed }, nil
}
