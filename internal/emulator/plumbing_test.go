package emulator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Connections: defaults, encrypted secrets that are stable, never in
// clear in a read nor in the state file, kept when sent back, resolved by
// /info; usableBy ALLOWED refusing a non-member's dataset.
func TestPlumbingConnections(t *testing.T) {
	dir := t.TempDir()
	opts := testOpts()
	opts.StatePath = filepath.Join(dir, "state.json")
	rn := startTest(t, opts)
	u := rn.URL() + BasePath
	expectOK(t, call(t, u, "POST", "/admin/connections/", testAdmin, map[string]any{"name": "pg", "type": "PostgreSQL",
		"description": nil, "params": map[string]any{"host": "db", "password": "s3cret-one"}, "usableBy": "ALL", "allowedGroups": []any{}}))
	get := func() map[string]any { return call(t, u, "GET", "/admin/connections/pg", testAdmin, nil).obj() }
	def := get()
	params := def["params"].(map[string]any)
	enc, _ := params["password"].(string)
	if !strings.HasPrefix(enc, EncryptedPrefix) || def["allowManagedDatasets"] != true || def["description"] != "" {
		t.Fatalf("definition after create: %v", def)
	}
	if again := get()["params"].(map[string]any)["password"]; again != enc {
		t.Errorf("the encrypted form changed between reads: %v then %v", enc, again)
	}
	info := call(t, u, "GET", "/connections/pg/info", testAdmin, nil).obj()
	if rp := info["resolvedParams"].(map[string]any); rp["password"] != "s3cret-one" {
		t.Errorf("info resolvedParams = %v", rp)
	}
	// Sent back as read: the secret stays; a new value replaces it.
	def["description"] = "warehouse"
	expectOK(t, call(t, u, "PUT", "/admin/connections/pg", testAdmin, def))
	if rp := call(t, u, "GET", "/connections/pg/info", testAdmin, nil).obj()["resolvedParams"].(map[string]any); rp["password"] != "s3cret-one" {
		t.Errorf("after a PUT sending the encrypted form back: %v", rp)
	}
	def["params"].(map[string]any)["password"] = "s3cret-two"
	expectOK(t, call(t, u, "PUT", "/admin/connections/pg", testAdmin, def))
	if rp := call(t, u, "GET", "/connections/pg/info", testAdmin, nil).obj()["resolvedParams"].(map[string]any); rp["password"] != "s3cret-two" {
		t.Errorf("after a PUT with a new secret: %v", rp)
	}
	b, err := os.ReadFile(opts.StatePath)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "s3cret-") {
		t.Error("the state file holds a connection secret in clear")
	}
	expectError(t, call(t, u, "GET", "/admin/connections/nope", testAdmin, nil), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", "/admin/connections", testBob, map[string]any{"name": "x", "type": "Filesystem"}), 403, ErrTypeUnauthorized)

	// usableBy ALLOWED: bob (group team) may not create a dataset on it,
	// carol (readers) may once readers is allowed.
	expectOK(t, call(t, u, "POST", "/admin/connections", testAdmin, map[string]any{"name": "fs_team", "type": "Filesystem",
		"params": map[string]any{"root": "/x"}, "usableBy": "ALLOWED", "allowedGroups": []any{"readers"}}))
	expectOK(t, createProject(t, rn.URL(), "BOBS", testBob, nil))
	ds := map[string]any{"name": "d", "type": "Filesystem", "params": map[string]any{"connection": "fs_team", "path": "/d"}}
	expectError(t, call(t, u, "POST", "/projects/BOBS/datasets", testBob, ds), 403, ErrTypeUnauthorized)
	names := call(t, u, "GET", "/connections/get-names?type=all", testBob, nil)
	if js, _ := json.Marshal(names.body); strings.Contains(string(js), "fs_team") {
		t.Errorf("get-names for bob lists a connection he may not use: %s", js)
	}
	expectOK(t, call(t, u, "DELETE", "/admin/connections/fs_team", testAdmin, nil))
	expectError(t, call(t, u, "GET", "/admin/connections/fs_team", testAdmin, nil), 400, ErrTypeIllegalArgument)
}

