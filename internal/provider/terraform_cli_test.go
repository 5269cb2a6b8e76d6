package provider

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Tests of examples/, docs/ and the quickstart run the real terraform CLI
// against the provider built from this tree through the harness of
// cli_test.go, connected to the test DSS like a user's shell would be.

// repoRoot is the repository's root, two levels above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test source file")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// terraformRun runs terraform in dir against the test DSS (testHost(t) and
// testAPIKey) and returns its combined output and exit code. A failure to
// start terraform is fatal.
func terraformRun(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	out, err := runTerraform(t, dir, []string{"DATAIKU_HOST=" + testHost(t), "DATAIKU_API_KEY=" + testAPIKey}, args...)
	if err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			t.Fatalf("running terraform %s: %v", strings.Join(args, " "), err)
		}
		return out, exitErr.ExitCode()
	}
	return out, 0
}

// terraformEnv is the environment for tools run next to terraform (the docs
// generator): this process's, without what steers terraform.
func terraformEnv() []string {
	return append(cleanTerraformEnv(), "HOME="+os.Getenv("HOME"), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_INPUT=0")
}

// requireTerraformCLITests gates the tests that run terraform, like the
// acceptance tests.
func requireTerraformCLITests(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the terraform CLI: set TF_ACC=1 (make test does)")
	}
}
