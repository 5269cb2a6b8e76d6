package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The fault matrix for scenarios: the creation POST, a read, the
// settings PUT, the light call that toggles active and the delete each
// meet a failure, and whatever the faulty apply does, the next one
// converges to the configuration with an empty plan and exactly one
// scenario of the name in DSS.

type faultScenario struct {
	Name   string
	Hour   int
	Active bool
}

func faultScenarioHCL(key string, prov faultProvider, s *faultScenario) string {
	var b strings.Builder
	b.WriteString(cliRequiredProviders)
	b.WriteString(prov.hcl())
	if s == nil {
		return b.String()
	}
	fmt.Fprintf(&b, `
resource "dataiku_scenario" "s" {
  project_key = %q
  name        = %q
  type        = "step_based"
  active      = %t
  triggers    = [{ type = "temporal", frequency = "Daily", hour = %d }]
  steps       = [{ type = "build_flowitem", params = jsonencode({ builds = [{ type = "DATASET", itemId = "orders" }] }) }]
}
`, key, s.Name, s.Active, s.Hour)
	return b.String()
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
	testAccPreCheck(t)
	em := requireEmulator(t)
	key := testProjectKey("FLT_SC")
	c := testScenarioProject(t, key)

	base := func(name string) *faultScenario { return &faultScenario{Name: name, Hour: 2} }
	updated := func(name string) *faultScenario { return &faultScenario{Name: name, Hour: 5, Active: true} }
	const routeCreate = "POST /public/api/projects/{projectKey}/scenarios"
	type call struct{ name, method, path string }
	var (
		post  = call{"create", "POST", `/projects/` + key + `/scenarios$`}
		get   = call{"read", "GET", `/projects/` + key + `/scenarios/%s$`}
		put   = call{"update", "PUT", `/projects/` + key + `/scenarios/%s$`}
		light = call{"toggle active", "PUT", `/projects/` + key + `/scenarios/%s/light$`}
		del   = call{"delete", "DELETE", `/projects/` + key + `/scenarios/%s$`}
	)
	type op struct {
		setup, target func(string) *faultScenario
		creates       []string
	}
	cases := []struct {
		call    call
		fault   faultKind
		op      op
		mayFail bool
	}{
		{post, faultDropAfter, op{target: base, creates: []string{routeCreate}}, false},
		{post, fault502After, op{target: base, creates: []string{routeCreate}}, false},
		{get, fault502, op{setup: base, target: base}, false},
		{put, fault503, op{setup: base, target: updated}, false},
		{light, fault429, op{setup: base, target: updated}, false},
		{put, faultDown503, op{setup: base, target: updated}, true},
		{del, faultDropAfter, op{setup: base}, false},
	}
	env := []string{"DATAIKU_HOST=" + testHost, "DATAIKU_API_KEY=" + testAPIKey}
	secrets := keyForms(testAPIKey)
	injected, failedFirst := 0, 0
	start := time.Now()
	for i, tc := range cases {
		name := fmt.Sprintf("flt_sc_%02d", i)
		id := name // the id DSS derives from the name
		t.Run(fmt.Sprintf("%s/%s/%s", name, tc.call.name, tc.fault.name), func(t *testing.T) {
			defer em.Server.ClearFaults()
			t.Cleanup(func() {
				for _, id := range testScenarioIDs(t, key, name) {
					_ = c.DeleteScenario(context.Background(), key, id)
				}
			})
			dir := newTerraformDir(t, nil)
			write := func(s *faultScenario, prov faultProvider) {
				if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(faultScenarioHCL(key, prov, s)), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var target *faultScenario
			if tc.op.target != nil {
				target = tc.op.target(name)
			}
			if tc.op.setup != nil {
				write(tc.op.setup(name), faultProvider{})
				mustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color")
			}
			rule := tc.fault.rule
			rule.Method, rule.PathRegex = tc.call.method, tc.call.path
			if strings.Contains(rule.PathRegex, "%s") {
				rule.PathRegex = fmt.Sprintf(rule.PathRegex, id)
			}
			if runFaultCase(t, em, dir, env, secrets, faultCase{rule: rule, prov: tc.fault.prov, mayFail: tc.mayFail,
				creates: tc.op.creates, clearError: faultScenarioClearError, write: func(prov faultProvider) { write(target, prov) }}) {
				failedFirst++
			}
			injected++
			assertScenarioHolds(t, key, name, target)
			if target != nil {
				if ids := testScenarioIDs(t, key, name); len(ids) == 1 && ids[0] != id {
					t.Errorf("the scenario's id is %s, want the one DSS derives from its name, %s", ids[0], id)
				}
			}
		})
	}
	t.Logf("scenario faults injected: %d (%d cases); first applies that failed with a clear error: %d; converged: %t; wall time %s",
		injected, len(cases), failedFirst, !t.Failed(), time.Since(start).Round(time.Second))
}
