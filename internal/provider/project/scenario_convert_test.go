package project_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

func TestScenarioTriggerTypeNames(t *testing.T) {
	for provider, wire := range map[string]string{
		"temporal": "temporal", "dataset_modified": "ds_modified", "follow_scenario": "follow_scenariorun", "dss:pytrigger_x": "pytrigger_x",
	} {
		if got := project.TriggerWireType(provider); got != wire {
			t.Errorf("triggerWireType(%q) = %q, want %q", provider, got, wire)
		}
		if got := project.TriggerProviderType(wire); got != provider {
			t.Errorf("triggerProviderType(%q) = %q, want %q", wire, got, provider)
		}
	}
}

func TestScenarioImportIdentity(t *testing.T) {
	attrs, err := project.ScenarioAddress.ImportIdentity("SALES.Nightly_build")
	if err != nil || attrs.ID != "Nightly_build" || attrs.Project != "SALES" {
		t.Fatalf("got %v %v", attrs, err)
	}
	// Ids DSS was given at creation or wrote in another version import
	// too (internal/dss/names ScenarioIDPattern).
	for _, ok := range []string{"SALES.CHECKMODELDRIFT", "SALES.check-drift", "SALES.a.b"} {
		if _, err := project.ScenarioAddress.ImportIdentity(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "SALES", "SALES.", "SALES. ", "SA-LES.x", "SALES.a/b"} {
		if _, err := project.ScenarioAddress.ImportIdentity(bad); err == nil || !strings.Contains(err.Error(), "PROJECT_KEY.scenario_id") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// A trigger at the same index and of the same type keeps its id, the
// fields DSS added and the params keys not written; a params key the
// configuration stops writing is removed.
func TestScenarioApplyTriggersKeepsDSSFields(t *testing.T) {
	ctx := context.Background()
	var cur []dss.ScenarioTrigger
	if err := json.Unmarshal([]byte(`[{"id":"t1","type":"temporal","name":"","active":true,"delay":5,
		"params":{"frequency":"Daily","hour":2,"timezone":"SERVER","custom":1,"old":true}}]`), &cur); err != nil {
		t.Fatal(err)
	}
	days := types.ListNull(types.StringType)
	trig := func(hour int64, params string) project.ScenarioTriggerModel {
		p := jsontypes.NewNormalizedNull()
		if params != "" {
			p = jsontypes.NewNormalizedValue(params)
		}
		return project.ScenarioTriggerModel{Type: types.StringValue("temporal"), Name: types.StringValue("n"), Active: types.BoolValue(false),
			Frequency: types.StringValue("Hourly"), Hour: types.Int64Value(hour), RepeatFrequency: types.Int64Unknown(), Minute: types.Int64Null(),
			DaysOfWeek: days, MonthlyRunOn: types.StringNull(), Timezone: types.StringUnknown(), StartingFrom: types.StringNull(),
			Datasets: types.ListNull(types.StringType), Params: p}
	}
	out, d := project.ApplyTriggers(ctx, "SALES", []project.ScenarioTriggerModel{trig(5, `{"extra":"x"}`)}, []project.ScenarioTriggerModel{trig(2, `{"old":true}`)}, cur)
	if d.HasError() {
		t.Fatal(d)
	}
	b, _ := json.Marshal(out)
	got := string(b)
	for _, want := range []string{`"id":"t1"`, `"delay":5`, `"frequency":"Hourly"`, `"hour":5`, `"timezone":"SERVER"`, `"custom":1`, `"extra":"x"`, `"active":false`, `"name":"n"`} {
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %s", got, want)
		}
	}
	if strings.Contains(got, `"old"`) {
		t.Errorf("a params key no longer written stayed: %s", got)
	}
}

// dataset_modified's datasets are DSS's watches: written as watches (a
// foreign dataset with its projectKey, the scenario's own project's without),
// the key of earlier provider versions removed; watches that already name
// the planned datasets are left exactly as DSS holds them.
func TestScenarioApplyTriggersWritesWatches(t *testing.T) {
	ctx := context.Background()
	trig := func(datasets ...string) project.ScenarioTriggerModel {
		l, _ := types.ListValueFrom(ctx, types.StringType, datasets)
		return project.ScenarioTriggerModel{Type: types.StringValue("dataset_modified"), Name: types.StringValue("n"), Active: types.BoolValue(true),
			Frequency: types.StringNull(), Hour: types.Int64Null(), RepeatFrequency: types.Int64Null(), Minute: types.Int64Null(),
			DaysOfWeek: types.ListNull(types.StringType), MonthlyRunOn: types.StringNull(), Timezone: types.StringNull(), StartingFrom: types.StringNull(),
			Datasets: l, Params: jsontypes.NewNormalizedNull()}
	}
	for _, c := range []struct {
		name, cur string
		plan      project.ScenarioTriggerModel
		want      string
	}{
		{"legacy rewritten", `{"datasets":[{"projectKey":"SALES","name":"orders"}],"triggerWhenAllFire":false}`, trig("orders", "OTHER.raw", "SALES.customers"),
			`{"triggerWhenAllFire":false,"watches":[{"itemId":"orders","partitionsSpec":"","type":"DATASET"},{"itemId":"raw","partitionsSpec":"","projectKey":"OTHER","type":"DATASET"},{"itemId":"customers","partitionsSpec":"","type":"DATASET"}]}`},
		{"same datasets kept as held", `{"watches":[{"type":"DATASET","itemId":"orders","projectKey":"SALES"}],"triggerWhenAllFire":true}`, trig("orders"),
			`{"triggerWhenAllFire":true,"watches":[{"itemId":"orders","projectKey":"SALES","type":"DATASET"}]}`},
		{"a folder watch replaced by the datasets written", `{"watches":[{"type":"MANAGED_FOLDER","itemId":"f1","partitionsSpec":""}]}`, trig("orders"),
			`{"watches":[{"itemId":"orders","partitionsSpec":"","type":"DATASET"}]}`},
	} {
		var cur []dss.ScenarioTrigger
		if err := json.Unmarshal([]byte(`[{"type":"ds_modified","name":"n","active":true,"params":`+c.cur+`}]`), &cur); err != nil {
			t.Fatal(err)
		}
		out, d := project.ApplyTriggers(ctx, "SALES", []project.ScenarioTriggerModel{c.plan}, nil, cur)
		if d.HasError() {
			t.Fatal(d)
		}
		if b, _ := json.Marshal(out[0].Params); string(b) != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, b, c.want)
		}
	}
}
