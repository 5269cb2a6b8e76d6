package project

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// testReadParams is each item's params as the read gives them ("" null).
func testReadParams(t *testing.T, params []jsontypes.Normalized) []string {
	t.Helper()
	out := make([]string, len(params))
	for i, p := range params {
		if p.IsNull() {
			continue
		}
		obj, err := kit.DecodeJSONObject(p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(obj)
		out[i] = string(b)
	}
	return out
}

func testStepsRead(t *testing.T, cur []dss.ScenarioStep, prior []scenarioStepModel) []string {
	t.Helper()
	l, d := stepsFromDSS(context.Background(), cur, prior, false)
	if d.HasError() {
		t.Fatal(d)
	}
	steps, d := objectListElems[scenarioStepModel](context.Background(), l)
	if d.HasError() {
		t.Fatal(d)
	}
	params := make([]jsontypes.Normalized, len(steps))
	for i, s := range steps {
		params[i] = s.Params
	}
	return testReadParams(t, params)
}

// stepsFromDSS cuts each step DSS holds to the params keys of the prior
// step it is (as a write pairs them), not of the prior step at its index:
// after a reorder made in DSS's UI, each step shows its own keys. By
// index, a step of another type read as null params and a step of the
// same type was cut to its neighbour's keys.
func TestStepsFromDSSPairsAsTheWrite(t *testing.T) {
	build := testStepModel("build_flowitem", "Build orders", `{"builds": [{"type": "DATASET", "itemId": "orders", "partitionsSpec": ""}]}`)
	buildB := testStepModel("build_flowitem", "Build customers", `{"jobType": "RECURSIVE_BUILD"}`)
	check := testStepModel("check_dataset", "Check orders", `{"proceedOnFailure": false}`)
	const (
		buildDSS  = `{"id": "build_0", "type": "build_flowitem", "name": "Build orders", "runConditionType": "RUN_IF_STATUS_MATCH", "params": {"builds": [{"type": "DATASET", "itemId": "orders", "partitionsSpec": ""}], "jobType": "NON_RECURSIVE_FORCED_BUILD"}}`
		buildBDSS = `{"id": "build_1", "type": "build_flowitem", "name": "Build customers", "params": {"builds": [{"type": "DATASET", "itemId": "customers", "partitionsSpec": ""}], "jobType": "RECURSIVE_BUILD"}}`
		checkDSS  = `{"id": "check orders", "type": "check_dataset", "name": "Check orders", "params": {"checks": [], "proceedOnFailure": false}}`
	)
	buildOwn := `{"builds":[{"itemId":"orders","partitionsSpec":"","type":"DATASET"}]}`
	cases := []struct {
		name  string
		cur   string
		prior []scenarioStepModel
		want  []string
	}{
		{"types reordered", `[` + checkDSS + `,` + buildDSS + `]`, []scenarioStepModel{build, check},
			[]string{`{"proceedOnFailure":false}`, buildOwn}},
		{"same type reordered", `[` + buildBDSS + `,` + buildDSS + `]`, []scenarioStepModel{build, buildB},
			[]string{`{"jobType":"RECURSIVE_BUILD"}`, buildOwn}},
		{"renamed in place", `[` + checkDSS + `,` + buildDSS + `]`,
			[]scenarioStepModel{testStepModel("check_dataset", "Old name", `{"proceedOnFailure": false}`), build},
			[]string{`{"proceedOnFailure":false}`, buildOwn}},
		{"two unnamed of one type, in order",
			`[{"id": "a", "type": "run_scenario", "name": "", "params": {"scenarioId": "A", "projectKey": null}},
			  {"id": "b", "type": "run_scenario", "name": "", "params": {"scenarioId": "B", "projectKey": null}}]`,
			[]scenarioStepModel{testStepModel("run_scenario", "", `{"scenarioId": "A"}`), testStepModel("run_scenario", "", `{"projectKey": null}`)},
			[]string{`{"scenarioId":"A"}`, `{"projectKey":null}`}},
	}
	for _, tc := range cases {
		got := testStepsRead(t, testSteps(t, tc.cur), tc.prior)
		if len(got) != len(tc.want) {
			t.Fatalf("%s: read %d steps, want %d", tc.name, len(got), len(tc.want))
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: step %d params read %s, want %s", tc.name, i, got[i], tc.want[i])
			}
		}
	}
}

