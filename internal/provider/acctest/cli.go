package acctest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	mathrand "math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// CliRequiredProviders must open every configuration run with RunTerraform:
// without it Terraform looks for hashicorp/dataiku.
const CliRequiredProviders = `terraform {
  required_providers {
    dataiku = {
      source = "tf-dataiku/dataiku"
    }
  }
}
`

// cliRunTimeout bounds one terraform command; generous for load tests.
const cliRunTimeout = 15 * time.Minute

var (
	cliSetupOnce sync.Once
	cliSetupDir  string // holds bin/terraform-provider-dataiku, terraformrc, home/
	cliSetupErr  error
)

// CliSetup builds the provider once per test process into a temporary
// directory (removed by TestMain through removeCLISetup) and writes the CLI
// configuration that points Terraform at it.
func CliSetup(t testing.TB) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the terraform CLI: set TF_ACC=1")
	}
	cliSetupOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tf-dataiku-cli-") //nolint:usetesting // shared by every test of the process (not one test's TempDir); TestMain removes it
		if err != nil {
			cliSetupErr = err
			return
		}
		cliSetupDir = dir
		bin := filepath.Join(dir, "bin")
		build := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-dataiku"), RepoRoot(t))
		if out, err := build.CombinedOutput(); err != nil {
			cliSetupErr = fmt.Errorf("building the provider: %w\n%s", err, out)
			return
		}
		rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", "tf-dataiku/dataiku", bin)
		if err := os.WriteFile(filepath.Join(dir, "terraformrc"), []byte(rc), 0o600); err != nil {
			cliSetupErr = err
			return
		}
		cliSetupErr = os.Mkdir(filepath.Join(dir, "home"), 0o700)
	})
	if cliSetupErr != nil {
		t.Fatal(cliSetupErr)
	}
	return cliSetupDir
}

var (
	emulatorBinaryOnce sync.Once
	emulatorBinaryPath string
	emulatorBinaryErr  error
)

// EmulatorBinary builds cmd/dss-emulator once per test process, beside
// what CliSetup built, for a test that runs the emulator as users do: a
// command started from a shell.
func EmulatorBinary(t testing.TB) string {
	t.Helper()
	setup := CliSetup(t)
	emulatorBinaryOnce.Do(func() {
		path := filepath.Join(setup, "tools", "dss-emulator")
		build := exec.Command("go", "build", "-o", path, "./cmd/dss-emulator")
		build.Dir = RepoRoot(t)
		if out, err := build.CombinedOutput(); err != nil {
			emulatorBinaryErr = fmt.Errorf("building dss-emulator: %w\n%s", err, out)
			return
		}
		emulatorBinaryPath = path
	})
	if emulatorBinaryErr != nil {
		t.Fatal(emulatorBinaryErr)
	}
	return emulatorBinaryPath
}

