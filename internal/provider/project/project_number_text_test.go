package project_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// Project variables DSS prints Java-style (1.0E-4, 1000000.0, 60.0): a
// change of one standard and one local variable, and a variable removed,
// send DSS's text back for every variable (every part) not changed; the
// removed one is gone.
func TestAccProject_variablesNumberTextKept(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_PVNUM")
	cfg := func(env, gone, name string) string {
		return fmt.Sprintf(`resource "dataiku_project" "test" {
  project_key        = %q
  name               = "Variables"
  standard_variables = { env = %q, ratio = 0.0001, big = 1000000, nested = { scale = 1000, label = %q }%s }
  local_variables    = jsonencode({ delay = 60, name = %q })
}
`, key, env, env, gone, name)
	}
	path := acctest.ProjectDocPath(key, "variables")
	nums := acctest.NumberTextsOf(t, func() any { return acctest.RawDocExact(t, path) })
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		{Config: cfg("a", ", gone = 60", "x")},
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.EditRawDocExact(t, path, func(d map[string]any) {
					s := d["standard"].(map[string]any)
					s["ratio"], s["big"], s["gone"] = json.Number("1.0E-4"), json.Number("1000000.0"), json.Number("60.0")
					s["nested"].(map[string]any)["scale"] = json.Number("1000.0")
					d["local"].(map[string]any)["delay"] = json.Number("60.0")
				})
				nums.Take()
			},
			Config:           cfg("b", "", "y"),
			ConfigPlanChecks: acctest.Plans("dataiku_project.test", plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(nums.Kept("standard.gone"), func(*terraform.State) error {
				if g, ok := acctest.RawDocExact(t, path)["standard"].(map[string]any)["gone"]; ok {
					return fmt.Errorf("the variable removed from the configuration is still in DSS: %v", g)
				}
				return nil
			}),
		}),
	})
}