func testTrigger(typ, name, params string) ScenarioTriggerModel {
	p := jsontypes.NewNormalizedNull()
	if params != "" {
		p = jsontypes.NewNormalizedValue(params)
	}
	return ScenarioTriggerModel{Type: types.StringValue(typ), Name: types.StringValue(name), Active: types.BoolValue(true),
		Frequency: types.StringNull(), RepeatFrequency: types.Int64Null(), Hour: types.Int64Null(), Minute: types.Int64Null(),
		DaysOfWeek: types.ListNull(types.StringType), MonthlyRunOn: types.StringNull(), Timezone: types.StringNull(),
		StartingFrom: types.StringNull(), Datasets: types.ListNull(types.StringType), Params: p}
}

// triggersFromDSS pairs as stepsFromDSS: after a reorder in DSS's UI a
// temporal trigger keeps its own params keys, and a ds_modified trigger
// whose prior wrote watches in params reads them there (datasets null) as
// its prior says, where by index it read datasets against a temporal
// trigger and its params as null.
func TestTriggersFromDSSPairsAsTheWrite(t *testing.T) {
	ctx := context.Background()
	var cur []dss.ScenarioTrigger
	if err := json.Unmarshal([]byte(`[
	  {"id": "t2", "type": "ds_modified", "name": "on orders", "active": true, "delay": 900,
	   "params": {"watches": [{"type": "DATASET", "itemId": "orders", "partitionsSpec": ""}], "triggerWhenAllFire": false}},
	  {"id": "t1", "type": "temporal", "name": "nightly", "active": true, "delay": 5,
	   "params": {"frequency": "Daily", "repeatFrequency": 1, "startingFrom": "2026-01-01", "daysOfWeek": ["Friday"], "monthlyRunOn": "ON_THE_DAY",
	              "hour": 2, "minute": 0, "timezone": "SERVER", "lastUpdate": 1767225600000, "customKey": "kept"}},
	  {"id": "t3", "type": "temporal", "name": "weekly", "active": true,
	   "params": {"frequency": "Weekly", "hour": 6, "minute": 30, "timezone": "SERVER", "otherKey": 2}}
	]`), &cur); err != nil {
		t.Fatal(err)
	}
	prior := []ScenarioTriggerModel{
		testTrigger("temporal", "weekly", `{"otherKey": 2}`),
		testTrigger("temporal", "nightly", `{"customKey": "kept"}`),
		testTrigger("dataset_modified", "on orders", `{"watches": [{"type": "DATASET", "itemId": "orders", "partitionsSpec": ""}]}`),
	}
	l, d := triggersFromDSS(ctx, "SALES", cur, prior, false)
	if d.HasError() {
		t.Fatal(d)
	}
	got, d := objectListElems[ScenarioTriggerModel](ctx, l)
	if d.HasError() {
		t.Fatal(d)
	}
	params := make([]jsontypes.Normalized, len(got))
	for i, tr := range got {
		params[i] = tr.Params
	}
	want := []string{`{"watches":[{"itemId":"orders","partitionsSpec":"","type":"DATASET"}]}`, `{"customKey":"kept"}`, `{"otherKey":2}`}
	for i, p := range testReadParams(t, params) {
		if p != want[i] {
			t.Errorf("trigger %d (%s) params read %s, want %s", i, got[i].Name.ValueString(), p, want[i])
		}
	}
	if !got[0].Datasets.IsNull() {
		t.Errorf("the ds_modified trigger's prior writes watches in params, yet datasets read %v", got[0].Datasets)
	}
}
