package project_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccScenario_stepRunConditionNullAdopted: DSS may hold a step whose
// runConditionType is null (TestSeedShapesDeepEndToEnd's
// params.steps[i].runConditionType=null). It reads as DSS's default,
// RUN_IF_STATUS_MATCH, which run_condition defaults to: the adoption plans
// no change and writes nothing, and DSS keeps its null.
func TestAccScenario_stepRunConditionNullAdopted(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCRUNCOND")
	c := testScenarioProject(t, key)
	testSeedScenario(t, c, key, `{"type": "step_based", "id": "NULLCOND", "name": "Null condition", "active": false, "tags": [], "reporters": [], "triggers": [],
	  "params": {"steps": [{"id": "py", "type": "custom_python", "name": "py", "runConditionType": null, "params": {"script": "pass"}}]}}`)
	cfg := fmt.Sprintf(`
resource "dataiku_scenario" "s" {
  project_key = %q
  name        = "Null condition"
  type        = "step_based"
  triggers    = []
  steps = [{
    type   = "custom_python"
    name   = "py"
    params = jsonencode({ script = "pass" })
  }]
}
`, key)
	adopt := acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep("dataiku_scenario.s", acctest.ImportBlock("dataiku_scenario.s", key+".NULLCOND")+cfg))
	adopt.Check = func(*terraform.State) error {
		steps, _ := acctest.RawDoc(t, dss.ScenarioDoc(key, "NULLCOND").Path())["params"].(map[string]any)["steps"].([]any)
		if len(steps) != 1 {
			return fmt.Errorf("steps in DSS: %v", steps)
		}
		if v, ok := steps[0].(map[string]any)["runConditionType"]; !ok || v != nil {
			return fmt.Errorf("the adoption changed the step's runConditionType in DSS: %v (present %v)", v, ok)
		}
		return nil
	}
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{adopt})
}
