package emulator

import "testing"

// scenarios/CHECKMODELDRIFT.json as an older DSS writes it, with its id
// and a name the id is not derived from.
const fixtureScenario = `{
  "type": "step_based",
  "id": "CHECKMODELDRIFT",
  "projectKey": "OPS",
  "name": "Check model drift",
  "active": false,
  "versionTag": {"versionNumber": 2, "lastModifiedBy": {"login": "jdoe"}, "lastModifiedOn": 1637495280000},
  "checklists": {"checklists": []},
  "delayedTriggersBehavior": {"delayWhileRunning": true, "squashDelayedTriggers": true, "suppressTriggersWhileRunning": true},
  "tags": [],
  "triggers": [{"id": "kQ8wZ2", "type": "temporal", "name": "Time-based", "delay": 5, "active": true,
    "params": {"repeatFrequency": 1, "frequency": "Weekly", "startingFrom": "2021-11-21T11:48:00.000Z", "daysOfWeek": ["Friday"], "monthlyRunOn": "ON_THE_DAY", "hour": 6, "minute": 0, "timezone": "SERVER"}}],
  "reporters": [],
  "params": {"steps": [{"id": "build_0_true_d_scored", "type": "build_flowitem", "name": "Step #1", "runConditionType": "RUN_IF_STATUS_MATCH",
    "runConditionStatuses": ["SUCCESS", "WARNING"], "maxRetriesOnFail": 0, "delayBetweenRetries": 10, "params": {"builds": [], "jobType": "RECURSIVE_BUILD"}}]},
  "automationLocal": false,
  "customFields": {}
}`

func TestRealShapeScenarioIDKept(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "OPS")
	base := dsBase + "OPS/scenarios/"
	r := call(t, u, "POST", base, testAdmin, load(t, fixtureScenario, nil))
	expectOK(t, r)
	if r.obj()["id"] != "CHECKMODELDRIFT" {
		t.Fatalf("the id sent was not kept: %s", r.raw)
	}
	got := call(t, u, "GET", base+"CHECKMODELDRIFT", testAdmin, nil)
	expectOK(t, got)
	if got.obj()["name"] != "Check model drift" || len(got.obj()["triggers"].([]any)) != 1 {
		t.Fatalf("GET: %s", got.raw)
	}
	// The same definition again (create_scenario's docstring suggests
	// copying an existing definition): the id is taken, so DSS's id is
	// derived from the name instead, and the create does not fail.
	r = call(t, u, "POST", base, testAdmin, load(t, fixtureScenario, nil))
	expectOK(t, r)
	if r.obj()["id"] != "Check_model_drift" {
		t.Fatalf("a taken id: %s", r.raw)
	}
	// An id that could not be a path segment is refused.
	bad := load(t, fixtureScenario, map[string]any{"id": "CHECK/DRIFT"})
	expectError(t, call(t, u, "POST", base, testAdmin, bad), 400, ErrTypeIllegalArgument)
	// No id: derived from the name, as before.
	r = call(t, u, "POST", base, testAdmin, map[string]any{"name": "Nightly build", "type": "step_based"})
	if r.obj()["id"] != "Nightly_build" {
		t.Fatalf("no id: %s", r.raw)
	}
}
