package project_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// A scenario whose trigger and step params and reporters DSS prints
// Java-style (60.0, 1.0E-9, 1000.0): a change of its tags alone sends
// DSS's text back for every one of them (they are written on every
// update).
func TestAccScenario_numberTextKept(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCNUM")
	cfg := func(tag string) string {
		return testAccScenarioConfig(key, "step_based", fmt.Sprintf(`  tags = [%q]
  reporters = [{ messaging = { type = "mail-scenario", configuration = { recipient = "team@example.com", retries = 3, backoff = 0.5 } } }]
  triggers = [{
    type      = "temporal"
    name      = "every night"
    frequency = "Daily"
    hour      = 2
    params    = jsonencode({ customDelay = 60, window = [1, 0.5] })
  }]
  steps = [{
    type   = "build_flowitem"
    name   = "build orders"
    params = jsonencode({
      builds  = [{ type = "DATASET", itemId = dataiku_dataset.orders.name, partitionsSpec = "" }]
      jobType = "RECURSIVE_BUILD"
      tuning  = { epsilon = 0.000000001, scale = 1000 }
    })
  }]
`, tag))
	}
	path := func() string {
		list, err := acctest.Client(t).ListScenarios(acctest.Ctx(t), key)
		if err != nil || len(list) != 1 {
			t.Fatalf("the project's scenario: %v, %d scenarios", err, len(list))
		}
		return dss.ScenarioDoc(key, list[0].ID).Path()
	}
	nums := acctest.NumberTextsOf(t, func() any { return acctest.RawDocExact(t, path()) })
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
		{Config: cfg("nightly")},
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.EditRawDocExact(t, path(), func(d map[string]any) {
					tp := d["triggers"].([]any)[0].(map[string]any)["params"].(map[string]any)
					tp["customDelay"], tp["window"] = json.Number("60.0"), []any{json.Number("1.0"), json.Number("0.50")}
					st := d["params"].(map[string]any)["steps"].([]any)[0].(map[string]any)["params"].(map[string]any)
					st["tuning"] = map[string]any{"epsilon": json.Number("1.0E-9"), "scale": json.Number("1000.0")}
					rc := d["reporters"].([]any)[0].(map[string]any)["messaging"].(map[string]any)["configuration"].(map[string]any)
					rc["retries"], rc["backoff"] = json.Number("3.0"), json.Number("0.50")
				})
				nums.Take()
			},
			Config:           cfg("weekly"),
			ConfigPlanChecks: acctest.Plans(testScenarioAddr, plancheck.ResourceActionUpdate),
			Check:            nums.Kept("versionTag"),
		}),
	})
}
