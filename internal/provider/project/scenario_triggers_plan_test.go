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

func TestMatchTriggers(t *testing.T) {
	k := func(typ, name string) project.TriggerKey { return project.TriggerKey{Typ: typ, Name: name} }
	cases := []struct {
		name              string
		planned, existing []project.TriggerKey
		want              []int
	}{
		{"same list", []project.TriggerKey{k("temporal", "a"), k("temporal", "")}, []project.TriggerKey{k("temporal", "a"), k("temporal", "")}, []int{0, 1}},
		{"first removed", []project.TriggerKey{k("temporal", "b"), k("ds_modified", "c")}, []project.TriggerKey{k("temporal", "a"), k("temporal", "b"), k("ds_modified", "c")}, []int{1, 2}},
		{"inserted first", []project.TriggerKey{k("temporal", "new"), k("temporal", "a")}, []project.TriggerKey{k("temporal", "a")}, []int{-1, 0}},
		{"renamed in place", []project.TriggerKey{k("temporal", "b")}, []project.TriggerKey{k("temporal", "a")}, []int{0}},
		{"type changed", []project.TriggerKey{k("ds_modified", "a")}, []project.TriggerKey{k("temporal", "a")}, []int{-1}},
		{"names repeat: by position", []project.TriggerKey{k("temporal", "x"), k("temporal", "x")}, []project.TriggerKey{k("temporal", "x"), k("temporal", "x")}, []int{0, 1}},
		{"unnamed: by position", []project.TriggerKey{k("temporal", ""), k("temporal", "")}, []project.TriggerKey{k("temporal", "")}, []int{0, -1}},
		{"unknown type", []project.TriggerKey{{}}, []project.TriggerKey{k("temporal", "")}, []int{-1}},
	}
	for _, tc := range cases {
		if got := project.MatchTriggers(tc.planned, tc.existing); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: matchTriggers = %v, want %v", tc.name, got, tc.want)
		}
	}
}
