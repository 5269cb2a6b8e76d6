package emulator

import (
	"encoding/json"
	"testing"
)

const scBase = "/public/api/projects/SC/scenarios/"

func TestScenarioIDDerivation(t *testing.T) {
	taken := map[string]bool{"Nightly_build": true, "Nightly_build_2": true}
	for name, want := range map[string]string{
		"Nightly build": "Nightly_build_3", "daily-refresh": "daily_refresh", "": "SCENARIO", "é": "SCENARIO", "A1": "A1",
	} {
		if got := ScenarioID(name, func(id string) bool { return taken[id] }); got != want {
			t.Errorf("ScenarioID(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestScenarioLifecycle(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "SC")
	// Duplicate names are legal: the second gets a distinct id.
	r1 := call(t, u, "POST", scBase, testAdmin, map[string]any{"name": "Nightly build", "type": "step_based", "params": map[string]any{}})
	expectOK(t, r1)
	r2 := call(t, u, "POST", scBase, testAdmin, map[string]any{"name": "Nightly build", "type": "step_based"})
	expectOK(t, r2)
	if r1.obj()["id"] != "Nightly_build" || r2.obj()["id"] != "Nightly_build_2" {
		t.Fatalf("ids %v and %v", r1.obj()["id"], r2.obj()["id"])
	}
	// A definition copied from another project's scenario, as
	// create_scenario's docstring suggests: taken under this project.
	copied := call(t, u, "POST", scBase, testAdmin, map[string]any{"name": "Copied", "type": "step_based", "projectKey": "OTHER", "id": "COPIED", "params": map[string]any{}})
	expectOK(t, copied)
	if got := call(t, u, "GET", scBase+"COPIED", testAdmin, nil).obj(); got["projectKey"] != "SC" || got["name"] != "Copied" {
		t.Fatalf("a definition copied from project OTHER: %v", got)
	}
	expectOK(t, call(t, u, "DELETE", scBase+"COPIED", testAdmin, nil))
	expectError(t, call(t, u, "POST", scBase, testAdmin, map[string]any{"name": "x", "type": "weird"}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", scBase, testAdmin, map[string]any{"name": " ", "type": "step_based"}), 400, ErrTypeIllegalArgument)

	d := call(t, u, "GET", scBase+"Nightly_build", testAdmin, nil).obj()
	if d["active"] != false || d["projectKey"] != "SC" || len(d["triggers"].([]any)) != 0 {
		t.Fatalf("defaults: %v", d)
	}
	d["triggers"] = []any{map[string]any{"type": "temporal", "params": map[string]any{"frequency": "Daily", "hour": 2}}}
	d["params"] = map[string]any{"steps": []any{map[string]any{"type": "build_flowitem", "name": "build", "params": map[string]any{"builds": []any{}}}}}
	d["futureField"] = map[string]any{"kept": true}
	expectOK(t, call(t, u, "PUT", scBase+"Nightly_build", testAdmin, d))
	d = call(t, u, "GET", scBase+"Nightly_build", testAdmin, nil).obj()
	tr := d["triggers"].([]any)[0].(map[string]any)
	st := d["params"].(map[string]any)["steps"].([]any)[0].(map[string]any)
	if tr["id"] == "" || tr["active"] != true || tr["params"].(map[string]any)["timezone"] != "SERVER" ||
		st["id"] == nil || st["runConditionType"] != "RUN_IF_STATUS_MATCH" || d["futureField"] == nil {
		t.Fatalf("after PUT: %v", d)
	}
	// The type cannot change.
	d["type"] = "custom_python"
	expectError(t, call(t, u, "PUT", scBase+"Nightly_build", testAdmin, d), 400, ErrTypeIllegalArgument)

	// Light settings: active toggles, the name does not.
	light := call(t, u, "GET", scBase+"Nightly_build/light", testAdmin, nil).obj()
	if light["running"] != false || light["active"] != false {
		t.Fatalf("light: %v", light)
	}
	expectOK(t, call(t, u, "PUT", scBase+"Nightly_build/light", testAdmin, map[string]any{"active": true, "name": "renamed"}))
	d = call(t, u, "GET", scBase+"Nightly_build", testAdmin, nil).obj()
	if d["active"] != true || d["name"] != "Nightly build" {
		t.Fatalf("after light PUT: active %v name %v", d["active"], d["name"])
	}

	// The list holds both.
	if l := call(t, u, "GET", scBase, testAdmin, nil).body.([]any); len(l) != 2 {
		t.Fatalf("list: %v", l)
	}
	expectOK(t, call(t, u, "DELETE", scBase+"Nightly_build_2", testAdmin, nil))
	expectError(t, call(t, u, "GET", scBase+"Nightly_build_2", testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "DELETE", scBase+"Nightly_build_2", testAdmin, nil), 404, ErrTypeNotFound)
}

func TestScenarioCustomPythonAndRights(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	expectOK(t, createProject(t, u, "SC", testAdmin, map[string]any{
		"permissions": []any{
			map[string]any{"group": "readers", "readProjectContent": true},
			map[string]any{"group": "team", "readProjectContent": true, "writeProjectContent": true},
		},
	}))
	expectOK(t, call(t, u, "POST", scBase, testAdmin, map[string]any{"name": "py", "type": "custom_python"}))
	expectOK(t, call(t, u, "PUT", scBase+"py/payload", testAdmin, map[string]any{"script": "print(1)"}))
	d := call(t, u, "GET", scBase+"py", testAdmin, nil).obj()
	if _, ok := d[scenarioScriptKey]; ok {
		t.Fatalf("the settings show the script: %v", d)
	}
	d["description"] = "x"
	expectOK(t, call(t, u, "PUT", scBase+"py", testAdmin, d))
	if p := call(t, u, "GET", scBase+"py/payload", testAdmin, nil).obj(); p["script"] != "print(1)" {
		t.Fatalf("the script did not survive a settings PUT: %v", p)
	}
	// carol reads, cannot write; bob writes but cannot set runAsUser.
	expectOK(t, call(t, u, "GET", scBase+"py", testCarol, nil))
	expectError(t, call(t, u, "PUT", scBase+"py/light", testCarol, map[string]any{"active": true}), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "DELETE", scBase+"py", testCarol, nil), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, u, "PUT", scBase+"py", testBob, d))
	d["runAsUser"] = "admin"
	expectError(t, call(t, u, "PUT", scBase+"py", testBob, d), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, u, "PUT", scBase+"py", testAdmin, d))
	expectOK(t, call(t, u, "PUT", scBase+"py", testBob, d)) // keeping the stored value is allowed
	expectError(t, call(t, u, "POST", scBase, testBob, map[string]any{"name": "b", "type": "step_based", "runAsUser": "admin"}), 403, ErrTypeUnauthorized)
}

// TestScenarioDataikuapiShapes replays dataikuapi's scenario calls:
// create_scenario, get_settings/save for both types (the custom-python
// save PUTs {script} only), get_status, get_definition(with_status=True)
// and set_definition, run, get_last_runs and the run_and_wait poll, delete.
func TestScenarioDataikuapiShapes(t *testing.T) {
	rn := startTest(t, testOpts())
	base := rn.URL() + "/dip/publicapi"
	expectOK(t, createProject(t, rn.URL(), "SC", testAdmin, nil))
	py := pyCaller(t, base)
	dumps := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	p := "/projects/SC/scenarios/"
	id := py("POST", p, `{"params": {}, "name": "My scenario", "type": "step_based"}`).obj()["id"].(string)
	s := py("GET", p+id, "").obj()
	s["active"] = true
	s["triggers"] = append(s["triggers"].([]any), map[string]any{"type": "temporal", "active": true, "params": map[string]any{
		"frequency": "Daily", "hour": 2, "minute": 0, "startingFrom": "2026-12-01T00:00:00.000+0000", "repeatFrequency": 1, "timezone": "SERVER"}})
	py("PUT", p+id, dumps(s))
	if st := py("GET", p+id+"/light", "").obj(); st["active"] != true || st["nextRun"] == nil {
		t.Fatalf("get_status: %v", st)
	}
	def := py("GET", p+id+"/light", `{}`).obj()
	def["shortDesc"] = "light"
	py("PUT", p+id+"/light", dumps(def))

	pyID := py("POST", p, `{"params": {}, "name": "Py", "type": "custom_python"}`).obj()["id"].(string)
	ps := py("GET", p+pyID, "").obj()
	script := py("GET", p+pyID+"/payload", "").obj()["script"]
	if script != "" {
		t.Fatalf("a new script: %v", script)
	}
	py("PUT", p+pyID, dumps(ps))
	py("PUT", p+pyID+"/payload", `{"script": "from dataiku.scenario import Scenario\n"}`)
	// The deprecated get_payload sends a body on a GET.
	if got := py("GET", p+pyID+"/payload", `{"extension": "py"}`).obj()["script"]; got != "from dataiku.scenario import Scenario\n" {
		t.Fatalf("payload: %v", got)
	}

	fire := py("POST", p+id+"/run", `{}`).obj()
	trig := fire["trigger"].(map[string]any)
	run := py("GET", p+id+"/get-run-for-trigger?triggerId="+trig["id"].(string)+"&triggerRunId="+fire["runId"].(string), "").obj()
	if sr, ok := run["scenarioRun"].(map[string]any); !ok || sr["result"].(map[string]any)["outcome"] != "SUCCESS" {
		t.Fatalf("run for trigger: %v", run)
	}
	if runs := py("GET", p+id+"/get-last-runs?limit=10&onlyFinishedRuns=False", "").body.([]any); len(runs) != 1 {
		t.Fatalf("last runs: %v", runs)
	}
	if runs := py("GET", p+pyID+"/get-last-runs?limit=10&onlyFinishedRuns=True", "").body.([]any); len(runs) != 0 {
		t.Fatalf("last runs of a scenario never run: %v", runs)
	}
	py("DELETE", p+pyID, "")
	if l := py("GET", p, "").body.([]any); len(l) != 1 || l[0].(map[string]any)["id"] != id {
		t.Fatalf("list: %v", l)
	}
}
