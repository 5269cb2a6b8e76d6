package project_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// testMovedStepsScenario is the seeded CLASSIC project's NIGHTLY scenario
// as a real DSS holds it, with fields the provider does not model on every
// step: a disabled step with its comment always shown, retries, run
// condition statuses, an unknown key, and ids with a space and a literal
// null.
const testMovedStepsScenario = `{"type": "step_based", "id": "NIGHTLY", "name": "Nightly", "active": false, "tags": [], "reporters": [], "triggers": [],
  "params": {"steps": [
    {"id": "build_0_true_d_orders_clean", "type": "build_flowitem", "name": "Build clean orders", "enabled": true, "alwaysShowComment": false,
     "runConditionType": "RUN_IF_STATUS_MATCH", "runConditionStatuses": ["SUCCESS", "WARNING"], "runConditionExpression": "",
     "resetScenarioStatus": false, "delayBetweenRetries": 10, "maxRetriesOnFail": 0,
     "params": {"builds": [{"type": "DATASET", "itemId": "orders_clean", "partitionsSpec": ""}], "jobType": "RECURSIVE_BUILD", "refreshHiveMetastore": true, "proceedOnFailure": false}},
    {"id": "check orders quality", "type": "check_dataset", "name": "Check clean orders", "enabled": false, "alwaysShowComment": true,
     "runConditionType": "RUN_IF_STATUS_MATCH", "runConditionStatuses": ["SUCCESS"], "resetScenarioStatus": false,
     "delayBetweenRetries": 30, "maxRetriesOnFail": 1, "futureStepKey": {"since": "a later DSS"},
     "params": {"checks": [{"type": "DATASET", "itemId": "orders_clean", "partitionsSpec": ""}], "proceedOnFailure": false}},
    {"id": "run_scenario_null.WEEKLY_REPORT", "type": "run_scenario", "name": "", "enabled": false, "alwaysShowComment": true,
     "runConditionType": "RUN_IF_STATUS_MATCH", "runConditionStatuses": ["SUCCESS"], "resetScenarioStatus": false,
     "delayBetweenRetries": 10, "maxRetriesOnFail": 2, "resetScenarioRunOnRetry": true,
     "params": {"scenarioId": "WEEKLY_REPORT", "projectKey": null}}
  ]}}`

// The configuration's steps for testMovedStepsScenario, by DSS id, and a
// new one.
var testMovedSteps = map[string]string{
	"build_0_true_d_orders_clean": `{
    type   = "build_flowitem"
    name   = "Build clean orders"
    params = jsonencode({ builds = [{ type = "DATASET", itemId = "orders_clean", partitionsSpec = "" }], jobType = "RECURSIVE_BUILD", refreshHiveMetastore = true, proceedOnFailure = false })
  }`,
	"check orders quality": `{
    type   = "check_dataset"
    name   = "Check clean orders"
    params = jsonencode({ checks = [{ type = "DATASET", itemId = "orders_clean", partitionsSpec = "" }], proceedOnFailure = false })
  }`,
	"run_scenario_null.WEEKLY_REPORT": `{
    type   = "run_scenario"
    params = jsonencode({ scenarioId = "WEEKLY_REPORT", projectKey = null })
  }`,
	"": `{
    type   = "build_flowitem"
    name   = "Build raw orders"
    params = jsonencode({ builds = [{ type = "DATASET", itemId = "orders_raw", partitionsSpec = "" }], jobType = "NON_RECURSIVE_FORCED_BUILD" })
  }`,
}

func testMovedStepsConfig(key string, ids ...string) string {
	steps := make([]string, len(ids))
	for i, id := range ids {
		steps[i] = testMovedSteps[id]
	}
	return fmt.Sprintf(`
resource "dataiku_scenario" "nightly" {
  project_key = %q
  name        = "Nightly"
  type        = "step_based"
  active      = false
  triggers    = []
  steps       = [%s]
}
`, key, strings.Join(steps, ", "))
}

