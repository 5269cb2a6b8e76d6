package project_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// testFridayScenario is the seeded CLASSIC project's NIGHTLY trigger as a
// real DSS holds it: a temporal trigger with the lastUpdate DSS
// maintains.
const testFridayScenario = `{"type": "step_based", "id": "FRIDAY", "name": "Friday", "active": false, "tags": [], "reporters": [], "params": {"steps": []},
  "triggers": [{"id": "tRkX7aQp", "type": "temporal", "name": "Every Friday night", "delay": 5, "active": true,
    "params": {"frequency": "Weekly", "repeatFrequency": 1, "startingFrom": "2021-11-21T11:48:00.000Z", "daysOfWeek": ["Friday"],
      "monthlyRunOn": "ON_THE_DAY", "hour": 2, "minute": 30, "timezone": "SERVER", "lastUpdate": 1638000000000},
    "graceDelaySettings": {"checkAgainAfterGraceDelay": false, "delay": 0}}]}`

// testFridayConfig manages the trigger at hour, with params (HCL, "" none).
func testFridayConfig(key string, hour int, params string) string {
	if params != "" {
		params = "\n      params    = " + params
	}
	return fmt.Sprintf(`
resource "dataiku_scenario" "friday" {
  project_key = %q
  name        = "Friday"
  type        = "step_based"
  active      = false
  steps       = []
  triggers = [
    {
      type      = "temporal"
      name      = "Every Friday night"
      frequency = "Weekly"
      hour      = %d%s
    },
  ]
}
`, key, hour, params)
}

// testMoveLastUpdate is DSS moving its own timestamp (a schedule saved in
// its UI): a raw settings edit.
func testMoveLastUpdate(t *testing.T, key string, to int64) func() {
	return func() {
		acctest.EditRawDoc(t, dss.ScenarioDoc(key, "FRIDAY").Path(), func(m map[string]any) {
			ts, _ := m["triggers"].([]any)
			tr, _ := ts[0].(map[string]any)
			p, _ := tr["params"].(map[string]any)
			p["lastUpdate"] = to
		})
	}
}

// testExpectTrigger checks DSS's trigger: its hour and its lastUpdate.
func testExpectTrigger(t *testing.T, key string, hour, lastUpdate int64) resource.TestCheckFunc {
	return func(*terraform.State) error {
		p := testRawTriggerParams(t, key, "FRIDAY", 0)
		gotHour, _ := json.Marshal(p["hour"])
		gotUpdate, _ := json.Marshal(p["lastUpdate"])
		if string(gotHour) != fmt.Sprint(hour) || string(gotUpdate) != fmt.Sprint(lastUpdate) {
			return fmt.Errorf("DSS's trigger has hour %s and lastUpdate %s, want %d and %d", gotHour, gotUpdate, hour, lastUpdate)
		}
		return nil
	}
}

// TestAccScenario_triggerLastUpdateIsDSSs: a temporal trigger's lastUpdate
// is DSS's. Adopted without it in params (an import reads it no more),
// the plan is empty; DSS moves it, and a change of the trigger leaves
// DSS's new value (an adopted configuration that copied it wrote the old
// one back on every change).
func TestAccScenario_triggerLastUpdateIsDSSs(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCLASTUP")
	c := testScenarioProject(t, key)
	testSeedScenario(t, c, key, testFridayScenario)
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep("dataiku_scenario.friday",
			acctest.ImportBlock("dataiku_scenario.friday", key+".FRIDAY")+testFridayConfig(key, 2, "")),
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        testMoveLastUpdate(t, key, 1767225600000),
			Config:           testFridayConfig(key, 3, ""),
			ConfigPlanChecks: acctest.Plans("dataiku_scenario.friday", plancheck.ResourceActionUpdate),
			Check:            testExpectTrigger(t, key, 3, 1767225600000),
		}),
	})
}

// TestAccScenario_triggerLastUpdateInEarlierConfig: a configuration
// dss-adopt generated before, which copied lastUpdate into params, imports
// with an empty plan and no write (an import reads no lastUpdate, and
// params differing only by keys DSS owns plan the prior triggers), and
// plans no change when DSS moves it; a change of the trigger leaves DSS's
// value in DSS, and so does removing lastUpdate from params, which is no
// change either.
func TestAccScenario_triggerLastUpdateInEarlierConfig(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_SCLASTUPO")
	c := testScenarioProject(t, key)
	testSeedScenario(t, c, key, testFridayScenario)
	const old = `jsonencode({ lastUpdate = 1638000000000 })`
	var before map[string]int64
	noWrites := func(*terraform.State) error {
		acctest.ExpectNoWrites(t, before, em.Server.Stats().ByRoute, "by an apply that plans no change")
		return nil
	}
	const addr = "dataiku_scenario.friday"
	empty := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
		{
			PreConfig:        func() { before = em.Server.Stats().ByRoute },
			Config:           acctest.ImportBlock(addr, key+".FRIDAY") + testFridayConfig(key, 2, old),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionNoop),
			Check:            resource.ComposeAggregateTestCheckFunc(testExpectTrigger(t, key, 2, 1638000000000), noWrites),
		},
		{
			PreConfig:        testMoveLastUpdate(t, key, 1767225600000),
			Config:           testFridayConfig(key, 2, old),
			ConfigPlanChecks: empty,
			Check:            testExpectTrigger(t, key, 2, 1767225600000),
		},
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testFridayConfig(key, 3, old),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionUpdate),
			Check:            testExpectTrigger(t, key, 3, 1767225600000),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        func() { before = em.Server.Stats().ByRoute },
			Config:           testFridayConfig(key, 3, ""),
			ConfigPlanChecks: empty,
			Check:            resource.ComposeAggregateTestCheckFunc(testExpectTrigger(t, key, 3, 1767225600000), noWrites),
		}),
	})
}
