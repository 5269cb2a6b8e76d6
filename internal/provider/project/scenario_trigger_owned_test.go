package project

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// testTemporalTrigger is the seeded CLASSIC project's Friday trigger as a
// real DSS holds it, its lastUpdate at updated.
func testTemporalTrigger(t *testing.T, updated string) []dss.ScenarioTrigger {
	t.Helper()
	var cur []dss.ScenarioTrigger
	if err := json.Unmarshal([]byte(`[{"id": "tRkX7aQp", "type": "temporal", "name": "Every Friday night", "delay": 5, "active": true,
	  "params": {"frequency": "Weekly", "repeatFrequency": 1, "startingFrom": "2021-11-21T11:48:00.000Z", "daysOfWeek": ["Friday"],
	             "monthlyRunOn": "ON_THE_DAY", "hour": 2, "minute": 30, "timezone": "SERVER", "lastUpdate": `+updated+`, "customKey": "x"},
	  "graceDelaySettings": {"checkAgainAfterGraceDelay": false, "delay": 0}}]`), &cur); err != nil {
		t.Fatal(err)
	}
	return cur
}

func testReadTriggers(t *testing.T, cur []dss.ScenarioTrigger, prior []ScenarioTriggerModel, whole bool) []ScenarioTriggerModel {
	t.Helper()
	l, d := triggersFromDSS(context.Background(), "CLASSIC", cur, prior, whole)
	if d.HasError() {
		t.Fatal(d)
	}
	got, d := objectListElems[ScenarioTriggerModel](context.Background(), l)
	if d.HasError() {
		t.Fatal(d)
	}
	return got
}

// An import reads a temporal trigger's params without lastUpdate, the
// timestamp DSS maintains: dss-adopt's configuration would copy it, and
// Terraform would then write DSS's old value back.
func TestTriggerImportLeavesLastUpdateOut(t *testing.T) {
	got := testReadTriggers(t, testTemporalTrigger(t, "1638000000000"), nil, true)
	if p := got[0].Params.ValueString(); p != `{"customKey":"x"}` {
		t.Errorf("imported params %s, want only customKey", p)
	}
}

// A prior (a configuration of an earlier dss-adopt) that writes lastUpdate
// reads back its own value whatever DSS moved it to: no change to plan.
func TestTriggerPriorLastUpdateReadsAsWritten(t *testing.T) {
	written := `{"customKey":"x","lastUpdate":1638000000000}`
	prior := []ScenarioTriggerModel{testTrigger("temporal", "Every Friday night", written)}
	got := testReadTriggers(t, testTemporalTrigger(t, "1767225600000"), prior, false)
	if p := got[0].Params.ValueString(); p != written {
		t.Errorf("params read %s, want the prior's %s", p, written)
	}
}

// A write never sends lastUpdate nor removes it: DSS's value stays, when
// the plan writes another value and when the plan stops writing it.
func TestApplyTriggersKeepsDSSLastUpdate(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ name, plan, prior string }{
		{"written with an old value", `{"customKey":"y","lastUpdate":1638000000000}`, `{"customKey":"x","lastUpdate":1638000000000}`},
		{"no longer written", `{"customKey":"y"}`, `{"customKey":"x","lastUpdate":1638000000000}`},
		{"never written", `{"customKey":"y"}`, ``},
	} {
		plan := testTrigger("temporal", "Every Friday night", c.plan)
		plan.Frequency = types.StringValue("Weekly")
		out, d := ApplyTriggers(ctx, "CLASSIC", []ScenarioTriggerModel{plan},
			[]ScenarioTriggerModel{testTrigger("temporal", "Every Friday night", c.prior)}, testTemporalTrigger(t, "1767225600000"))
		if d.HasError() {
			t.Fatal(d)
		}
		if got, _ := json.Marshal(out[0].Params["lastUpdate"]); string(got) != "1767225600000" {
			t.Errorf("%s: DSS's lastUpdate became %s", c.name, got)
		}
		if got := out[0].Params["customKey"]; got != "y" {
			t.Errorf("%s: customKey %v, want y", c.name, got)
		}
	}
}