// testRawSteps is a scenario's steps as DSS sends them.
func testRawSteps(t *testing.T, key, id string) []map[string]any {
	t.Helper()
	raw, _ := acctest.RawDoc(t, dss.ScenarioDoc(key, id).Path())["params"].(map[string]any)
	list, _ := raw["steps"].([]any)
	out := make([]map[string]any, len(list))
	for i, s := range list {
		out[i], _ = s.(map[string]any)
	}
	return out
}

// testExpectStepsKept checks through the client that DSS's steps are, in
// order, those of ids ("" a new step, which must not carry an id DSS held
// before), each existing one exactly as it was seeded (before): its id,
// enabled, retries, run condition statuses, unknown keys and params.
func testExpectStepsKept(t *testing.T, key string, before map[string]map[string]any, ids ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := testRawSteps(t, key, "NIGHTLY")
		if len(got) != len(ids) {
			return fmt.Errorf("DSS holds %d steps, want %d", len(got), len(ids))
		}
		for i, s := range got {
			id, _ := s["id"].(string)
			if ids[i] == "" {
				if _, held := before[id]; held {
					return fmt.Errorf("the new step %d took the id %q of a step DSS held", i, id)
				}
				continue
			}
			if id != ids[i] {
				return fmt.Errorf("step %d has id %q, want %q", i, id, ids[i])
			}
			if !reflect.DeepEqual(s, before[id]) {
				g, _ := json.Marshal(s)
				w, _ := json.Marshal(before[id])
				return fmt.Errorf("step %d (%q) changed:\n got %s\nwant %s", i, id, g, w)
			}
		}
		return nil
	}
}

// testAccMovedSteps adopts testMovedStepsScenario as it is, then applies
// the configuration with the steps of ids: every step DSS held keeps its
// id and every field, wherever it now is, and the next plan is empty.
func testAccMovedSteps(t *testing.T, prefix string, ids ...string) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey(prefix)
	c := testScenarioProject(t, key)
	testSeedScenario(t, c, key, testMovedStepsScenario)
	before := map[string]map[string]any{}
	for _, s := range testRawSteps(t, key, "NIGHTLY") {
		id, _ := s["id"].(string)
		before[id] = s
	}
	seeded := []string{"build_0_true_d_orders_clean", "check orders quality", "run_scenario_null.WEEKLY_REPORT"}
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep("dataiku_scenario.nightly",
			acctest.ImportBlock("dataiku_scenario.nightly", key+".NIGHTLY")+testMovedStepsConfig(key, seeded...)),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testMovedStepsConfig(key, ids...),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("dataiku_scenario.nightly", plancheck.ResourceActionUpdate)}},
			Check:            testExpectStepsKept(t, key, before, ids...),
		}),
	})
}

// A step inserted at the top: the others keep their ids and fields (by
// position, the new build step took the first one's id and the others
// were written anew, enabled and without their retries).
func TestAccScenario_stepInsertedFirst(t *testing.T) {
	testAccMovedSteps(t, "ACC_SCSTINS", "", "build_0_true_d_orders_clean", "check orders quality", "run_scenario_null.WEEKLY_REPORT")
}

// The first step removed: the others keep their ids and fields (by
// position, the check_dataset step got a new id and the run_scenario step
// lost its retries, resetScenarioRunOnRetry and enabled: false).
func TestAccScenario_firstStepRemoved(t *testing.T) {
	testAccMovedSteps(t, "ACC_SCSTRM", "check orders quality", "run_scenario_null.WEEKLY_REPORT")
}

// Two steps swapped: each keeps its id and fields.
func TestAccScenario_stepsReordered(t *testing.T) {
	testAccMovedSteps(t, "ACC_SCSTORD", "build_0_true_d_orders_clean", "run_scenario_null.WEEKLY_REPORT", "check orders quality")
}
