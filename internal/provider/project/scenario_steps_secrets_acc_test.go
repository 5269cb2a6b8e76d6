package project_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// A send_report webhook step keeps the URL DSS holds for it when an
// earlier send_report step is removed (by index it took the removed
// step's: with a mail step first, it lost its URL; with two webhook steps
// the second got the first's). The URL never reaches the state.
func TestAccScenario_sendReportStepKeepsURLWhenEarlierRemoved(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCSTURL")
	c := testScenarioProject(t, key)
	const opsURL, channelURL = "https://hooks.example.invalid/ops-T0KEN-1a2b", "https://hooks.example.invalid/channel-T0KEN-3c4d"
	testSeedScenario(t, c, key, fmt.Sprintf(`{"type": "step_based", "id": "RETRAIN", "name": "Retrain", "active": false, "tags": [], "reporters": [], "triggers": [],
	  "params": {"steps": [
	    {"id": "mail", "type": "send_report", "name": "", "enabled": true, "alwaysShowComment": false, "runConditionType": "RUN_ALWAYS", "runConditionStatuses": [],
	     "resetScenarioStatus": false, "delayBetweenRetries": 10, "maxRetriesOnFail": 0,
	     "params": {"messaging": {"type": "mail-scenario", "configuration": {"recipient": "ops@example.invalid", "subject": "Retrain ${outcome}"}}}},
	    {"id": "ops hook", "type": "send_report", "name": "Tell ops", "enabled": true, "alwaysShowComment": false, "runConditionType": "RUN_ALWAYS", "runConditionStatuses": [],
	     "resetScenarioStatus": false, "delayBetweenRetries": 10, "maxRetriesOnFail": 0,
	     "params": {"messaging": {"type": "webhook-scenario", "configuration": {"url": %q, "message": "ops: retrain ${outcome}"}}}},
	    {"id": "hook", "type": "send_report", "name": "Tell the channel", "enabled": false, "alwaysShowComment": false, "runConditionType": "RUN_ALWAYS", "runConditionStatuses": [],
	     "resetScenarioStatus": false, "delayBetweenRetries": 10, "maxRetriesOnFail": 0,
	     "params": {"messaging": {"type": "webhook-scenario", "configuration": {"url": %q, "message": "retrain ${outcome}"}}}}
	  ]}}`, opsURL, channelURL))
	steps := map[string]string{
		"mail": `{
    type          = "send_report"
    run_condition = "RUN_ALWAYS"
    params        = jsonencode({ messaging = { type = "mail-scenario", configuration = { recipient = "ops@example.invalid", subject = "Retrain $${outcome}" } } })
  }`,
		"ops hook": `{
    type          = "send_report"
    name          = "Tell ops"
    run_condition = "RUN_ALWAYS"
    params        = jsonencode({ messaging = { type = "webhook-scenario", configuration = { message = "ops: retrain $${outcome}" } } })
  }`,
		"hook": `{
    type          = "send_report"
    name          = "Tell the channel"
    run_condition = "RUN_ALWAYS"
    params        = jsonencode({ messaging = { type = "webhook-scenario", configuration = { message = "retrain $${outcome}" } } })
  }`,
	}
	cfg := func(ids ...string) string {
		list := make([]string, len(ids))
		for i, id := range ids {
			list[i] = steps[id]
		}
		return fmt.Sprintf(`
resource "dataiku_scenario" "retrain" {
  project_key = %q
  name        = "Retrain"
  type        = "step_based"
  active      = false
  triggers    = []
  steps       = [%s]
}
`, key, strings.Join(list, ", "))
	}
	// expect checks DSS's raw steps: ids in order, each webhook step with
	// its own URL; and that no URL is in the state.
	expect := func(ids ...string) resource.TestCheckFunc {
		urls := map[string]string{"ops hook": opsURL, "hook": channelURL}
		return func(s *terraform.State) error {
			got := testRawSteps(t, key, "RETRAIN")
			if len(got) != len(ids) {
				return fmt.Errorf("DSS holds %d steps, want %d", len(got), len(ids))
			}
			for i, st := range got {
				id, _ := st["id"].(string)
				if id != ids[i] {
					return fmt.Errorf("step %d has id %q, want %q", i, id, ids[i])
				}
				params, _ := st["params"].(map[string]any)
				msg, _ := params["messaging"].(map[string]any)
				conf, _ := msg["configuration"].(map[string]any)
				if url, _ := conf["url"].(string); url != urls[id] {
					// Not quoted: a URL is a credential.
					return fmt.Errorf("step %q: its url is its own: %t, is set: %t", id, url == urls[id], url != "")
				}
			}
			if enabled, _ := got[len(got)-1]["enabled"].(bool); enabled {
				return fmt.Errorf("the disabled step %q was written enabled", ids[len(ids)-1])
			}
			for addr, r := range s.RootModule().Resources {
				for k, v := range r.Primary.Attributes {
					if strings.Contains(v, "T0KEN") {
						return fmt.Errorf("the state holds a step credential in %s.%s", addr, k)
					}
				}
			}
			return nil
		}
	}
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep("dataiku_scenario.retrain",
			acctest.ImportBlock("dataiku_scenario.retrain", key+".RETRAIN")+cfg("mail", "ops hook", "hook")),
		// The mail step goes: both webhook steps move up and keep their URLs.
		acctest.EmptyPlanAfter(resource.TestStep{Config: cfg("ops hook", "hook"), Check: expect("ops hook", "hook")}),
		// The first webhook step goes: the other keeps its own URL, not the
		// removed step's.
		acctest.EmptyPlanAfter(resource.TestStep{Config: cfg("hook"), Check: expect("hook")}),
	})
}