// Code envs: a build through a future, a failing build, abort, rebuild,
// the missing-env error and settings/variables documents.
func TestPlumbingCodeEnvs(t *testing.T) {
	opts := testOpts()
	opts.CodeEnvBuildTime = 150 * time.Millisecond
	rn := startTest(t, opts)
	u := rn.URL() + BasePath
	r := call(t, u, "POST", "/admin/code-envs/python/py-a?wait=False", testAdmin, map[string]any{"deploymentMode": "DESIGN_MANAGED", "pythonInterpreter": "PYTHON311"})
	expectOK(t, r)
	job, _ := r.obj()["jobId"].(string)
	if job == "" || r.obj()["hasResult"] != false {
		t.Fatalf("create with wait=false: %v", r.body)
	}
	if st := call(t, u, "GET", "/futures/"+job+"?peek=False", testAdmin, nil).obj(); st["hasResult"] != false {
		t.Errorf("future done at once: %v", st)
	}
	time.Sleep(200 * time.Millisecond)
	st := call(t, u, "GET", "/futures/"+job+"?peek=False", testAdmin, nil).obj()
	res, _ := st["result"].(map[string]any)
	if st["hasResult"] != true || res["messages"].(map[string]any)["error"] != false {
		t.Errorf("future after the build: %v", st)
	}
	def := call(t, u, "GET", "/admin/code-envs/PYTHON/py-a", testAdmin, nil).obj()
	if def["desc"].(map[string]any)["pythonInterpreter"] != "PYTHON311" || def["desc"].(map[string]any)["owner"] != "admin" {
		t.Errorf("definition: %v", def)
	}
	def["specPackageList"] = "pandas==2.2\nunavailable-pkg==1.0"
	def["unknownKey"] = 7
	expectOK(t, call(t, u, "PUT", "/admin/code-envs/PYTHON/py-a", testAdmin, def))
	r = call(t, u, "POST", "/admin/code-envs/PYTHON/py-a/packages?wait=True", testAdmin, nil)
	msgs := r.obj()["messages"].(map[string]any)
	if msgs["error"] != true || !strings.Contains(string(r.raw), "Could not find a version that satisfies the requirement unavailable-pkg==1.0") {
		t.Errorf("failing build: %s", r.raw)
	}
	if call(t, u, "GET", "/admin/code-envs/PYTHON/py-a", testAdmin, nil).obj()["unknownKey"] == nil {
		t.Error("an unknown key did not survive the PUT")
	}
	r = call(t, u, "POST", "/admin/code-envs/PYTHON/py-a/packages?wait=false", testAdmin, nil)
	job, _ = r.obj()["jobId"].(string)
	expectOK(t, call(t, u, "DELETE", "/futures/"+job, testAdmin, nil))
	if st := call(t, u, "GET", "/futures/"+job, testAdmin, nil).obj(); st["hasResult"] != true || st["aborted"] != true {
		t.Errorf("aborted future: %v", st)
	}
	expectError(t, call(t, u, "POST", "/admin/code-envs/PYTHON/py-a?wait=true", testAdmin, map[string]any{"deploymentMode": "DESIGN_MANAGED"}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", "/admin/code-envs/PYTHON/py-b", testAdmin, map[string]any{"deploymentMode": "NOPE"}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", "/admin/code-envs/PYTHON/py-c", testBob, map[string]any{"deploymentMode": "DESIGN_MANAGED"}), 403, "java.lang.SecurityException")
	expectOK(t, call(t, u, "DELETE", "/admin/code-envs/PYTHON/py-a", testAdmin, nil))
	expectError(t, call(t, u, "GET", "/admin/code-envs/PYTHON/py-a", testAdmin, nil), 500, ErrTypeCodedIO)

	gs := call(t, u, "GET", "/admin/general-settings", testAdmin, nil).obj()
	gs["custom"] = map[string]any{"x": 1}
	expectOK(t, call(t, u, "PUT", "/admin/general-settings", testAdmin, gs))
	if call(t, u, "GET", "/admin/general-settings", testAdmin, nil).obj()["custom"] == nil {
		t.Error("general settings lost a key")
	}
	expectOK(t, call(t, u, "PUT", "/admin/variables/", testAdmin, map[string]any{"env": "prod"}))
	if v := call(t, u, "GET", "/admin/variables/", testAdmin, nil).obj(); v["env"] != "prod" || len(v) != 1 {
		t.Errorf("instance variables: %v", v)
	}
	expectError(t, call(t, u, "GET", "/admin/variables", testBob, nil), 403, ErrTypeUnauthorized)
}

// A restarted emulator keeps connections, their secrets (resolvable, never
// in clear on disk), code envs, settings and variables.
func TestPlumbingPersistence(t *testing.T) {
	opts := persistentOpts(t)
	opts.CodeEnvBuildTime = -1
	rn := startTest(t, opts)
	u := rn.URL() + BasePath
	expectOK(t, call(t, u, "POST", "/admin/connections", testAdmin, map[string]any{"name": "kept", "type": "Snowflake",
		"params": map[string]any{"account": "a", "credentials": map[string]any{"privateKey": "very-private"}}}))
	expectOK(t, call(t, u, "POST", "/admin/code-envs/R/r-env?wait=true", testAdmin, map[string]any{"deploymentMode": "DESIGN_MANAGED"}))
	expectOK(t, call(t, u, "PUT", "/admin/variables", testAdmin, map[string]any{"v": 1}))
	gs := call(t, u, "GET", "/admin/general-settings", testAdmin, nil).obj()
	gs["kept"] = "yes"
	expectOK(t, call(t, u, "PUT", "/admin/general-settings", testAdmin, gs))
	job, _ := call(t, u, "POST", "/admin/code-envs/R/r-env/packages?wait=false", testAdmin, nil).obj()["jobId"].(string)
	rn.Close()
	b, err := os.ReadFile(opts.StatePath)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "very-private") {
		t.Fatal("the state file holds a nested connection secret in clear")
	}
	rn2 := startTest(t, opts)
	u = rn2.URL() + BasePath
	info := call(t, u, "GET", "/connections/kept/info", testAdmin, nil).obj()
	creds, _ := info["resolvedParams"].(map[string]any)["credentials"].(map[string]any)
	if creds["privateKey"] != "very-private" {
		t.Errorf("after a restart, /info resolves %v", info["resolvedParams"])
	}
	expectOK(t, call(t, u, "GET", "/admin/code-envs/R/r-env", testAdmin, nil))
	if v := call(t, u, "GET", "/admin/variables", testAdmin, nil).obj(); v["v"] == nil {
		t.Errorf("variables after a restart: %v", v)
	}
	if g := call(t, u, "GET", "/admin/general-settings", testAdmin, nil).obj(); g["kept"] != "yes" {
		t.Errorf("general settings after a restart: %v", g)
	}
	// Futures are not kept: a restarted DSS has lost its running tasks.
	expectError(t, call(t, u, "GET", "/futures/"+job, testAdmin, nil), 404, ErrTypeNotFound)
}
