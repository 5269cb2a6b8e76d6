package project_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// expectTriggersSettled fails when a planned trigger that is in the prior
// state, unchanged, has an attribute unknown or different from the state:
// the triggers named by their position before (from) and after (to) the
// change.
type expectTriggersSettled struct {
	addr  string
	moves map[int]int // state index -> planned index
}

func (e expectTriggersSettled) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != e.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		unknown, _ := rc.Change.AfterUnknown.(map[string]any)
		bt, _ := before["triggers"].([]any)
		at, _ := after["triggers"].([]any)
		ut, _ := unknown["triggers"].([]any)
		var problems []string
		for from, to := range e.moves {
			if from >= len(bt) || to >= len(at) {
				problems = append(problems, fmt.Sprintf("no trigger %d before or %d after", from, to))
				continue
			}
			b, _ := bt[from].(map[string]any)
			a, _ := at[to].(map[string]any)
			var u map[string]any
			if to < len(ut) {
				u, _ = ut[to].(map[string]any)
			}
			for k, v := range b {
				if isUnknown, _ := u[k].(bool); isUnknown {
					problems = append(problems, fmt.Sprintf("triggers[%d].%s is (known after apply), was %v", to, k, v))
				} else if !reflect.DeepEqual(a[k], v) {
					problems = append(problems, fmt.Sprintf("triggers[%d].%s changes from %v to %v", to, k, v, a[k]))
				}
			}
		}
		if len(problems) > 0 {
			resp.Error = fmt.Errorf("%s: unchanged triggers do not keep their values:\n%s", e.addr, strings.Join(problems, "\n"))
		}
		return
	}
	resp.Error = fmt.Errorf("%s not in the plan", e.addr)
}

// TestAccScenario_triggerListChanges: adding a trigger, changing one and
// removing the last, then removing the first, leaves the other triggers'
// values as they are in the plan (none of them "known after apply"), and
// the plans after each apply are empty.
func TestAccScenario_triggerListChanges(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCT")
	weekly := `{ type = "temporal", name = "weekly", frequency = "Weekly", days_of_week = ["Monday"], hour = 6 }`
	monthly := `{ type = "temporal", name = "monthly", frequency = "Monthly", monthly_run_on = "ON_THE_DAY", hour = 1 }`
	modified := `{ type = "dataset_modified", name = "on orders", datasets = [dataiku_dataset.orders.name] }`
	daily := `{ type = "temporal", name = "daily", frequency = "Daily", hour = 3 }`
	body := func(triggers ...string) string {
		return "  triggers = [\n    " + strings.Join(triggers, ",\n    ") + ",\n  ]\n"
	}
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testAccCheckScenariosDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{Config: testAccScenarioConfig(key, "step_based", body(weekly, monthly, modified))},
		{
			Config: testAccScenarioConfig(key, "step_based", body(weekly, monthly, modified, daily)),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				expectTriggersSettled{addr: testScenarioAddr, moves: map[int]int{0: 0, 1: 1, 2: 2}},
			}},
		},
		{
			// One trigger changes, the last goes: the others stay as they are.
			Config: testAccScenarioConfig(key, "step_based", body(weekly, strings.Replace(monthly, "hour = 1", "hour = 5", 1), modified)),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				expectTriggersSettled{addr: testScenarioAddr, moves: map[int]int{0: 0, 2: 2}},
			}},
		},
		{
			// The first trigger goes and one is added: the others move up
			// and keep their values (they are paired by name).
			Config: testAccScenarioConfig(key, "step_based", body(strings.Replace(monthly, "hour = 1", "hour = 5", 1), modified, daily)),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				expectTriggersSettled{addr: testScenarioAddr, moves: map[int]int{1: 0, 2: 1}},
			}},
		},
	})
}

