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
