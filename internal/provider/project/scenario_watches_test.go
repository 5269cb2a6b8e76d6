package project_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// testSeedScenario creates a scenario from a raw document, as DSS holds
// it, with the id it carries.
func testSeedScenario(t *testing.T, c *dss.Client, key, doc string) {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatal(err)
	}
	var created struct {
		ID string `json:"id"`
	}
	if err := c.Post(acctest.Ctx(t), dss.Path("projects", key, "scenarios")+"/", nil, m, &created); err != nil {
		t.Fatal(err)
	}
	if created.ID != m["id"] {
		t.Fatalf("seeded scenario id %q, want %v", created.ID, m["id"])
	}
}

// testRawTriggers is a scenario's triggers as DSS sends them.
func testRawTriggers(t *testing.T, key, id string) []any {
	t.Helper()
	ts, _ := acctest.RawDoc(t, dss.ScenarioDoc(key, id).Path())["triggers"].([]any)
	return ts
}

func testRawTriggerParams(t *testing.T, key, id string, i int) map[string]any {
	t.Helper()
	ts := testRawTriggers(t, key, id)
	if i >= len(ts) {
		t.Fatalf("scenario %s has %d triggers", id, len(ts))
	}
	tr, _ := ts[i].(map[string]any)
	p, _ := tr["params"].(map[string]any)
	return p
}

// TestAccScenario_realShapedTriggersAdopted: triggers as a real DSS holds
// them adopt with no change and an empty plan, and DSS's documents are
// left exactly as they were:
//   - a monthly temporal trigger on FIRST_DAY_OF_THE_MONTH, a value DSS
//     14.6 accepts [T] that the provider once refused;
//   - a ds_modified trigger watching a dataset: its watches read as
//     datasets = ["orders"], triggerWhenAllFire stays in params;
//   - a ds_modified trigger watching a managed folder, which datasets
//     cannot say: datasets is null and watches stays in params, where a
//     later change writes it.
func TestAccScenario_realShapedTriggersAdopted(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCWATCH")
	c := testScenarioProject(t, key)
	testSeedScenario(t, c, key, `{"type": "step_based", "id": "MONTHLY", "name": "Monthly", "active": true, "tags": [], "reporters": [], "params": {"steps": []},
	  "triggers": [{"id": "t1", "type": "temporal", "name": "first day", "delay": 5, "active": true,
	    "params": {"repeatFrequency": 1, "frequency": "Monthly", "startingFrom": "2026-01-01", "daysOfWeek": ["Friday"],
	      "monthlyRunOn": "FIRST_DAY_OF_THE_MONTH", "hour": 6, "minute": 0, "timezone": "SERVER"}}]}`)
	testSeedScenario(t, c, key, `{"type": "step_based", "id": "ON_ORDERS", "name": "On orders", "active": true, "tags": [], "reporters": [], "params": {"steps": []},
	  "triggers": [{"id": "t2", "type": "ds_modified", "name": "orders changed", "delay": 900, "active": true,
	    "params": {"watches": [{"type": "DATASET", "itemId": "orders", "partitionsSpec": ""}], "triggerWhenAllFire": false}}]}`)
	testSeedScenario(t, c, key, `{"type": "step_based", "id": "ON_FOLDER", "name": "On folder", "active": true, "tags": [], "reporters": [], "params": {"steps": []},
	  "triggers": [{"id": "t3", "type": "ds_modified", "name": "files dropped", "delay": 900, "active": true,
	    "params": {"watches": [{"type": "MANAGED_FOLDER", "itemId": "f1x2y3z4", "partitionsSpec": ""}], "triggerWhenAllFire": true}}]}`)
	ids := []string{"MONTHLY", "ON_ORDERS", "ON_FOLDER"}
	before := map[string][]any{}
	for _, id := range ids {
		before[id] = testRawTriggers(t, key, id)
	}
	folderWatches := `{ type = "MANAGED_FOLDER", itemId = "f1x2y3z4", partitionsSpec = "" }`
	cfg := func(extraFolderWatch string) string {
		return fmt.Sprintf(`
resource "dataiku_scenario" "monthly" {
  project_key = %[1]q
  name        = "Monthly"
  type        = "step_based"
  active      = true
  steps       = []
  triggers = [{
    type             = "temporal"
    name             = "first day"
    frequency        = "Monthly"
    repeat_frequency = 1
    monthly_run_on   = "FIRST_DAY_OF_THE_MONTH"
    hour             = 6
    minute           = 0
    timezone         = "SERVER"
    starting_from    = "2026-01-01"
    days_of_week     = ["Friday"]
  }]
}

resource "dataiku_scenario" "on_orders" {
  project_key = %[1]q
  name        = "On orders"
  type        = "step_based"
  active      = true
  steps       = []
  triggers = [{
    type     = "dataset_modified"
    name     = "orders changed"
    datasets = ["orders"]
    params   = jsonencode({ triggerWhenAllFire = false })
  }]
}

resource "dataiku_scenario" "on_folder" {
  project_key = %[1]q
  name        = "On folder"
  type        = "step_based"
  active      = true
  steps       = []
  triggers = [{
    type   = "dataset_modified"
    name   = "files dropped"
    params = jsonencode({ triggerWhenAllFire = true, watches = [%[2]s%[3]s] })
  }]
}
`, key, folderWatches, extraFolderWatch)
	}
	imports := acctest.ImportBlock("dataiku_scenario.monthly", key+".MONTHLY") +
		acctest.ImportBlock("dataiku_scenario.on_orders", key+".ON_ORDERS") +
		acctest.ImportBlock("dataiku_scenario.on_folder", key+".ON_FOLDER")
	noop := []plancheck.PlanCheck{}
	for _, a := range []string{"dataiku_scenario.monthly", "dataiku_scenario.on_orders", "dataiku_scenario.on_folder"} {
		noop = append(noop, plancheck.ExpectResourceAction(a, plancheck.ResourceActionNoop))
	}
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           imports + cfg(""),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: noop},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("dataiku_scenario.monthly", tfjsonpath.New("triggers").AtSliceIndex(0).AtMapKey("monthly_run_on"),
					knownvalue.StringExact("FIRST_DAY_OF_THE_MONTH")),
				statecheck.ExpectKnownValue("dataiku_scenario.on_orders", tfjsonpath.New("triggers").AtSliceIndex(0).AtMapKey("datasets"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("orders")})),
				statecheck.ExpectKnownValue("dataiku_scenario.on_folder", tfjsonpath.New("triggers").AtSliceIndex(0).AtMapKey("datasets"), knownvalue.Null()),
			},
			Check: func(*terraform.State) error {
				for _, id := range ids {
					if now := testRawTriggers(t, key, id); !reflect.DeepEqual(now, before[id]) {
						return fmt.Errorf("the adoption changed %s's triggers in DSS:\nbefore %v\nafter  %v", id, before[id], now)
					}
				}
				return nil
			},
		}),
		// A watch written through params: DSS holds both, datasets stays
		// null, the plan is empty after.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           cfg(`, { type = "DATASET", itemId = "orders", partitionsSpec = "2026-01-01" }`),
			ConfigPlanChecks: acctest.Plans("dataiku_scenario.on_folder", plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				p := testRawTriggerParams(t, key, "ON_FOLDER", 0)
				if w := fmt.Sprint(p["watches"]); w != "[map[itemId:f1x2y3z4 partitionsSpec: type:MANAGED_FOLDER] map[itemId:orders partitionsSpec:2026-01-01 type:DATASET]]" || p["triggerWhenAllFire"] != true {
					return fmt.Errorf("the folder trigger's params in DSS: %v", p)
				}
				if _, ok := p["datasets"]; ok {
					return fmt.Errorf("the folder trigger's params hold the datasets key: %v", p)
				}
				return nil
			},
		}),
	})
}

