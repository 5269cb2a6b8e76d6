package emulator

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The connection rules the first plumbing test does not reach: every
// default, names, duplicates, renames, unknown keys kept by a whole PUT,
// secrets never in clear in any read (list, one, get-names, /info's
// params), a member of an allowed group using the connection for a dataset
// and a managed folder while a non-member gets DSS's error for both.
func TestPlumbingConnectionRules(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL() + BasePath
	expectOK(t, call(t, u, "POST", "/admin/connections", testAdmin, map[string]any{"name": "s3.main", "type": "EC2",
		"params": map[string]any{"bucket": "b", "secretKey": "sk-clear", "basicCredential": map[string]any{"user": "u", "password": "pw-clear"}},
		"custom": map[string]any{"kept": true}}))
	def := call(t, u, "GET", "/admin/connections/s3.main", testAdmin, nil).obj()
	want := map[string]any{"description": "", "allowWrite": true, "allowManagedDatasets": true, "allowManagedFolders": true,
		"usableBy": "ALL", "credentialsMode": "GLOBAL", "maxActivities": json.Number("0"), "useGlobalProxy": false}
	for k, v := range want {
		if got := def[k]; got != v && !(k == "maxActivities" && got == float64(0)) {
			t.Errorf("default %s = %v (%T), want %v", k, got, got, v)
		}
	}
	if dr, _ := def["detailsReadability"].(map[string]any); dr["readableBy"] != "NONE" {
		t.Errorf("detailsReadability = %v", def["detailsReadability"])
	}
	if tag, _ := def["creationTag"].(map[string]any); tag == nil || tag["lastModifiedBy"] == nil {
		t.Errorf("creationTag = %v", def["creationTag"])
	}
	if def["custom"] == nil {
		t.Error("an unknown key sent at creation was dropped")
	}
	// No read shows a secret in clear; /info shows them only in resolvedParams.
	for _, p := range []string{"/admin/connections", "/admin/connections/s3.main", "/connections/get-names?type=all"} {
		if r := call(t, u, "GET", p, testAdmin, nil); strings.Contains(string(r.raw), "-clear") {
			t.Errorf("GET %s shows a secret in clear: %s", p, r.raw)
		}
	}
	info := call(t, u, "GET", "/connections/s3.main/info", testAdmin, nil).obj()
	if b, _ := json.Marshal(info["params"]); strings.Contains(string(b), "-clear") {
		t.Errorf("/info params show a secret in clear: %s", b)
	}
	rp := info["resolvedParams"].(map[string]any)
	if bc, _ := info["resolvedBasicCredential"].(map[string]any); bc["password"] != "pw-clear" || bc["user"] != "u" {
		t.Errorf("/info resolvedBasicCredential = %v", info["resolvedBasicCredential"])
	}
	if rp["secretKey"] != "sk-clear" || rp["basicCredential"].(map[string]any)["password"] != "pw-clear" || info["type"] != "EC2" {
		t.Errorf("/info = %v", info)
	}
	// The same value gives the same encrypted form on another connection.
	expectOK(t, call(t, u, "POST", "/admin/connections", testAdmin, map[string]any{"name": "twin", "type": "EC2",
		"params": map[string]any{"secretKey": "sk-clear"}}))
	twin := call(t, u, "GET", "/admin/connections/twin", testAdmin, nil).obj()
	if twin["params"].(map[string]any)["secretKey"] != def["params"].(map[string]any)["secretKey"] {
		t.Error("the encrypted form is not stable per value")
	}
	// A whole-document PUT keeps unknown keys; a PUT cannot rename.
	def["another"] = []any{"x"}
	expectOK(t, call(t, u, "PUT", "/admin/connections/s3.main/", testAdmin, def))
	if got := call(t, u, "GET", "/admin/connections/s3.main", testAdmin, nil).obj(); got["another"] == nil || got["custom"] == nil {
		t.Errorf("unknown keys after a PUT: %v", got)
	}
	// A PUT that leaves fields out gets DSS's defaults for them, as a
	// creation does, instead of a refusal.
	expectOK(t, call(t, u, "PUT", "/admin/connections/twin", testAdmin, map[string]any{"type": "EC2", "params": map[string]any{}}))
	if got := call(t, u, "GET", "/admin/connections/twin", testAdmin, nil).obj(); got["usableBy"] != "ALL" || got["credentialsMode"] != "GLOBAL" || got["allowWrite"] != true {
		t.Errorf("a connection saved without its defaults, read back: %v", got)
	}
	def["name"] = "other"
	expectError(t, call(t, u, "PUT", "/admin/connections/s3.main", testAdmin, def), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "PUT", "/admin/connections/nope", testAdmin, def), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", "/admin/connections", testAdmin, map[string]any{"name": "twin", "type": "EC2"}), 400, ErrTypeIllegalArgument)
	// Only a blank name, a slash or a control character is refused: real
	// instances name connections with spaces and parentheses.
	for _, bad := range []string{"", "  ", "bad/name", "bad\tname"} {
		expectError(t, call(t, u, "POST", "/admin/connections", testAdmin, map[string]any{"name": bad, "type": "EC2"}), 400, ErrTypeIllegalArgument)
	}
	expectOK(t, call(t, u, "POST", "/admin/connections", testAdmin, map[string]any{"name": "Default (in DSS data dir.)", "type": "Filesystem"}))
	if got := call(t, u, "GET", "/admin/connections/"+url.PathEscape("Default (in DSS data dir.)"), testAdmin, nil).obj(); got["type"] != "Filesystem" {
		t.Errorf("a connection named with spaces and parentheses, read back: %v", got)
	}
	expectError(t, call(t, u, "POST", "/admin/connections", testAdmin, map[string]any{"name": "typeless"}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", "/admin/connections", testAdmin, map[string]any{"name": "u", "type": "EC2", "usableBy": "SOME"}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "DELETE", "/admin/connections/nope", testAdmin, nil), 400, ErrTypeIllegalArgument)
	for _, m := range []string{"GET", "PUT", "DELETE"} {
		expectError(t, call(t, u, m, "/admin/connections/twin", testBob, map[string]any{}), 403, ErrTypeUnauthorized)
	}

	// usableBy ALLOWED with readers: carol (readers) may use it for a
	// dataset and a managed folder, bob (team) may not, for either.
	expectOK(t, call(t, u, "POST", "/admin/connections", testAdmin, map[string]any{"name": "fs_readers", "type": "Filesystem",
		"params": map[string]any{"root": "/r"}, "usableBy": "ALLOWED", "allowedGroups": []any{"readers"}}))
	expectOK(t, createProject(t, rn.URL(), "BOBP", testBob, nil))
	expectOK(t, createProject(t, rn.URL(), "CAROLP", testCarol, nil))
	ds := func(conn string) map[string]any {
		return map[string]any{"name": "d", "type": "Filesystem", "params": map[string]any{"connection": conn, "path": "/d"}}
	}
	mf := func(conn string) map[string]any {
		return map[string]any{"name": "f", "type": nil, "params": map[string]any{"connection": conn, "path": "/f"}}
	}
	expectError(t, call(t, u, "POST", "/projects/BOBP/datasets", testBob, ds("fs_readers")), 403, ErrTypeUnauthorized)
	r := call(t, u, "POST", "/projects/BOBP/managedfolders", testBob, mf("fs_readers"))
	expectError(t, r, 403, ErrTypeUnauthorized)
	if msg := r.obj()["message"]; msg != "You are not allowed to use connection fs_readers" {
		t.Errorf("refusal message = %v", msg)
	}
	expectError(t, call(t, u, "GET", "/connections/fs_readers/info", testBob, nil), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, u, "POST", "/projects/CAROLP/datasets", testCarol, ds("fs_readers")))
	expectOK(t, call(t, u, "POST", "/projects/CAROLP/managedfolders", testCarol, mf("fs_readers")))
	var names []any
	names, _ = call(t, u, "GET", "/connections/get-names?type=Filesystem", testCarol, nil).body.([]any)
	if !containsAny(names, "fs_readers") || containsAny(names, "twin") {
		t.Errorf("get-names?type=Filesystem for carol = %v", names)
	}
	// An ALL connection created through the API serves datasets and folders at once.
	expectOK(t, call(t, u, "POST", "/admin/connections", testAdmin, map[string]any{"name": "fs_all", "type": "Filesystem",
		"params": map[string]any{"root": "/a"}}))
	expectOK(t, call(t, u, "POST", "/projects/BOBP/datasets", testBob, ds("fs_all")))
	expectOK(t, call(t, u, "POST", "/projects/BOBP/managedfolders", testBob, mf("fs_all")))
}

const (
	testDave = "dave-secret" // group "env-creators"
	testErin = "erin-secret" // group "env-managers"
)

func containsAny(list []any, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Code env rules: the stored definition's defaults, wait=true's reply
// shape, futures (peek, list, unknown id), delete with wait=false, the
// jupyter rebuild, names and languages, and rights: a group with
// mayCreateCodeEnvs creates and then manages its own env, another key
// cannot touch it, mayManageCodeEnvs manages every env.
func TestPlumbingCodeEnvRules(t *testing.T) {
	opts := testOpts()
	opts.UserKeys = append(opts.UserKeys, UserKey{Login: "dave", Key: testDave, Groups: []string{"env-creators"}},
		UserKey{Login: "erin", Key: testErin, Groups: []string{"env-managers"}})
	opts.CodeEnvBuildTime = 100 * time.Millisecond
	rn := startTest(t, opts)
	u := rn.URL() + BasePath
	start := time.Now()
	r := call(t, u, "POST", "/admin/code-envs/python/py-w?wait=true", testAdmin, map[string]any{"deploymentMode": "DESIGN_MANAGED",
		"installJupyterSupport": true, "specPackageList": "pandas", "extraTop": 1})
	expectOK(t, r)
	if time.Since(start) < 100*time.Millisecond {
		t.Errorf("wait=true answered before the build time (%v)", time.Since(start))
	}
	res := r.obj()
	msgs, _ := res["messages"].(map[string]any)
	if res["envName"] != "py-w" || msgs == nil || msgs["error"] != false || msgs["success"] != true {
		t.Fatalf("wait=true reply: %s", r.raw)
	}
	for _, k := range []string{"anyMessage", "warning", "fatal", "messages"} {
		if _, ok := msgs[k]; !ok {
			t.Errorf("wait=true reply lacks messages.%s: %s", k, r.raw)
		}
	}
	def := call(t, u, "GET", "/admin/code-envs/PYTHON/py-w", testAdmin, nil).obj()
	desc := def["desc"].(map[string]any)
	if def["envLang"] != "PYTHON" || def["deploymentMode"] != "DESIGN_MANAGED" || def["specPackageList"] != "pandas" ||
		def["extraTop"] == nil || desc["installCorePackages"] != true || desc["installJupyterSupport"] != true ||
		def["usableByAll"] != false || desc["owner"] != "admin" || def["specCondaEnvironment"] != "" {
		t.Errorf("stored definition: %v", def)
	}
	// Futures: peek never carries the result; the list shows running ones.
	f := call(t, u, "POST", "/admin/code-envs/PYTHON/py-w/jupyter?active=False&wait=False", testAdmin, nil).obj()
	job := f["jobId"].(string)
	if f["hasResult"] != false || f["alive"] != true {
		t.Errorf("future at start: %v", f)
	}
	if l, _ := call(t, u, "GET", "/futures/", testAdmin, nil).body.([]any); len(l) != 1 || l[0].(map[string]any)["jobId"] != job {
		t.Errorf("GET /futures = %v", l)
	}
	time.Sleep(150 * time.Millisecond)
	if st := call(t, u, "GET", "/futures/"+job+"?peek=True", testAdmin, nil).obj(); st["hasResult"] != true || st["result"] != nil {
		t.Errorf("peek after the build: %v", st)
	}
	if st := call(t, u, "GET", "/futures/"+job, testAdmin, nil).obj(); st["result"] == nil || st["alive"] != false {
		t.Errorf("state after the build: %v", st)
	}
	if call(t, u, "GET", "/admin/code-envs/PYTHON/py-w", testAdmin, nil).obj()["desc"].(map[string]any)["installJupyterSupport"] != false {
		t.Error("jupyter?active=False did not turn Jupyter support off")
	}
	expectError(t, call(t, u, "GET", "/futures/nope", testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "DELETE", "/futures/nope", testAdmin, nil), 404, ErrTypeNotFound)
	// A failing build through a future leaves the env, with the message.
	f = call(t, u, "POST", "/admin/code-envs/R/r-bad?wait=false", testAdmin, map[string]any{"deploymentMode": "DESIGN_MANAGED",
		"specCondaEnvironment": "unavailable-r-thing"}).obj()
	time.Sleep(150 * time.Millisecond)
	st := call(t, u, "GET", "/futures/"+f["jobId"].(string)+"?peek=false", testAdmin, nil)
	if !strings.Contains(string(st.raw), `"error":true`) || !strings.Contains(string(st.raw), "Could not find a version that satisfies the requirement unavailable-r-thing") {
		t.Errorf("failed build: %s", st.raw)
	}
	expectOK(t, call(t, u, "GET", "/admin/code-envs/R/r-bad", testAdmin, nil))
	// Delete with wait=false: a future that already has its result.
	d := call(t, u, "DELETE", "/admin/code-envs/R/r-bad?wait=False", testAdmin, nil).obj()
	if d["jobId"] == nil || d["hasResult"] != true || d["result"].(map[string]any)["messages"].(map[string]any)["error"] != false {
		t.Errorf("delete wait=false: %v", d)
	}
	expectError(t, call(t, u, "GET", "/admin/code-envs/R/r-bad", testAdmin, nil), 500, ErrTypeCodedIO)
	if r := call(t, u, "POST", "/admin/code-envs/R/r-bad/packages", testAdmin, nil); r.obj()["message"] != "R env r-bad doesn't exist" {
		t.Errorf("missing env: %s", r.raw)
	}
	expectError(t, call(t, u, "POST", "/admin/code-envs/JAVA/j", testAdmin, map[string]any{"deploymentMode": "DESIGN_MANAGED"}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", "/admin/code-envs/PYTHON/bad.name", testAdmin, map[string]any{"deploymentMode": "DESIGN_MANAGED"}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "PUT", "/admin/code-envs/PYTHON/py-w", testAdmin, map[string]any{"envName": "renamed"}), 400, ErrTypeIllegalArgument)

	// Rights: dave's group may create envs, erin's may manage them all.
	for g, flag := range map[string]string{"env-creators": "mayCreateCodeEnvs", "env-managers": "mayManageCodeEnvs"} {
		gd := call(t, u, "GET", "/admin/groups/"+g, testAdmin, nil).obj()
		gd[flag] = true
		expectOK(t, call(t, u, "PUT", "/admin/groups/"+g, testAdmin, gd))
	}
	expectOK(t, call(t, u, "POST", "/admin/code-envs/PYTHON/daves?wait=true", testDave, map[string]any{"deploymentMode": "DESIGN_NON_MANAGED"}))
	daves := call(t, u, "GET", "/admin/code-envs/PYTHON/daves", testDave, nil).obj()
	if daves["desc"].(map[string]any)["owner"] != "dave" {
		t.Errorf("dave's env: %v", daves)
	}
	expectOK(t, call(t, u, "PUT", "/admin/code-envs/PYTHON/daves", testDave, daves))
	expectError(t, call(t, u, "GET", "/admin/code-envs/PYTHON/py-w", testDave, nil), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "GET", "/admin/code-envs/PYTHON/daves", testCarol, nil), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "DELETE", "/admin/code-envs/PYTHON/daves", testCarol, nil), 403, ErrTypeUnauthorized)
	r = call(t, u, "POST", "/admin/code-envs/PYTHON/carols", testCarol, map[string]any{"deploymentMode": "DESIGN_MANAGED"})
	expectError(t, r, 403, "java.lang.SecurityException")
	if r.obj()["message"] != "You may not create code environments" {
		t.Errorf("refusal: %s", r.raw)
	}
	if l, _ := call(t, u, "GET", "/admin/code-envs", testCarol, nil).body.([]any); len(l) != 0 {
		t.Errorf("carol lists envs she may not use: %v", l)
	}
	expectOK(t, call(t, u, "GET", "/admin/code-envs/PYTHON/py-w", testErin, nil))
	expectOK(t, call(t, u, "POST", "/admin/code-envs/PYTHON/erins?wait=false", testErin, map[string]any{"deploymentMode": "DESIGN_MANAGED"}))
	expectOK(t, call(t, u, "DELETE", "/admin/code-envs/PYTHON/daves", testErin, nil))
}

// General settings: defaults, a whole-document PUT keeping unknown keys,
// admin only. Reset: connections created through the API go, configured
// ones come back as configured, code envs go, settings and variables
// return to their defaults, and the instance key stays (a secret's
// encrypted form does not change across a reset).
func TestPlumbingSettingsAndReset(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL() + BasePath
	gs := call(t, u, "GET", "/admin/general-settings/", testAdmin, nil).obj()
	for _, k := range []string{"ldapSettings", "ssoSettings", "maxRunningActivities", "maxRunningActivitiesPerJob", "udfSettings", "studioExternalUrl"} {
		if _, ok := gs[k]; !ok {
			t.Errorf("general settings lack %s: %v", k, gs)
		}
	}
	gs["maxRunningActivities"] = 12
	gs["futureSection"] = map[string]any{"a": []any{1, 2}}
	if r := call(t, u, "PUT", "/admin/general-settings", testAdmin, gs); r.status != 200 || len(r.obj()) != 0 {
		t.Errorf("PUT general settings: %d %s", r.status, r.raw)
	}
	got := call(t, u, "GET", "/admin/general-settings", testAdmin, nil).obj()
	if got["maxRunningActivities"] != float64(12) || got["futureSection"] == nil || got["ssoSettings"] == nil {
		t.Errorf("general settings after PUT: %v", got)
	}
	expectError(t, call(t, u, "GET", "/admin/general-settings", testBob, nil), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "PUT", "/admin/general-settings", testBob, gs), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "PUT", "/admin/variables", testBob, map[string]any{}), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "PUT", "/admin/general-settings", testAdmin, "[1]"), 400, ErrTypeJSONParse)
	// Variables: a PUT replaces the whole object.
	expectOK(t, call(t, u, "PUT", "/admin/variables", testAdmin, map[string]any{"a": 1, "b": "x"}))
	expectOK(t, call(t, u, "PUT", "/admin/variables", testAdmin, map[string]any{"b": "y"}))
	if v := call(t, u, "GET", "/admin/variables", testAdmin, nil).obj(); len(v) != 1 || v["b"] != "y" {
		t.Errorf("variables after a replacing PUT: %v", v)
	}

	// variables-resolved: instance, then project standard, then local.
	expectOK(t, createProject(t, rn.URL(), "VARS", testBob, nil))
	expectOK(t, call(t, u, "PUT", "/projects/VARS/variables", testBob, map[string]any{
		"standard": map[string]any{"b": "project", "n": 3}, "local": map[string]any{"l": true}}))
	expectOK(t, call(t, u, "PUT", "/admin/variables", testAdmin, map[string]any{"b": "instance", "i": "only"}))
	if v := call(t, u, "GET", "/projects/VARS/variables-resolved?typed=false", testBob, nil).obj(); v["b"] != "project" ||
		v["i"] != "only" || v["n"] != "3" || v["l"] != "true" {
		t.Errorf("variables-resolved (untyped) = %v", v)
	}
	if v := call(t, u, "GET", "/projects/VARS/variables-resolved?typed=true", testBob, nil).obj(); v["n"] != float64(3) || v["l"] != true {
		t.Errorf("variables-resolved (typed) = %v", v)
	}
	expectError(t, call(t, u, "GET", "/projects/VARS/variables-resolved", testCarol, nil), 403, ErrTypeUnauthorized)

	expectOK(t, call(t, u, "POST", "/admin/connections", testAdmin, map[string]any{"name": "api_made", "type": "PostgreSQL",
		"params": map[string]any{"password": "p"}}))
	enc := call(t, u, "GET", "/admin/connections/api_made", testAdmin, nil).obj()["params"].(map[string]any)["password"]
	seeded := call(t, u, "GET", "/admin/connections/filesystem_managed", testAdmin, nil).obj()
	seeded["description"] = "changed"
	expectOK(t, call(t, u, "PUT", "/admin/connections/filesystem_managed", testAdmin, seeded))
	expectOK(t, call(t, u, "POST", "/admin/code-envs/PYTHON/gone?wait=false", testAdmin, map[string]any{"deploymentMode": "DESIGN_MANAGED"}))
	r := call(t, rn.URL(), "POST", ControlPrefix+"/reset", testAdmin, nil)
	expectOK(t, r)
	expectError(t, call(t, u, "GET", "/admin/connections/api_made", testAdmin, nil), 400, ErrTypeIllegalArgument)
	if d := call(t, u, "GET", "/admin/connections/filesystem_managed", testAdmin, nil).obj(); d["description"] != "" {
		t.Errorf("a configured connection after reset: %v", d)
	}
	expectError(t, call(t, u, "GET", "/admin/code-envs/PYTHON/gone", testAdmin, nil), 500, ErrTypeCodedIO)
	if v := call(t, u, "GET", "/admin/variables", testAdmin, nil).obj(); len(v) != 0 {
		t.Errorf("variables after reset: %v", v)
	}
	if g := call(t, u, "GET", "/admin/general-settings", testAdmin, nil).obj(); g["futureSection"] != nil || g["maxRunningActivities"] != float64(5) {
		t.Errorf("general settings after reset: %v", g)
	}
	expectOK(t, call(t, u, "POST", "/admin/connections", testAdmin, map[string]any{"name": "api_made", "type": "PostgreSQL",
		"params": map[string]any{"password": "p"}}))
	if again := call(t, u, "GET", "/admin/connections/api_made", testAdmin, nil).obj()["params"].(map[string]any)["password"]; again != enc {
		t.Errorf("the encrypted form changed across a reset: %v then %v", enc, again)
	}
}
