package emulator

import (
	"archive/zip"
	"bytes"
	"mime/multipart"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// An API Deployer infrastructure's life: create (type, stage and policy
// checked), DSS's defaults, settings replaced whole with id, stage and type
// kept, the list and light status, rights, and the delete refused while a
// deployment is on it.
func TestAPIDeployerInfraLifecycle(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	infras := api + "/api-deployer/infras"
	stages := call(t, u, "GET", api+"/api-deployer/stages", testAdmin, nil)
	expectOK(t, stages)
	if list, _ := stages.body.([]any); len(list) != len(DeployerStages) || list[2].(map[string]any)["id"] != "Production" {
		t.Fatalf("stages %s", stages.raw)
	}
	for _, bad := range []map[string]any{
		{"id": "s", "stage": "Nowhere", "type": "STATIC"},
		{"id": "s", "stage": "Production", "type": "static"},
		{"id": "s", "stage": "Production", "type": "STATIC", "governCheckPolicy": "SOMETIMES"},
		{"id": "a/b", "stage": "Production", "type": "STATIC"},
	} {
		expectError(t, call(t, u, "POST", infras, testAdmin, bad), StatusIllegalArgument, ErrTypeIllegalArgument)
	}
	expectError(t, call(t, u, "POST", infras, testBob, map[string]any{"id": "s", "stage": "Production", "type": "STATIC"}), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, u, "POST", infras, testAdmin, map[string]any{"id": "s", "stage": "Production", "type": "STATIC"}))
	expectOK(t, call(t, u, "POST", infras, testAdmin, map[string]any{"id": "k", "stage": "Test", "type": "K8S", "governCheckPolicy": "WARN"}))
	expectError(t, call(t, u, "POST", infras, testAdmin, map[string]any{"id": "s", "stage": "Test", "type": "K8S"}), StatusDuplicate, ErrTypeIllegalArgument)

	s := call(t, u, "GET", infras+"/s/settings", testAdmin, nil).obj()
	if s["type"] != "STATIC" || s["governCheckPolicy"] != "NO_CHECK" || len(s["apiNodes"].([]any)) != 0 || s["permissions"] == nil {
		t.Fatalf("STATIC defaults %v", s)
	}
	if k := call(t, u, "GET", infras+"/k/settings", testAdmin, nil).obj(); k["type"] != "K8S" || k["apiNodes"] != nil {
		t.Fatalf("K8S defaults %v", k)
	}
	// A PUT replaces the settings whole, but not the id, stage or type.
	s["apiNodes"] = []any{map[string]any{"url": "http://api-1.example.com:12000", "adminAPIKey": "node-key", "graphitePrefix": "n1"}}
	s["stage"], s["type"], s["carbonAPISettings"] = "Test", "K8S", map[string]any{"carbonAPIURL": "http://carbon"}
	expectOK(t, call(t, u, "PUT", infras+"/s/settings", testAdmin, s))
	got := call(t, u, "GET", infras+"/s/settings", testAdmin, nil).obj()
	if got["stage"] != "Production" || got["type"] != "STATIC" || deepGet(got, "carbonAPISettings", "carbonAPIURL") != "http://carbon" ||
		got["apiNodes"].([]any)[0].(map[string]any)["adminAPIKey"] != "node-key" {
		t.Fatalf("settings after PUT %v", got)
	}
	// [I] A node's URL is kept as written, even without an http(s) scheme.
	bare := copyDoc(got)
	bare["apiNodes"] = []any{map[string]any{"url": "api-node-1:12000", "adminAPIKey": "k"}}
	expectOK(t, call(t, u, "PUT", infras+"/s/settings", testAdmin, bare))
	if n := call(t, u, "GET", infras+"/s/settings", testAdmin, nil).obj()["apiNodes"].([]any); len(n) != 1 || n[0].(map[string]any)["url"] != "api-node-1:12000" {
		t.Fatalf("apiNodes %v", n)
	}
	expectOK(t, call(t, u, "PUT", infras+"/s/settings", testAdmin, got))
	bad := copyDoc(got)
	bad["apiNodes"] = []any{"http://not-an-object"}
	expectError(t, call(t, u, "PUT", infras+"/s/settings", testAdmin, bad), StatusIllegalArgument, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "PUT", infras+"/s/settings", testBob, got), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "GET", infras+"/nope/settings", testAdmin, nil), 404, ErrTypeNotFound)

	list := call(t, u, "GET", infras, testAdmin, nil)
	if l, _ := list.body.([]any); len(l) != 2 || deepGet(l[0].(map[string]any), "infraBasicInfo", "id") != "k" {
		t.Fatalf("list %s", list.raw)
	}
	// The Project Deployer's infrastructures are another collection.
	if l, _ := call(t, u, "GET", api+"/project-deployer/infras", testAdmin, nil).body.([]any); len(l) != 0 {
		t.Fatalf("project deployer infras %v", l)
	}

	// A deployment on the infrastructure: the light status shows it and
	// the delete is refused until it is gone.
	if err := rn.Server.mutate(func(st *State) error {
		st.deployer().APIDeployments["svc-prod"] = &DeploymentRecord{Settings: map[string]any{"id": "svc-prod", "infraId": "s", "publishedServiceId": "svc"}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	light := call(t, u, "GET", infras+"/s", testAdmin, nil).obj()
	if deps, _ := light["deployments"].([]any); len(deps) != 1 || deps[0].(map[string]any)["id"] != "svc-prod" || deepGet(light, "infraBasicInfo", "type") != "STATIC" {
		t.Fatalf("light status %v", light)
	}
	expectError(t, call(t, u, "DELETE", infras+"/s", testAdmin, nil), StatusIllegalArgument, ErrTypeIllegalArgument)
	if err := rn.Server.mutate(func(st *State) error { delete(st.deployer().APIDeployments, "svc-prod"); return nil }); err != nil {
		t.Fatal(err)
	}
	expectError(t, call(t, u, "DELETE", infras+"/s", testBob, nil), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, u, "DELETE", infras+"/s", testAdmin, nil))
	expectError(t, call(t, u, "DELETE", infras+"/s", testAdmin, nil), 404, ErrTypeNotFound)
	if n := rn.Server.Stats().ByRoute["DELETE /public/api/api-deployer/infras/{id}"]; n != 4 {
		t.Fatalf("DELETE requests counted %d, want 4", n)
	}
}

// uploadVersion posts a package archive (an empty zip, or data when not
// nil) as file name to service svc's versions.
func uploadVersion(t *testing.T, base, key, svc, name string, data []byte) resp {
	t.Helper()
	if data == nil {
		var zb bytes.Buffer
		_ = zip.NewWriter(&zb).Close()
		data = zb.Bytes()
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, _ := mw.CreateFormFile("file", name)
	_, _ = part.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", base+api+"/api-deployer/services/"+svc+"/versions", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.SetBasicAuth(key, "")
	return doReq(t, req)
}

// A published service's life: create, defaults, settings, versions
// (uploaded, listed in the light status, a non-zip refused), and the
// delete refused while a deployment uses it; an API deployment's life:
// create checked against the service, infrastructure and version, DSS's
// defaults, a single-version change, the update's health, and the delete
// refused while it is enabled.
func TestAPIDeployerServiceAndDeployment(t *testing.T) {
	opts := testOpts()
	opts.DeploymentUpdateTime = -1
	rn := startTest(t, opts)
	u := rn.URL()
	services, deps := api+"/api-deployer/services", api+"/api-deployer/deployments"
	expectError(t, call(t, u, "POST", services, testBob, map[string]any{"publishedServiceId": "svc"}), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "POST", services, testAdmin, map[string]any{"publishedServiceId": "a/b"}), StatusIllegalArgument, ErrTypeIllegalArgument)
	expectOK(t, call(t, u, "POST", services, testAdmin, map[string]any{"publishedServiceId": "svc"}))
	expectError(t, call(t, u, "POST", services, testAdmin, map[string]any{"publishedServiceId": "svc"}), StatusDuplicate, ErrTypeIllegalArgument)
	set := call(t, u, "GET", services+"/svc/settings", testAdmin, nil).obj()
	if set["owner"] != "admin" || len(set["permissions"].([]any)) != 0 || deepGet(set, "basicInfo", "name") != "svc" {
		t.Fatalf("service defaults %v", set)
	}
	set["permissions"] = []any{map[string]any{"group": "g", "read": true}}
	expectOK(t, call(t, u, "PUT", services+"/svc/settings", testAdmin, set))
	set["permissions"] = "all"
	expectError(t, call(t, u, "PUT", services+"/svc/settings", testAdmin, set), StatusIllegalArgument, ErrTypeIllegalArgument)

	expectError(t, uploadVersion(t, u, testAdmin, "svc", "v1.zip", []byte("not a zip")), StatusIllegalArgument, ErrTypeIllegalArgument)
	expectError(t, uploadVersion(t, u, testBob, "svc", "v1.zip", nil), 403, ErrTypeUnauthorized)
	expectOK(t, uploadVersion(t, u, testAdmin, "svc", "v1.zip", nil))
	expectOK(t, uploadVersion(t, u, testAdmin, "svc", "v2.zip", nil))
	expectError(t, uploadVersion(t, u, testAdmin, "svc", "v2.zip", nil), StatusDuplicate, ErrTypeIllegalArgument)
	expectError(t, uploadVersion(t, u, testAdmin, "nope", "v1.zip", nil), 404, ErrTypeNotFound)
	light := call(t, u, "GET", services+"/svc", testAdmin, nil).obj()
	if p, _ := light["packages"].([]any); len(p) != 2 || p[1].(map[string]any)["id"] != "v2" || deepGet(light, "serviceBasicInfo", "id") != "svc" {
		t.Fatalf("service light status %v", light)
	}
	if l, _ := call(t, u, "GET", services, testAdmin, nil).body.([]any); len(l) != 1 {
		t.Fatalf("service list %v", l)
	}

	expectOK(t, call(t, u, "POST", api+"/api-deployer/infras", testAdmin, map[string]any{"id": "static", "stage": "Production", "type": "STATIC"}))
	create := func(id, svc, infra, version string) resp {
		return call(t, u, "POST", deps+"?ignoreWarnings=false", testAdmin, map[string]any{"deploymentId": id, "publishedServiceId": svc,
			"infraId": infra, "version": version, "endpointId": nil, "authorizationsToQueryThroughDeployer": nil})
	}
	expectError(t, create("d", "nope", "static", "v1"), 404, ErrTypeNotFound)
	expectError(t, create("d", "svc", "nope", "v1"), 404, ErrTypeNotFound)
	expectError(t, create("d", "svc", "static", "v9"), 404, ErrTypeNotFound)
	expectOK(t, create("d", "svc", "static", "v1"))
	expectError(t, create("d", "svc", "static", "v1"), StatusDuplicate, ErrTypeIllegalArgument)
	ds := call(t, u, "GET", deps+"/d/settings", testAdmin, nil).obj()
	if ds["enabled"] != true || deepGet(ds, "generationsMapping", "mode") != "SINGLE_GENERATION" || deepGet(ds, "generationsMapping", "generation") != "v1" {
		t.Fatalf("deployment defaults %v", ds)
	}
	health := func() string {
		return call(t, u, "GET", deps+"/d/status", testAdmin, nil).obj()["health"].(string)
	}
	if h := health(); h != "UNKNOWN" {
		t.Fatalf("health before an update %s", h)
	}
	// A STATIC infrastructure without API nodes: the update fails.
	if res := waitFutureResult(t, u, call(t, u, "POST", deps+"/d/actions/update", testAdmin, nil)); res["status"] != "FAILED" {
		t.Fatalf("update without API nodes %v", res)
	}
	is := call(t, u, "GET", api+"/api-deployer/infras/static/settings", testAdmin, nil).obj()
	is["apiNodes"] = []any{map[string]any{"url": "http://api-1:12000", "adminAPIKey": "k"}}
	expectOK(t, call(t, u, "PUT", api+"/api-deployer/infras/static/settings", testAdmin, is))
	if res := waitFutureResult(t, u, call(t, u, "POST", deps+"/d/actions/update", testAdmin, nil)); res["status"] != "SUCCESS" {
		t.Fatalf("update %v", res)
	}
	if h := health(); h != "HEALTHY" {
		t.Fatalf("health after an update %s", h)
	}
	// A single-version change to a missing version is refused; to v2, it
	// leaves the deployment out of sync until its update.
	ds["generationsMapping"] = map[string]any{"mode": "SINGLE_GENERATION", "generation": "v9"}
	expectError(t, call(t, u, "PUT", deps+"/d/settings?ignoreWarnings=false", testAdmin, ds), 404, ErrTypeNotFound)
	ds["generationsMapping"] = map[string]any{"mode": "SINGLE_GENERATION", "generation": "v2"}
	expectOK(t, call(t, u, "PUT", deps+"/d/settings?ignoreWarnings=false", testAdmin, ds))
	if h := health(); h != "OUT_OF_SYNC" {
		t.Fatalf("health after a change %s", h)
	}
	if info := call(t, u, "GET", deps+"/d", testAdmin, nil).obj(); deepGet(info, "deploymentBasicInfo", "enabled") != true ||
		deepGet(info, "deploymentBasicInfo", "publishedServiceId") != "svc" {
		t.Fatalf("deployment light status %v", info)
	}

	// What the deployment uses cannot go: its version, service and
	// infrastructure; nor can the deployment while it is enabled.
	expectError(t, call(t, u, "DELETE", services+"/svc/versions/v2", testAdmin, nil), StatusIllegalArgument, ErrTypeIllegalArgument)
	expectOK(t, call(t, u, "DELETE", services+"/svc/versions/v1", testAdmin, nil))
	expectError(t, call(t, u, "DELETE", services+"/svc/versions/v1", testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "DELETE", services+"/svc", testAdmin, nil), StatusIllegalArgument, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "DELETE", api+"/api-deployer/infras/static", testAdmin, nil), StatusIllegalArgument, ErrTypeIllegalArgument)
	refused := call(t, u, "DELETE", deps+"/d?ignorePreDeleteErrors=false", testAdmin, nil)
	expectError(t, refused, StatusIllegalArgument, ErrTypeIllegalArgument)
	if !strings.Contains(string(refused.raw), MsgAPIDeploymentEnabled) {
		t.Fatalf("refusal %s", refused.raw)
	}
	ds["enabled"] = false
	expectOK(t, call(t, u, "PUT", deps+"/d/settings?ignoreWarnings=false", testAdmin, ds))
	expectError(t, call(t, u, "DELETE", deps+"/d", testBob, nil), 403, ErrTypeUnauthorized)
	// An API node that cannot be reached fails the delete, unless the
	// delete ignores the errors of what DSS does first.
	if err := rn.Server.SetPreDeleteError("d", "API node http://api-1 cannot be reached"); err != nil {
		t.Fatal(err)
	}
	failed := call(t, u, "DELETE", deps+"/d?ignorePreDeleteErrors=false", testAdmin, nil)
	expectError(t, failed, 500, ErrTypeRuntime)
	if !strings.Contains(string(failed.raw), "cannot be reached") {
		t.Fatalf("failed delete %s", failed.raw)
	}
	expectOK(t, call(t, u, "GET", deps+"/d/settings", testAdmin, nil))
	expectOK(t, call(t, u, "DELETE", deps+"/d?ignorePreDeleteErrors=true", testAdmin, nil))
	expectError(t, call(t, u, "GET", deps+"/d/settings", testAdmin, nil), 404, ErrTypeNotFound)
	expectOK(t, call(t, u, "DELETE", services+"/svc", testAdmin, nil))
	if n := rn.Server.Stats().ByRoute["POST /public/api/api-deployer/deployments/{id}/actions/update"]; n != 2 {
		t.Fatalf("updates counted %d, want 2", n)
	}
}

