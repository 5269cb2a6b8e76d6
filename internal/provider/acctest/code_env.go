package acctest

import (
	"context"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// CodeEnvOutside makes, outside Terraform, a Python 3.11 env of the given
// deployment mode with the core packages, waits for its build, and deletes
// it when the test ends (a test that destroyed it already is left alone).
func CodeEnvOutside(t *testing.T, c *dss.Client, name, mode string) {
	t.Helper()
	f, err := c.CreateCodeEnv(Ctx(t), "PYTHON", name, dss.CodeEnvCreate{DeploymentMode: mode, PythonInterpreter: "PYTHON311", InstallCorePackages: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.WaitFuture(Ctx(t), f, true); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if f, err := c.DeleteCodeEnv(context.Background(), "PYTHON", name); err == nil {
			_, _ = c.WaitFuture(context.Background(), f, false)
		}
	})
}
