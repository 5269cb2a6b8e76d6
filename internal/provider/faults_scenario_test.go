package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"
)

// The fault matrix for scenarios: the creation POST, a read, the
// settings PUT, the light call that toggles active and the delete each
// meet a failure, and whatever the faulty apply does, the next one
// converges to the configuration with an empty plan and exactly one
// scenario of the name in DSS.

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
	ids := testScenarioIDs(t, key, name)
	switch {
	case want == nil && len(ids) != 0:
		t.Errorf("scenarios named %s left after destroy: %v", name, ids)
	case want != nil && len(ids) != 1:
		t.Errorf("scenarios named %s in DSS: %v, want exactly 1", name, ids)
	case want != nil:
		s := testScenario(t, key, ids[0])
		if s.Active != want.Active || len(s.Triggers) != 1 || fmt.Sprint(s.Triggers[0].Params["hour"]) != fmt.Sprint(want.Hour) {
			t.Errorf("scenario %s in DSS: active %t, triggers %+v; want active %t, hour %d", ids[0], s.Active, s.Triggers, want.Active, want.Hour)
		}
	}
}

var faultScenarioClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_scenario "[^"]+"`)

func TestAccFaultsScenarioConverge(t *testing.T) {
	testAccParallel(t)
	testAccPreCheck(t)
	requireEmulator(t)
	key := testProjectKey("FLT_SC")
	c := testScenarioProject(t, key)

	base := &faultScenario{Hour: 2}
	updated := &faultScenario{Hour: 5, Active: true}
	const routeCreate = "POST /public/api/projects/{projectKey}/scenarios"
	// %s is the case's name, which is also the id DSS derives from it.
	var (
		post  = faultCall{"create", "POST", `/projects/` + key + `/scenarios$`}
		get   = faultCall{"read", "GET", `/projects/` + key + `/scenarios/%s$`}
		put   = faultCall{"update", "PUT", `/projects/` + key + `/scenarios/%s$`}
		light = faultCall{"toggle active", "PUT", `/projects/` + key + `/scenarios/%s/light$`}
		del   = faultCall{"delete", "DELETE", `/projects/` + key + `/scenarios/%s$`}
	)
	type op = faultOp[faultScenario]
	runFaultMatrix(t, faultMatrix[faultScenario]{
		what:       "scenario",
		name:       func(i int) string { return fmt.Sprintf("flt_sc_%02d", i) },
		clearError: faultScenarioClearError,
		prepare: func(t *testing.T, name string) {
			t.Cleanup(func() {
				for _, id := range testScenarioIDs(t, key, name) {
					_ = c.DeleteScenario(context.Background(), key, id)
				}
			})
		},
		hcl: func(name string, s *faultScenario) string { return faultScenarioHCL(key, name, s) },
		holds: func(t *testing.T, name, _ string, want *faultScenario) {
			assertScenarioHolds(t, key, name, want)
			if want != nil {
				if ids := testScenarioIDs(t, key, name); len(ids) == 1 && ids[0] != name {
					t.Errorf("the scenario's id is %s, want the one DSS derives from its name, %s", ids[0], name)
				}
			}
		},
	}, []faultRow[faultScenario]{
		{post, faultDropAfter, op{target: base, creates: []string{routeCreate}}, false},
		{post, fault502After, op{target: base, creates: []string{routeCreate}}, false},
		{get, fault502, op{setup: base, target: base}, false},
		{put, fault503, op{setup: base, target: updated}, false},
		{light, fault429, op{setup: base, target: updated}, false},
		{put, faultDown503, op{setup: base, target: updated}, true},
		{del, faultDropAfter, op{setup: base}, false},
	})
}
