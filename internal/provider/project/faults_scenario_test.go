package project_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The fault matrix for scenarios: what is a scenario's own, the creation
// POST (a lost answer is found by name) and the light call that toggles
// active after the settings PUT, each meet a failure, and whatever the
// faulty apply does, the next one converges to the configuration with an
// empty plan and exactly one scenario of the name in DSS. The read, the
// settings GET and PUT and the delete are the kit's (one GET,
// SyncDocument, the address's DELETE), whose faults are tested once in
// kit/ (TestKitFaultsOnGenericCalls).

type faultScenario struct {
	Hour   int
	Active bool
}

func faultScenarioHCL(key, name string, s *faultScenario) string {
	return fmt.Sprintf(`
resource "dataiku_scenario" "s" {
  project_key = %q
  name        = %q
  type        = "step_based"
  active      = %t
  triggers    = [{ type = "temporal", frequency = "Daily", hour = %d }]
  steps       = [{ type = "build_flowitem", params = jsonencode({ builds = [{ type = "DATASET", itemId = "orders" }] }) }]
}
`, key, name, s.Active, s.Hour)
}

// assertScenarioHolds checks through the admin client that DSS has
// exactly one scenario named name, as configured (want nil: none).
func assertScenarioHolds(t *testing.T, key, name string, want *faultScenario) {
	t.Helper()
	if ids := testScenarioIDs(t, key, name); acctest.OneOrNone(t, "scenarios named "+name, ids, want != nil) {
		s := acctest.Scenario(t, key, ids[0])
		if s.Active != want.Active || len(s.Triggers) != 1 || fmt.Sprint(s.Triggers[0].Params["hour"]) != fmt.Sprint(want.Hour) {
			t.Errorf("scenario %s in DSS: active %t, triggers %+v; want active %t, hour %d", ids[0], s.Active, s.Triggers, want.Active, want.Hour)
		}
	}
}

var faultScenarioClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_scenario "[^"]+"`)

func TestAccFaultsScenarioConverge(t *testing.T) {
	acctest.Parallel(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("FLT_SC")
	c := testScenarioProject(t, key)

	base := &faultScenario{Hour: 2}
	updated := &faultScenario{Hour: 5, Active: true}
	const routeCreate = "POST /public/api/projects/{projectKey}/scenarios"
	// %s is the case's name, which is also the id DSS derives from it.
	var (
		post  = acctest.FaultCall{Name: "create", Method: "POST", Path: `/projects/` + key + `/scenarios$`}
		light = acctest.FaultCall{Name: "toggle active", Method: "PUT", Path: `/projects/` + key + `/scenarios/%s/light$`}
	)
	type op = acctest.FaultOp[faultScenario]
	acctest.RunFaultMatrix(t, acctest.FaultMatrix[faultScenario]{
		What:       "scenario",
		Name:       func(i int) string { return fmt.Sprintf("flt_sc_%02d", i) },
		ClearError: faultScenarioClearError,
		Prepare: func(t *testing.T, name string) {
			t.Cleanup(func() {
				for _, id := range testScenarioIDs(t, key, name) {
					_ = c.DeleteScenario(context.Background(), key, id)
				}
			})
		},
		HCL: func(name string, s *faultScenario) string { return faultScenarioHCL(key, name, s) },
		Holds: func(t *testing.T, name, _ string, want *faultScenario) {
			assertScenarioHolds(t, key, name, want)
			if want != nil {
				if ids := testScenarioIDs(t, key, name); len(ids) == 1 && ids[0] != name {
					t.Errorf("the scenario's id is %s, want the one DSS derives from its name, %s", ids[0], name)
				}
			}
		},
	}, []acctest.FaultRow[faultScenario]{
		{Call: post, Fault: acctest.FaultDropAfter, Op: op{Target: base, Creates: []string{routeCreate}}, MayFail: false},
		{Call: post, Fault: acctest.Fault502After, Op: op{Target: base, Creates: []string{routeCreate}}, MayFail: false},
		{Call: light, Fault: acctest.Fault429, Op: op{Setup: base, Target: updated}, MayFail: false},
	})
}