// The heavy status says where a deployment's service answers, as
// dataikuapi's get_service_urls reads it: a STATIC infrastructure's API
// nodes, each with its URL only (never its admin key), in the
// infrastructure's order, before and after an update; a K8S
// infrastructure's public URL, once an update deployed it.
func TestAPIDeploymentStatusServedAt(t *testing.T) {
	opts := testOpts()
	opts.DeploymentUpdateTime = -1
	rn := startTest(t, opts)
	u := rn.URL()
	deps := api + "/api-deployer/deployments"
	expectOK(t, call(t, u, "POST", api+"/api-deployer/services", testAdmin, map[string]any{"publishedServiceId": "svc"}))
	expectOK(t, uploadVersion(t, u, testAdmin, "svc", "v1.zip", nil))
	for _, typ := range []string{"STATIC", "K8S"} {
		expectOK(t, call(t, u, "POST", api+"/api-deployer/infras", testAdmin, map[string]any{"id": typ, "stage": "Production", "type": typ}))
		expectOK(t, call(t, u, "POST", deps, testAdmin, map[string]any{"deploymentId": "on-" + typ, "publishedServiceId": "svc",
			"infraId": typ, "version": "v1"}))
	}
	is := call(t, u, "GET", api+"/api-deployer/infras/STATIC/settings", testAdmin, nil).obj()
	is["apiNodes"] = []any{map[string]any{"url": "http://b:12000", "adminAPIKey": "kb"}, map[string]any{"url": "http://a:12000", "adminAPIKey": "ka"}}
	expectOK(t, call(t, u, "PUT", api+"/api-deployer/infras/STATIC/settings", testAdmin, is))
	status := func(id string) resp { return call(t, u, "GET", deps+"/"+id+"/status", testAdmin, nil) }
	wantNodes := []any{map[string]any{"url": "http://b:12000"}, map[string]any{"url": "http://a:12000"}}
	for range 2 {
		st := status("on-STATIC")
		if got := st.obj(); !reflect.DeepEqual(got["apiNodes"], wantNodes) || got["publicURL"] != nil || strings.Contains(string(st.raw), "kb") {
			t.Fatalf("STATIC status %s", st.raw)
		}
		if got := status("on-K8S").obj(); got["apiNodes"] != nil || got["publicURL"] != nil {
			t.Fatalf("K8S status before an update %v", got)
		}
		if res := waitFutureResult(t, u, call(t, u, "POST", deps+"/on-STATIC/actions/update", testAdmin, nil)); res["status"] != "SUCCESS" {
			t.Fatalf("update %v", res)
		}
	}
	if res := waitFutureResult(t, u, call(t, u, "POST", deps+"/on-K8S/actions/update", testAdmin, nil)); res["status"] != "SUCCESS" {
		t.Fatalf("update %v", res)
	}
	if got := status("on-K8S").obj(); got["publicURL"] != "http://on-K8S.K8S.emulator.invalid" || got["apiNodes"] != nil {
		t.Fatalf("K8S status after an update %v", got)
	}
}