// TestMatchItems: the pairing of planned triggers and steps with the
// existing ones they are written over.
func TestMatchItems(t *testing.T) {
	k := func(typ, name string) project.PairKey { return project.PairKey{Typ: typ, Name: name} }
	ks := func(keys ...project.PairKey) []project.PairKey { return keys }
	cases := []struct {
		name              string
		planned, existing []project.PairKey
		want              []int
	}{
		{"same list", ks(k("temporal", "a"), k("temporal", "")), ks(k("temporal", "a"), k("temporal", "")), []int{0, 1}},
		{"first removed", ks(k("temporal", "b"), k("ds_modified", "c")), ks(k("temporal", "a"), k("temporal", "b"), k("ds_modified", "c")), []int{1, 2}},
		{"inserted first", ks(k("temporal", "new"), k("temporal", "a")), ks(k("temporal", "a")), []int{-1, 0}},
		{"renamed in place", ks(k("temporal", "b")), ks(k("temporal", "a")), []int{0}},
		{"type changed", ks(k("ds_modified", "a")), ks(k("temporal", "a")), []int{-1}},
		{"names repeat: in order", ks(k("temporal", "x"), k("temporal", "x")), ks(k("temporal", "x"), k("temporal", "x")), []int{0, 1}},
		{"unnamed: in order", ks(k("temporal", ""), k("temporal", "")), ks(k("temporal", "")), []int{0, -1}},
		{"unknown type", ks(project.PairKey{}), ks(k("temporal", "")), []int{-1}},
		// Steps: the cases the pairing by position got wrong.
		{"named steps reordered", ks(k("run_scenario", "b"), k("check_dataset", "a")), ks(k("check_dataset", "a"), k("run_scenario", "b")), []int{1, 0}},
		{
			"named step of the same type inserted first",
			ks(k("set_project_vars", "new"), k("set_project_vars", "set vars"), k("send_report", "Export reports")),
			ks(k("set_project_vars", "set vars"), k("send_report", "Export reports")), []int{-1, 0, 1},
		},
		{
			"unnamed step inserted first, before unnamed steps of other types",
			ks(k("send_report", ""), k("build_flowitem", ""), k("send_report", "")),
			ks(k("build_flowitem", ""), k("send_report", "")), []int{-1, 0, 1},
		},
		{
			"unnamed step removed first, before unnamed steps of other types",
			ks(k("build_flowitem", ""), k("send_report", "")),
			ks(k("send_report", ""), k("build_flowitem", ""), k("send_report", "")), []int{1, 2},
		},
		{
			"the only unnamed step of its type moved past named ones",
			ks(k("run_scenario", ""), k("build_flowitem", "b"), k("check_dataset", "c")),
			ks(k("build_flowitem", "b"), k("check_dataset", "c"), k("run_scenario", "")), []int{2, 0, 1},
		},
		{
			"unnamed step looked for between the same named neighbours",
			ks(k("run_scenario", "n"), k("build_flowitem", "")),
			ks(k("build_flowitem", ""), k("run_scenario", "n"), k("build_flowitem", "")), []int{1, 2},
		},
		{
			"a new named step is not written over a removed one on the other side of a named step",
			ks(k("run_scenario", "b"), k("build_flowitem", "c")),
			ks(k("build_flowitem", "a"), k("run_scenario", "b")), []int{1, -1},
		},
		{
			"the same name first among the unpaired",
			ks(k("build_flowitem", "x"), k("build_flowitem", "x")),
			ks(k("build_flowitem", "other"), k("build_flowitem", "x"), k("build_flowitem", "x")), []int{1, 2},
		},
		{
			"first of two same-named steps removed: in order, the second takes the first's place",
			ks(k("build_flowitem", "Build")),
			ks(k("build_flowitem", "Build"), k("build_flowitem", "Build")), []int{0},
		},
	}
	for _, tc := range cases {
		if got := project.MatchItems(tc.planned, tc.existing); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: MatchItems = %v, want %v", tc.name, got, tc.want)
		}
	}
}