// ProviderMirror lays out the provider CliSetup built as version in a
// filesystem mirror, as a registry or a user's mirror would serve it, and
// returns a CLI configuration file that installs tf-dataiku providers
// from it and nothing from the network. Unlike dev_overrides, it lets
// `terraform init` install and lock the provider, offline.
func ProviderMirror(t testing.TB, version string) (cliConfig string) {
	t.Helper()
	setup := CliSetup(t)
	mirror := t.TempDir()
	pluginDir := filepath.Join(mirror, "registry.terraform.io", "tf-dataiku", "dataiku", version, runtime.GOOS+"_"+runtime.GOARCH)
	bin, err := os.ReadFile(filepath.Join(setup, "bin", "terraform-provider-dataiku"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(pluginDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(pluginDir, "terraform-provider-dataiku_v"+version), bin, 0o755); err != nil {
		t.Fatal(err)
	}
	cliConfig = filepath.Join(t.TempDir(), "terraformrc")
	text := fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path    = %q\n    include = [\"registry.terraform.io/tf-dataiku/*\"]\n  }\n}\n", mirror)
	if err := os.WriteFile(cliConfig, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return cliConfig
}

// fixedPorts are the ports FixedPort gave: a test that asks for two gets
// two, though the first is free again once checked.
var fixedPorts = struct {
	sync.Mutex
	given map[string]bool
}{given: map[string]bool{}}

// FixedPort is a free TCP port on 127.0.0.1 for a program that must be
// told its port in advance (a documented command line, say), in a test that
// runs in parallel. It is taken below the kernel's ephemeral range, from
// which every listener on port 0 (the tests' emulators) gets its port, so
// that none of them can take it between this check and its use; ports are
// drawn at random, and none is given twice in a test process.
func FixedPort(t testing.TB) string {
	t.Helper()
	low := ephemeralPortsStart()
	const first = 20000
	if low <= first+100 {
		t.Fatalf("the ephemeral port range starts at %d: no room for a fixed port above %d", low, first)
	}
	fixedPorts.Lock()
	defer fixedPorts.Unlock()
	for range 100 {
		addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(first+mathrand.IntN(low-first)))
		if fixedPorts.given[addr] {
			continue
		}
		if ln, err := net.Listen("tcp", addr); err == nil {
			_ = ln.Close()
			fixedPorts.given[addr] = true
			return addr
		}
	}
	t.Fatalf("no free port between %d and %d after 100 tries", first, low)
	return ""
}

// ephemeralPortsStart is the first port of the kernel's ephemeral range,
// from which a listener on port 0 gets its port.
func ephemeralPortsStart() int {
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); err == nil {
		if fields := strings.Fields(string(b)); len(fields) == 2 {
			if n, err := strconv.Atoi(fields[0]); err == nil {
				return n
			}
		}
	}
	return 32768 // Linux's default
}

// removeCLISetup deletes what CliSetup built; TestMain calls it at exit.
func removeCLISetup() {
	if cliSetupDir != "" {
		_ = os.RemoveAll(cliSetupDir)
	}
}

// TerraformBinary is the terraform that plugin-testing uses too.
func TerraformBinary(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal("terraform is not on PATH and TF_ACC_TERRAFORM_PATH is not set")
	}
	return p
}

// NewTerraformDir writes files (name -> content) into a fresh directory for
// one Terraform configuration and its state.
func NewTerraformDir(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// RunTerraform runs `terraform args...` in dir (pass -no-color to commands
// that take it) and returns its stdout and
// stderr interleaved, and the error of a non-zero exit. Terraform reaches
// the provider served from this process for the command, unless the test
// or the command needs the binary (see ProviderBinary).
//
// The environment is this process's minus everything that steers Terraform
// or the provider (TF_*, DATAIKU_*, DKU_*), with HOME an empty directory
// (so no ~/.dataiku/config.json), TF_CLI_CONFIG_FILE the dev_overrides
// configuration, plugin TLS off, and then env ("NAME=value", applied last, so it may set
// DATAIKU_HOST, TF_LOG, TF_VAR_x or another HOME).
func RunTerraform(t testing.TB, dir string, env []string, args ...string) (string, error) {
	t.Helper()
	setup := CliSetup(t)
	ctx, cancel := context.WithTimeout(context.Background(), cliRunTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, TerraformBinary(t), args...)
	cmd.Dir = dir
	cmd.Env = append(CleanTerraformEnv(),
		"HOME="+filepath.Join(setup, "home"),
		"TF_CLI_CONFIG_FILE="+filepath.Join(setup, "terraformrc"),
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
		// Terraform starts the provider 3 to 5 times per command, and each
		// start made both sides generate a certificate for their mutual
		// TLS: a fifth of a plan's CPU. Terraform keeps this switch for
		// test harnesses (terraform-plugin-testing sets it too); the
		// provider's own behaviour does not depend on it.
		"TF_DISABLE_PLUGIN_TLS=1",
	)
	cmd.Env = append(cmd.Env, env...)
	// The served provider logs through a *testing.T (WithLoggingSink): a
	// benchmark's commands take the binary.
	if tt, ok := t.(*testing.T); ok && !needsProviderBinary(tt, dir, env) {
		reattach, stop, err := serveProvider(tt, cmd.Env)
		if err != nil {
			t.Fatal(err)
		}
		defer stop()
		cmd.Env = append(cmd.Env, "TF_REATTACH_PROVIDERS="+reattach)
	}
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		err = fmt.Errorf("terraform %s: timed out after %s: %w", strings.Join(args, " "), cliRunTimeout, err)
	}
	return string(out), err
}

