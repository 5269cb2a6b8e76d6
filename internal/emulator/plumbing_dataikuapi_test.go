package emulator

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestPlumbingDataikuapiShapes replays what Dataiku's Python client sends
// for connections, code envs, general settings and instance variables:
// the /dip/publicapi prefix, Basic auth with the key as user name, no
// Content-Type, Python's True/False in queries and its trailing slashes.
// Each reply must parse the way the client reads it.
func TestPlumbingDataikuapiShapes(t *testing.T) {
	opts := testOpts()
	opts.CodeEnvBuildTime = 50 * time.Millisecond
	rn := startTest(t, opts)
	base := rn.URL() + "/dip/publicapi"
	py := pyCaller(t, base)
	dumps := func(v any) string { b, _ := json.Marshal(v); return string(b) }

	// create_connection(name, type, params, usable_by, allowed_groups, description)
	py("POST", "/admin/connections/", `{"name": "pyconn", "type": "PostgreSQL", "params": {"host": "h", "password": "pw"}, "usableBy": "ALL", "allowedGroups": [], "description": null}`)
	// list_connections(): a dict keyed by name
	if l := py("GET", "/admin/connections/", "").obj(); l["pyconn"] == nil {
		t.Fatalf("list_connections: %v", l)
	}
	// get_connection().get_settings() ... save(): the whole dict, read as json
	def := py("GET", "/admin/connections/pyconn", "").obj()
	def["allowWrite"] = false
	if r := py("PUT", "/admin/connections/pyconn", dumps(def)); r.obj() == nil {
		t.Fatalf("connection save reply is not a JSON object: %s", r.raw)
	}
	// get_info(): resolvedParams carries the secret in clear
	if info := py("GET", "/connections/pyconn/info", "").obj(); info["resolvedParams"].(map[string]any)["password"] != "pw" {
		t.Errorf("get_info: %v", info)
	}
	// list_connections_names("all")
	if names, _ := py("GET", "/connections/get-names?type=all", "").body.([]any); len(names) == 0 {
		t.Errorf("list_connections_names: %v", names)
	}

	// create_code_env(..., wait=False) then DSSFuture.wait_for_result()
	f := py("POST", "/admin/code-envs/PYTHON/pyenv?wait=False", `{"pythonInterpreter": "PYTHON310", "deploymentMode": "DESIGN_MANAGED"}`).obj()
	job, _ := f["jobId"].(string)
	state := pollFuture(t, py, job)
	if res, _ := state["result"].(map[string]any); res == nil || res["messages"].(map[string]any)["error"] != false {
		t.Fatalf("wait_for_result: %v", state)
	}
	// get_definition() / set_definition(): the PUT's reply is the definition
	env := py("GET", "/admin/code-envs/PYTHON/pyenv", "").obj()
	env["specPackageList"] = "requests"
	if r := py("PUT", "/admin/code-envs/PYTHON/pyenv", dumps(env)); r.obj()["specPackageList"] != "requests" {
		t.Errorf("set_definition reply: %s", r.raw)
	}
	// update_packages(): checked through resp["messages"]["error"]
	if r := py("POST", "/admin/code-envs/PYTHON/pyenv/packages?forceRebuildEnv=False&wait=True", ""); r.obj()["messages"].(map[string]any)["error"] != false {
		t.Errorf("update_packages: %s", r.raw)
	}
	// update_packages(wait=False) then DSSFuture.wait_for_result(), with
	// list_futures() seeing it run; a failing spec reports its error in
	// the result, which the caller checks through messages.error.
	env["specPackageList"] = "requests\nunavailable-thing>=2"
	py("PUT", "/admin/code-envs/PYTHON/pyenv", dumps(env))
	f = py("POST", "/admin/code-envs/PYTHON/pyenv/packages?forceRebuildEnv=True&wait=False", "").obj()
	if l, _ := py("GET", "/futures/?withScenarios=False&withNotScenarios=True&allUsers=False", "").body.([]any); len(l) != 1 {
		t.Errorf("list_futures: %v", l)
	}
	state = pollFuture(t, py, f["jobId"].(string))
	if !strings.Contains(fmt.Sprint(state["result"]), "Could not find a version that satisfies the requirement unavailable-thing>=2") {
		t.Errorf("failed rebuild through a future: %v", state)
	}
	env["specPackageList"] = "requests"
	py("PUT", "/admin/code-envs/PYTHON/pyenv", dumps(env))
	// create_code_env(..., wait=True): the reply is the build's messages.
	if r := py("POST", "/admin/code-envs/R/renv?wait=True", `{"deploymentMode": "DESIGN_MANAGED"}`).obj(); r["messages"].(map[string]any)["error"] != false {
		t.Errorf("create_code_env(wait=True): %v", r)
	}
	// DSSCodeEnv.delete(wait=False): DSSFuture.from_resp, whose
	// wait_for_result returns at once when the state has its result.
	if r := py("DELETE", "/admin/code-envs/R/renv?wait=False", "").obj(); r["hasResult"] != true || r["result"] == nil {
		t.Errorf("delete(wait=False): %v", r)
	}
	// list_code_envs(): envLang and envName
	if l := py("GET", "/admin/code-envs/", "").body.([]any); len(l) != 1 || l[0].(map[string]any)["envName"] != "pyenv" || l[0].(map[string]any)["envLang"] != "PYTHON" {
		t.Errorf("list_code_envs: %v", l)
	}
	// delete(wait=True): checked through resp["messages"]["error"]
	if r := py("DELETE", "/admin/code-envs/PYTHON/pyenv?wait=True", ""); r.obj()["messages"].(map[string]any)["error"] != false {
		t.Errorf("delete: %s", r.raw)
	}

	// get_general_settings() ... save()
	gs := py("GET", "/admin/general-settings", "").obj()
	gs["maxRunningActivities"] = 9
	py("PUT", "/admin/general-settings", dumps(gs))
	// get_global_variables() / set_global_variables()
	vars := py("GET", "/admin/variables/", "").obj()
	vars["team"] = "data"
	py("PUT", "/admin/variables/", dumps(vars))
	if v := py("GET", "/admin/variables/", "").obj(); v["team"] != "data" {
		t.Errorf("variables: %v", v)
	}
	py("DELETE", "/admin/connections/pyconn", "")
}

// pollFuture polls GET /futures/{id}?peek=False as DSSFuture.wait_for_result
// does, until hasResult.
func pollFuture(t *testing.T, py func(method, path, body string) resp, job string) map[string]any {
	t.Helper()
	var state map[string]any
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		state = py("GET", "/futures/"+job+"?peek=False", "").obj()
		if state["hasResult"] == true {
			return state
		}
	}
	t.Fatalf("future %s never had its result: %v", job, state)
	return nil
}
