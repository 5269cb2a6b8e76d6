package project

import (
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// TestMergeReporterSecretsFollowsStepIDs: a send_report step keeps the
// credentials DSS holds for the step it is written over, found by its id.
// With two webhook steps, removing the first gave the second the first's
// URL, by index.
func TestMergeReporterSecretsFollowsStepIDs(t *testing.T) {
	held := testSteps(t, `[
	  {"id": "hook1", "type": "send_report", "name": "Tell ops", "params": {"messaging": {"type": "webhook-scenario", "configuration": {"url": "https://hooks.example.invalid/OPS", "message": "a"}}}},
	  {"id": "hook2", "type": "send_report", "name": "Tell the channel", "params": {"messaging": {"type": "webhook-scenario", "configuration": {"url": "https://hooks.example.invalid/CHANNEL", "message": "b"}}}}
	]`)
	channel := testStepModel("send_report", "Tell the channel", `{"messaging": {"type": "webhook-scenario", "configuration": {"message": "b"}}}`)
	prior := []scenarioStepModel{
		testStepModel("send_report", "Tell ops", `{"messaging": {"type": "webhook-scenario", "configuration": {"message": "a"}}}`), channel,
	}
	steps, diags := applySteps([]scenarioStepModel{channel}, prior, testSteps(t, `[
	  {"id": "hook1", "type": "send_report", "name": "Tell ops", "params": {"messaging": {"type": "webhook-scenario", "configuration": {"url": "https://hooks.example.invalid/OPS", "message": "a"}}}},
	  {"id": "hook2", "type": "send_report", "name": "Tell the channel", "params": {"messaging": {"type": "webhook-scenario", "configuration": {"url": "https://hooks.example.invalid/CHANNEL", "message": "b"}}}}
	]`))
	if diags.HasError() {
		t.Fatal(diags)
	}
	diags.Append(mergeReporterSecrets(nil, nil, steps, held, nil)...)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if got := dss.ReporterConfiguration(steps[0].Params)["url"]; steps[0].ID != "hook2" || got != "https://hooks.example.invalid/CHANNEL" {
		t.Errorf("the remaining step is %q with url %v, want hook2 with its own url", steps[0].ID, got)
	}
	// A new step takes no step's credentials.
	fresh := []dss.ScenarioStep{{Type: "send_report", Params: dss.Object{"messaging": map[string]any{"type": "webhook-scenario", "configuration": map[string]any{"message": "c"}}}}}
	diags.Append(mergeReporterSecrets(nil, nil, fresh, held, nil)...)
	if got, ok := dss.ReporterConfiguration(fresh[0].Params)["url"]; ok || diags.HasError() {
		t.Errorf("a new step took url %v (%v)", got, diags)
	}
}
