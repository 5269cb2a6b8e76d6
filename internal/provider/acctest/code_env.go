package acctest

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// CodeEnvOutside makes, outside Terraform, a Python 3.11 env of the given
// deployment mode with the core packages, waits for its build, and deletes
// it when the test ends (a test that destroyed it already is left alone).
func CodeEnvOutside(t *testing.T, c *dss.Client, name, mode string) {
	t.Helper()
	CodeEnvOfLangOutside(t, c, "PYTHON", name, dss.CodeEnvCreate{DeploymentMode: mode, PythonInterpreter: "PYTHON311", InstallCorePackages: true})
}

// CodeEnvOfLangOutside is CodeEnvOutside for an env of lang created with
// the given request.
func CodeEnvOfLangOutside(t *testing.T, c *dss.Client, lang, name string, create dss.CodeEnvCreate) {
	t.Helper()
	f, err := c.CreateCodeEnv(Ctx(t), lang, name, create)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.WaitFuture(Ctx(t), f, true); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if f, err := c.DeleteCodeEnv(context.Background(), lang, name); err == nil {
			_, _ = c.WaitFuture(context.Background(), f, false)
		}
	})
}

// CheckCodeEnvsDestroyed asserts through the admin client that every
// dataiku_code_env of the state is gone from DSS, which says so with a 500
// (dss.IsCodeEnvMissing), not a 404.
func CheckCodeEnvsDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "dataiku_code_env" {
				continue
			}
			_, err := dss.CodeEnvDoc(rs.Primary.Attributes["lang"], rs.Primary.Attributes["name"]).Get(Ctx(t), Client(t))
			if err == nil {
				return fmt.Errorf("code env %s still exists", rs.Primary.ID)
			}
			if !dss.IsCodeEnvMissing(err) {
				return fmt.Errorf("checking code env %s: %w", rs.Primary.ID, err)
			}
		}
		return nil
	}
}