// RunConfigFailing writes cfg as the main.tf of a fresh directory and
// runs `terraform args...` there against the test's DSS with apiKey; the
// run must fail (the test stops when it succeeds). It returns the
// directory, for the state, and terraform's output.
func RunConfigFailing(t *testing.T, cfg, apiKey string, args ...string) (dir, out string) {
	t.Helper()
	dir = NewTerraformDir(t, map[string]string{"main.tf": cfg})
	out, err := RunTerraform(t, dir, []string{"DATAIKU_HOST=" + Host(t), "DATAIKU_API_KEY=" + apiKey}, args...)
	if err == nil {
		t.Fatalf("terraform %s succeeded:\n%s", strings.Join(args, " "), Tail(out, 4000))
	}
	return dir, out
}

func CleanTerraformEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "DATAIKU_") || strings.HasPrefix(name, "DKU_") ||
			name == "HOME" || name == "CHECKPOINT_DISABLE" {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// MustTerraform is RunTerraform that fails the test on a non-zero exit,
// showing the output with the given secrets masked.
func MustTerraform(t testing.TB, dir string, env []string, secrets []string, args ...string) string {
	t.Helper()
	out, err := RunTerraform(t, dir, env, args...)
	if err != nil {
		t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, MaskSecrets(Tail(out, 8000), secrets))
	}
	return out
}

// StateFiles returns the content of every terraform.tfstate* file in dir.
func StateFiles(t testing.TB, dir string) map[string]string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "terraform.tfstate*"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(p)] = string(b)
	}
	return files
}

// StateResource is a resource of a Terraform state file, as tests read
// it: its type and its instances.
type StateResource struct {
	Type      string          `json:"type"`
	Instances []StateInstance `json:"instances"`
}

// StateInstance is an instance of a StateResource: the schema version its
// attributes were written with, and their values.
type StateInstance struct {
	SchemaVersion int            `json:"schema_version"`
	Attributes    map[string]any `json:"attributes"`
}

// StateResources are the resources of dir's state file (terraform.tfstate),
// which must exist.
func StateResources(t testing.TB, dir string) []StateResource {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Resources []StateResource `json:"resources"`
	}
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	return st.Resources
}

// KeyForms are the forms an API key can take in text: itself, and the
// base64 of the HTTP Basic credentials "key:" that the client sends.
func KeyForms(key string) []string {
	return []string{key, base64.StdEncoding.EncodeToString([]byte(key + ":"))}
}

// AssertNoSecret fails when text holds any of secrets; the report shows
// the lines around each hit with the secret masked.
func AssertNoSecret(t testing.TB, what, text string, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		if s == "" {
			t.Fatal("assertNoSecret: empty secret")
		}
		if i := strings.Index(text, s); i >= 0 {
			lo, hi := max(0, i-300), min(len(text), i+len(s)+300)
			t.Errorf("%s contains a secret (%d bytes in):\n%s", what, i, MaskSecrets(text[lo:hi], secrets))
		}
	}
}

func MaskSecrets(text string, secrets []string) string {
	for _, s := range secrets {
		if s != "" {
			text = strings.ReplaceAll(text, s, "<SECRET>")
		}
	}
	return text
}

func Tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "...\n" + s[len(s)-n:]
}

// CopyExampleDir copies examples/<name>'s .tf files into a new directory
// and returns it (see CopyTerraformDir).
func CopyExampleDir(t *testing.T, name string) string {
	t.Helper()
	return CopyTerraformDir(t, filepath.Join(RepoRoot(t), "examples", name))
}

// CopyTerraformDir copies the .tf files of dir, a directory of the
// repository, into a new directory and returns it. The copy sits at the
// same path below a temporary root as dir below the repository, beside a
// link to the repository's modules/, so that relative module sources
// (../../modules/team) resolve as they do in a clone; `terraform get`
// installs them.
func CopyTerraformDir(t testing.TB, dir string) string {
	t.Helper()
	root := RepoRoot(t)
	rel, err := filepath.Rel(root, dir)
	if err != nil || !filepath.IsLocal(rel) {
		t.Fatalf("%s is not a directory of the repository %s", dir, root)
	}
	base := t.TempDir()
	work := filepath.Join(base, rel)
	if err := os.MkdirAll(work, 0o700); err != nil {
		t.Fatal(err)
	}
	// (A module's own copy needs no link: it sources no sibling.)
	if top, _, _ := strings.Cut(filepath.ToSlash(rel), "/"); top != "modules" {
		if err := os.Symlink(filepath.Join(root, "modules"), filepath.Join(base, "modules")); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, e.Name()), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return work
}
