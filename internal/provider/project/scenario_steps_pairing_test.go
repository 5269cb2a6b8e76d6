package project

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// testSteps decodes steps as DSS sends them.
func testSteps(t *testing.T, doc string) []dss.ScenarioStep {
	t.Helper()
	var out []dss.ScenarioStep
	if err := json.Unmarshal([]byte(doc), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func testStepModel(typ, name, params string) scenarioStepModel {
	return scenarioStepModel{Type: types.StringValue(typ), Name: types.StringValue(name),
		Params: jsontypes.NewNormalizedValue(params), RunCondition: types.StringNull()}
}

// testStepsJSON is steps as they are written to DSS, decoded.
func testStepsJSON(t *testing.T, steps []dss.ScenarioStep) []map[string]any {
	t.Helper()
	b, err := json.Marshal(steps)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// The seeded CLASSIC project's NIGHTLY steps, the last one disabled and
// with an unknown key.
const testNightlySteps = `[
  {"id": "build_0_true_d_orders_clean", "type": "build_flowitem", "name": "Build clean orders", "runConditionType": "RUN_IF_STATUS_MATCH",
   "runConditionStatuses": ["SUCCESS", "WARNING"], "delayBetweenRetries": 10, "maxRetriesOnFail": 0,
   "params": {"builds": [{"type": "DATASET", "itemId": "orders_clean", "partitionsSpec": ""}], "jobType": "RECURSIVE_BUILD"}},
  {"id": "check orders quality", "type": "check_dataset", "name": "Check clean orders", "runConditionType": "RUN_IF_STATUS_MATCH",
   "runConditionStatuses": ["SUCCESS", "WARNING"], "delayBetweenRetries": 10, "maxRetriesOnFail": 0,
   "params": {"checks": [{"type": "DATASET", "itemId": "orders_clean", "partitionsSpec": ""}], "proceedOnFailure": false}},
  {"id": "run_scenario_null.WEEKLY_REPORT", "type": "run_scenario", "name": "", "runConditionType": "RUN_IF_STATUS_MATCH",
   "runConditionStatuses": ["SUCCESS"], "delayBetweenRetries": 10, "maxRetriesOnFail": 2, "resetScenarioRunOnRetry": true,
   "enabled": false, "alwaysShowComment": true, "futureKey": {"a": 1},
   "params": {"scenarioId": "WEEKLY_REPORT", "projectKey": null}}
]`

// TestApplyStepsPairsMovedSteps: applySteps writes each planned step over
// the DSS step it is (by name, or in order for the unnamed run_scenario
// step), so inserting, removing or reordering steps leaves every other
// step's id and unmodelled fields as they were. By position, removing the
// first step gave the check_dataset step a new id and the run_scenario
// step lost its retries and enabled: false.
func TestApplyStepsPairsMovedSteps(t *testing.T) {
	build := testStepModel("build_flowitem", "Build clean orders", `{"builds": [{"type": "DATASET", "itemId": "orders_clean", "partitionsSpec": ""}]}`)
	check := testStepModel("check_dataset", "Check clean orders", `{"checks": [{"type": "DATASET", "itemId": "orders_clean", "partitionsSpec": ""}]}`)
	run := testStepModel("run_scenario", "", `{"scenarioId": "WEEKLY_REPORT"}`)
	added := testStepModel("run_scenario", "", `{"scenarioId": "PURGE_OLD"}`)
	prior := []scenarioStepModel{build, check, run}
	cases := []struct {
		name    string
		plan    []scenarioStepModel
		wantIDs []string // "" a new step
	}{
		{"first removed", []scenarioStepModel{check, run}, []string{"check orders quality", "run_scenario_null.WEEKLY_REPORT"}},
		{"inserted first", []scenarioStepModel{added, build, check, run}, []string{"", "build_0_true_d_orders_clean", "check orders quality", "run_scenario_null.WEEKLY_REPORT"}},
		{"reordered", []scenarioStepModel{run, build, check}, []string{"run_scenario_null.WEEKLY_REPORT", "build_0_true_d_orders_clean", "check orders quality"}},
	}
	for _, tc := range cases {
		cur := testSteps(t, testNightlySteps)
		before := map[string]map[string]any{}
		for _, s := range testStepsJSON(t, cur) {
			before[s["id"].(string)] = s
		}
		out, diags := applySteps(tc.plan, prior, cur)
		if diags.HasError() {
			t.Fatalf("%s: %v", tc.name, diags)
		}
		got := testStepsJSON(t, out)
		for i, s := range got {
			id, _ := s["id"].(string)
			if id != tc.wantIDs[i] {
				t.Errorf("%s: step %d has id %q, want %q", tc.name, i, id, tc.wantIDs[i])
				continue
			}
			if id == "" {
				continue
			}
			// Written as it was: the configuration writes a subset of
			// params, and nothing else changed.
			if !reflect.DeepEqual(s, before[id]) {
				t.Errorf("%s: step %q changed:\n got %v\nwant %v", tc.name, id, s, before[id])
			}
		}
	}
}
