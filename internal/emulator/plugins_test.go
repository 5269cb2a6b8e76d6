package emulator

import (
	"archive/zip"
	"bytes"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// waitFutureResult polls a future until it has a result and returns it.
func waitFutureResult(t *testing.T, base string, started resp) map[string]any {
	t.Helper()
	expectOK(t, started)
	id, _ := started.obj()["jobId"].(string)
	if id == "" {
		t.Fatalf("no future: %s", started.raw)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		r := call(t, base, "GET", "/public/api/futures/"+id, testAdmin, nil)
		expectOK(t, r)
		if r.obj()["hasResult"] == true {
			res, _ := r.obj()["result"].(map[string]any)
			return res
		}
	}
	t.Fatalf("future %s never ended", id)
	return nil
}

func futureFailed(res map[string]any) (bool, string) {
	m, _ := res["messages"].(map[string]any)
	msgs, _ := m["messages"].([]any)
	text := ""
	for _, x := range msgs {
		mm, _ := x.(map[string]any)
		d, _ := mm["details"].(string)
		text += d
	}
	return m["error"] == true, text
}

func installedVersion(t *testing.T, base, id string) string {
	t.Helper()
	r := call(t, base, "GET", "/public/api/plugins/", testAdmin, nil)
	expectOK(t, r)
	list, _ := r.body.([]any)
	for _, x := range list {
		m, _ := x.(map[string]any)
		if m["id"] == id {
			v, _ := m["version"].(string)
			return v
		}
	}
	return ""
}

func TestPluginStoreInstallFailureAndDelete(t *testing.T) {
	opts := testOpts()
	opts.CodeEnvBuildTime = 30 * time.Millisecond
	rn := startTest(t, opts)
	base := rn.URL()
	expectOK(t, call(t, base, "PUT", "/_emulator/plugins/store", testAdmin, []PluginStoreEntry{
		{ID: "geo", Version: "1.2.0", CodeEnv: true}, {ID: "broken", Version: "1.0.0", FailLog: "pip: no matching distribution\nbuild failed"}}))

	// Non-admins without mayDevelopPlugins are refused.
	expectError(t, call(t, base, "POST", "/public/api/plugins/actions/installFromStore", testBob, map[string]any{"pluginId": "geo"}), 403, ErrTypeUnauthorized)

	res := waitFutureResult(t, base, call(t, base, "POST", "/public/api/plugins/actions/installFromStore", testAdmin, map[string]any{"pluginId": "geo"}))
	if failed, log := futureFailed(res); failed {
		t.Fatalf("install failed: %s", log)
	}
	if v := installedVersion(t, base, "geo"); v != "1.2.0" {
		t.Fatalf("installed version %q", v)
	}
	expectError(t, call(t, base, "POST", "/public/api/plugins/actions/installFromStore", testAdmin, map[string]any{"pluginId": "geo"}), StatusIllegalArgument, ErrTypeIllegalArgument)

	res = waitFutureResult(t, base, call(t, base, "POST", "/public/api/plugins/actions/installFromStore", testAdmin, map[string]any{"pluginId": "broken"}))
	if failed, log := futureFailed(res); !failed || !strings.Contains(log, "build failed") {
		t.Fatalf("broken install: failed=%v log=%q", failed, log)
	}
	if v := installedVersion(t, base, "broken"); v != "" {
		t.Fatalf("a failed install left version %q", v)
	}

	// The plugin's code env.
	res = waitFutureResult(t, base, call(t, base, "POST", "/public/api/plugins/geo/code-env/actions/create", testAdmin, map[string]any{"deploymentMode": "PLUGIN_MANAGED"}))
	if failed, log := futureFailed(res); failed {
		t.Fatal(log)
	}
	s := call(t, base, "GET", "/public/api/plugins/geo/settings", testAdmin, nil)
	expectOK(t, s)
	if s.obj()["codeEnvName"] != "plugin_geo" {
		t.Fatalf("settings after code env: %s", s.raw)
	}
	expectOK(t, call(t, base, "GET", "/public/api/admin/code-envs/python/plugin_geo", testAdmin, nil))

	// Usages block a delete unless forced.
	expectOK(t, call(t, base, "PUT", "/_emulator/plugins/geo/usages", testAdmin, []map[string]any{
		{"elementKind": "recipes", "elementType": "CustomCode_geo-join", "objectId": "compute_x", "objectType": "RECIPE", "projectKey": "P"}}))
	u := call(t, base, "GET", "/public/api/plugins/geo/actions/listUsages", testAdmin, nil)
	expectOK(t, u)
	if us, _ := u.obj()["usages"].([]any); len(us) != 1 {
		t.Fatalf("usages: %s", u.raw)
	}
	res = waitFutureResult(t, base, call(t, base, "POST", "/public/api/plugins/geo/actions/delete", testAdmin, map[string]any{"force": false}))
	if failed, log := futureFailed(res); !failed || !strings.Contains(log, "compute_x") {
		t.Fatalf("delete in use: failed=%v log=%q", failed, log)
	}
	if installedVersion(t, base, "geo") == "" {
		t.Fatal("a refused delete removed the plugin")
	}
	res = waitFutureResult(t, base, call(t, base, "POST", "/public/api/plugins/geo/actions/delete", testAdmin, map[string]any{"force": true}))
	if failed, log := futureFailed(res); failed {
		t.Fatal(log)
	}
	if installedVersion(t, base, "geo") != "" {
		t.Fatal("forced delete kept the plugin")
	}
	expectError(t, call(t, base, "GET", "/public/api/plugins/geo/settings", testAdmin, nil), 404, ErrTypeNotFound)
}

func writePluginJSON(t *testing.T, dir, id, version string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "plugin.json"), []byte(`{"id":"`+id+`","version":"`+version+`","meta":{"label":"L"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestPluginGitAndZip(t *testing.T) {
	opts := testOpts()
	opts.CodeEnvBuildTime = -1
	rn := startTest(t, opts)
	base := rn.URL()
	repo := t.TempDir()
	writePluginJSON(t, filepath.Join(repo, "v1", "sub"), "gp", "1.0.0")
	writePluginJSON(t, filepath.Join(repo, "v2", "sub"), "gp", "2.0.0")
	git := func(path, checkout string) resp {
		return call(t, base, "POST", path, testAdmin, map[string]any{"gitRepositoryUrl": "file://" + repo, "gitCheckout": checkout, "gitSubpath": "sub"})
	}
	if failed, log := futureFailed(waitFutureResult(t, base, git("/public/api/plugins/actions/installFromGit", "v1"))); failed {
		t.Fatal(log)
	}
	if failed, log := futureFailed(waitFutureResult(t, base, git("/public/api/plugins/gp/actions/updateFromGit", "nope"))); !failed || !strings.Contains(log, "nope") {
		t.Fatalf("bad checkout: %v %q", failed, log)
	}
	if v := installedVersion(t, base, "gp"); v != "1.0.0" {
		t.Fatalf("a failed update changed the version to %q", v)
	}
	if failed, log := futureFailed(waitFutureResult(t, base, git("/public/api/plugins/gp/actions/updateFromGit", "v2"))); failed {
		t.Fatal(log)
	}
	if v := installedVersion(t, base, "gp"); v != "2.0.0" {
		t.Fatalf("updated version %q", v)
	}

	// A zip with plugin.json in its one top-level directory.
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	f, _ := zw.Create("zp/plugin.json")
	_, _ = f.Write([]byte(`{"id":"zp","version":"0.1.0"}`))
	_ = zw.Close()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, _ := mw.CreateFormFile("file", "zp.zip")
	_, _ = part.Write(zb.Bytes())
	_ = mw.Close()
	req, _ := http.NewRequest("POST", base+"/public/api/plugins/actions/future/installFromZip", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.SetBasicAuth(testAdmin, "")
	if failed, log := futureFailed(waitFutureResult(t, base, doReq(t, req))); failed {
		t.Fatal(log)
	}
	if v := installedVersion(t, base, "zp"); v != "0.1.0" {
		t.Fatalf("zip version %q", v)
	}
}

func TestPluginSettingsPresetRights(t *testing.T) {
	opts := testOpts()
	opts.CodeEnvBuildTime = -1
	rn := startTest(t, opts)
	base := rn.URL()
	expectOK(t, call(t, base, "PUT", "/_emulator/plugins/store", testAdmin, []PluginStoreEntry{{ID: "geo", Version: "1"}}))
	waitFutureResult(t, base, call(t, base, "POST", "/public/api/plugins/actions/installFromStore", testAdmin, map[string]any{"pluginId": "geo"}))
	settings := map[string]any{"config": map[string]any{"k": "v"}, "codeEnvName": "", "parameterSets": []any{},
		"presets": []any{
			map[string]any{"name": "shared", "type": "parameter-set-geo-creds", "config": map[string]any{}, "defaultPermission": map[string]any{},
				"permissions": []any{map[string]any{"group": "team", "use": true}}},
			map[string]any{"name": "private", "type": "parameter-set-geo-creds", "config": map[string]any{}, "defaultPermission": map[string]any{}, "permissions": []any{}},
		}}
	expectError(t, call(t, base, "POST", "/public/api/plugins/geo/settings", testBob, settings), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, base, "POST", "/public/api/plugins/geo/settings", testAdmin, settings))
	r := call(t, base, "GET", "/public/api/plugins/geo/settings", testBob, nil)
	expectOK(t, r)
	if ps, _ := r.obj()["presets"].([]any); len(ps) != 1 || ps[0].(map[string]any)["name"] != "shared" {
		t.Fatalf("bob (team) sees presets %s", r.raw)
	}
	r = call(t, base, "GET", "/public/api/plugins/geo/settings", testAdmin, nil)
	if ps, _ := r.obj()["presets"].([]any); len(ps) != 2 {
		t.Fatalf("admin sees presets %s", r.raw)
	}
	dup := copyDoc(settings)
	dup["presets"] = append(dup["presets"].([]any), map[string]any{"name": "shared", "type": "parameter-set-geo-creds"})
	expectError(t, call(t, base, "POST", "/public/api/plugins/geo/settings", testAdmin, dup), StatusIllegalArgument, ErrTypeIllegalArgument)
}

func TestClustersLifecycle(t *testing.T) {
	rn := startTest(t, testOpts())
	base := rn.URL()
	expectError(t, call(t, base, "POST", "/public/api/admin/clusters/", testBob, map[string]any{"name": "c"}), 403, ErrTypeUnauthorized)
	r := call(t, base, "POST", "/public/api/admin/clusters/", testAdmin, map[string]any{"name": "c1", "type": "manual", "architecture": "KUBERNETES", "params": map[string]any{"a": 1}})
	expectOK(t, r)
	id, _ := r.obj()["id"].(string)
	expectError(t, call(t, base, "POST", "/public/api/admin/clusters/", testAdmin, map[string]any{"name": "c1"}), StatusIllegalArgument, ErrTypeIllegalArgument)
	state := func() string {
		r := call(t, base, "GET", "/public/api/admin/clusters/"+id+"/status", testAdmin, nil)
		expectOK(t, r)
		s, _ := r.obj()["state"].(string)
		return s
	}
	if s := state(); s != ClusterNone {
		t.Fatalf("new cluster state %q", s)
	}
	expectOK(t, call(t, base, "POST", "/public/api/admin/clusters/"+id+"/actions/start", testAdmin, nil))
	if s := state(); s != ClusterRunning {
		t.Fatalf("after start %q", s)
	}
	expectOK(t, call(t, base, "POST", "/public/api/admin/clusters/"+id+"/actions/stop?terminate=false", testAdmin, nil))
	if s := state(); s != ClusterStopped {
		t.Fatalf("after stop %q", s)
	}
	g := call(t, base, "GET", "/public/api/admin/clusters/"+id, testAdmin, nil)
	expectOK(t, g)
	if g.obj()["architecture"] != "KUBERNETES" || g.obj()["state"] != nil {
		t.Fatalf("cluster %s", g.raw)
	}
	expectOK(t, call(t, base, "DELETE", "/public/api/admin/clusters/"+id, testAdmin, nil))
	expectError(t, call(t, base, "GET", "/public/api/admin/clusters/"+id, testAdmin, nil), 404, ErrTypeNotFound)
}
