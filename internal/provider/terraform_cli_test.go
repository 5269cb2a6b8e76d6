package provider

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// Tests of examples/ and of the quickstart run the real terraform CLI
// against the provider binary built from this tree, exactly as a user with a
// dev_overrides CLI configuration would. The CLI configuration is a
// throw-away file (TF_CLI_CONFIG_FILE), never the user's ~/.terraformrc.

var (
	cliProviderOnce sync.Once
	cliProviderDir  string // holds terraform-provider-dataiku
	cliConfigFile   string
	cliProviderErr  error
)

// repoRoot is the repository's root, two levels above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test source file")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// terraformBinary is the terraform used by plugin-testing too: the one named
// by TF_ACC_TERRAFORM_PATH, else the one on PATH. It is never downloaded.
func terraformBinary(t *testing.T) string {
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

// builtProviderCLIConfig builds the provider once per test binary and
// returns a CLI configuration file whose dev_overrides point at it.
func builtProviderCLIConfig(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	cliProviderOnce.Do(func() { cliConfigFile, cliProviderErr = buildProviderForCLI(root) })
	if cliProviderErr != nil {
		t.Fatalf("building the provider: %v", cliProviderErr)
	}
	return cliConfigFile
}

// buildProviderForCLI builds the provider into a directory shared by every
// test of the run (so not a t.TempDir, which the first test would remove;
// TestMain removes it) and writes the dev_overrides CLI configuration there.
func buildProviderForCLI(root string) (string, error) {
	dir, err := os.MkdirTemp("", "tf-dataiku-provider-")
	if err != nil {
		return "", err
	}
	cliProviderDir = dir
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(dir, "terraform-provider-dataiku"), ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", &buildError{out: string(out), err: err}
	}
	cfgFile := filepath.Join(dir, "terraformrc")
	cfg := "provider_installation {\n  dev_overrides {\n    \"tf-dataiku/dataiku\" = \"" + filepath.ToSlash(dir) + "\"\n  }\n  direct {}\n}\n"
	return cfgFile, os.WriteFile(cfgFile, []byte(cfg), 0o600)
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

// cleanupBuiltProvider removes the shared provider build; called by TestMain.
func cleanupBuiltProvider() {
	if cliProviderDir != "" {
		_ = os.RemoveAll(cliProviderDir)
	}
}

// terraformRun runs terraform in dir with the dev_overrides configuration and
// returns its combined output and exit code. A failure to start is fatal.
func terraformRun(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, terraformBinary(t), args...)
	cmd.Dir = dir
	cmd.Env = append(terraformEnv(), "TF_CLI_CONFIG_FILE="+builtProviderCLIConfig(t))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			t.Fatalf("running terraform %s: %v", strings.Join(args, " "), err)
		}
		return out.String(), exitErr.ExitCode()
	}
	return out.String(), 0
}

// terraformEnv is the test process's environment (DATAIKU_HOST and
// DATAIKU_API_KEY included, set by TestMain) without the variables that
// would change how terraform behaves.
func terraformEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "TF_CLI_CONFIG_FILE", "TF_LOG", "TF_LOG_PATH", "TF_DATA_DIR", "TF_WORKSPACE":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_INPUT=0")
}

// requireTerraformCLITests gates the tests that run terraform, like the
// acceptance tests.
func requireTerraformCLITests(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the terraform CLI: set TF_ACC=1 (make test does)")
	}
}
