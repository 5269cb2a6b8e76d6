package acctest

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

// RepoRoot is the repository's root, two levels above this package.
func RepoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test source file")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", ".."))
}

// TerraformRun runs terraform in dir against the test DSS (Host(t) and
// APIKey) and returns its combined output and exit code. A failure to
// start terraform is fatal.
func TerraformRun(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	out, err := RunTerraform(t, dir, []string{"DATAIKU_HOST=" + Host(t), "DATAIKU_API_KEY=" + APIKey}, args...)
	if err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			t.Fatalf("running terraform %s: %v", strings.Join(args, " "), err)
		}
		return out, exitErr.ExitCode()
	}
	return out, 0
}

// DestroyAtEnd destroys the configuration in dir (a copy of an example)
// with args (its -var flags) when the test ends, so that a test that stops
// early leaves nothing in DSS, unless the test destroyed it itself with
// the returned function. That one takes the destroy's own args, and fails
// the test when terraform destroy fails (the cleanup then tries again).
func DestroyAtEnd(t *testing.T, dir string, args ...string) (destroy func(args ...string)) {
	t.Helper()
	destroyed := false
	t.Cleanup(func() {
		if !destroyed {
			TerraformRun(t, dir, append([]string{"destroy", "-auto-approve", "-no-color"}, args...)...)
		}
	})
	return func(args ...string) {
		t.Helper()
		if out, code := TerraformRun(t, dir, append([]string{"destroy", "-auto-approve", "-no-color"}, args...)...); code != 0 {
			t.Fatalf("terraform destroy failed (exit %d):\n%s", code, out)
		}
		destroyed = true
	}
}

// TerraformEnv is the environment for tools run next to terraform (the docs
// generator): this process's, without what steers terraform.
func TerraformEnv() []string {
	return append(CleanTerraformEnv(), "HOME="+os.Getenv("HOME"), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_INPUT=0")
}

// RequireTerraformCLITests gates the tests that run terraform, like the
// acceptance tests.
func RequireTerraformCLITests(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the terraform CLI: set TF_ACC=1 (make test does)")
	}
}