// TestAccScenario_legacyDatasetsRewritten: a trigger an earlier provider
// version wrote holds params.datasets ([{projectKey, name}]), which DSS
// ignores. It is read (datasets = ["orders"]) and adopted with no change;
// the next change of the scenario writes DSS's watches in its place.
func TestAccScenario_legacyDatasetsRewritten(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCLEGACY")
	c := testScenarioProject(t, key)
	testSeedScenario(t, c, key, fmt.Sprintf(`{"type": "step_based", "id": "LEGACY", "name": "Legacy", "active": true, "tags": [], "reporters": [], "params": {"steps": []},
	  "triggers": [{"id": "t1", "type": "ds_modified", "name": "orders changed", "active": true,
	    "params": {"datasets": [{"projectKey": %q, "name": "orders"}, {"projectKey": "OTHER", "name": "raw"}], "triggerWhenAllFire": false}}]}`, key))
	before := testRawTriggers(t, key, "LEGACY")
	cfg := func(description string) string {
		return fmt.Sprintf(`
resource "dataiku_scenario" "legacy" {
  project_key = %q
  name        = "Legacy"
  type        = "step_based"
  active      = true
  steps       = []
  description = %q
  triggers = [{
    type     = "dataset_modified"
    name     = "orders changed"
    datasets = ["orders", "OTHER.raw"]
    params   = jsonencode({ triggerWhenAllFire = false })
  }]
}
`, key, description)
	}
	adopt := acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep("dataiku_scenario.legacy", acctest.ImportBlock("dataiku_scenario.legacy", key+".LEGACY")+cfg("")))
	adopt.Check = func(*terraform.State) error {
		if now := testRawTriggers(t, key, "LEGACY"); !reflect.DeepEqual(now, before) {
			return fmt.Errorf("the adoption changed the triggers in DSS:\nbefore %v\nafter  %v", before, now)
		}
		return nil
	}
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
		adopt,
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           cfg("rewritten"),
			ConfigPlanChecks: acctest.Plans("dataiku_scenario.legacy", plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				p := testRawTriggerParams(t, key, "LEGACY", 0)
				if w := fmt.Sprint(p["watches"]); w != "[map[itemId:orders partitionsSpec: type:DATASET] map[itemId:raw partitionsSpec: projectKey:OTHER type:DATASET]]" {
					return fmt.Errorf("watches in DSS: %v", p)
				}
				if _, ok := p["datasets"]; ok || p["triggerWhenAllFire"] != false {
					return fmt.Errorf("the trigger's params in DSS: %v", p)
				}
				return nil
			},
		}),
	})
}
