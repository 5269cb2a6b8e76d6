package emulator

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"testing"
)

// A design project's API service and its packages: the service made by
// create_api_service and a settings save, packages created (release notes
// kept, endpoints snapshotted), listed, summarised, downloaded as a zip and
// deleted; DSS's refusals (a missing service or package, a duplicate id);
// rights (project write to package, the API Deployer's right to publish);
// a publish into the service's own id or another, which creates the
// published service, adds the version a deployment can use, and refuses
// the same version twice; the design package's delete leaves the version.
func TestAPIServicePackages(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	expectOK(t, createProject(t, u, "P", testBob, nil))
	svcs := api + "/projects/P/apiservices/"
	svc := svcs + "scoring"
	pkgs := svc + "/packages"

	expectError(t, call(t, u, "POST", pkgs+"/v1", testBob, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "POST", svcs+"a.b", testBob, nil), StatusIllegalArgument, ErrTypeIllegalArgument)
	expectOK(t, call(t, u, "POST", svc, testBob, nil))
	expectError(t, call(t, u, "POST", svc, testBob, nil), StatusDuplicate, ErrTypeIllegalArgument)
	settings := call(t, u, "GET", svc+"/settings", testBob, nil).obj()
	if settings["id"] != "scoring" || len(settings["endpoints"].([]any)) != 0 {
		t.Fatalf("new service %v", settings)
	}
	settings["endpoints"] = []any{map[string]any{"id": "predict", "type": "PY_FUNCTION", "code": "def f(): pass"}}
	expectOK(t, call(t, u, "PUT", svc+"/settings", testBob, settings))
	list := call(t, u, "GET", svcs, testBob, nil)
	if l, _ := list.body.([]any); len(l) != 1 || deepGet(l[0].(map[string]any), "id") != "scoring" ||
		l[0].(map[string]any)["endpoints"].([]any)[0].(map[string]any)["type"] != "PY_FUNCTION" {
		t.Fatalf("services %s", list.raw)
	}

	// Packages: rights, then create, duplicate, list, summary, archive.
	expectError(t, call(t, u, "POST", pkgs+"/v1", testCarol, nil), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, u, "POST", pkgs+"/v1?releaseNotes=first", testBob, nil))
	expectError(t, call(t, u, "POST", pkgs+"/v1", testBob, nil), StatusDuplicate, ErrTypeIllegalArgument)
	expectOK(t, call(t, u, "POST", pkgs+"/v2", testBob, nil))
	if l, _ := call(t, u, "GET", pkgs, testBob, nil).body.([]any); len(l) != 2 || l[0].(map[string]any)["id"] != "v1" || l[0].(map[string]any)["createdOn"] == nil {
		t.Fatalf("packages %v", l)
	}
	sum := call(t, u, "GET", pkgs+"/v1/summary", testBob, nil).obj()
	if sum["releaseNotes"] != "first" || sum["createdBy"] != "bob" || len(sum["endpoints"].([]any)) != 1 {
		t.Fatalf("summary %v", sum)
	}
	expectError(t, call(t, u, "GET", pkgs+"/v9/summary", testBob, nil), 404, ErrTypeNotFound)
	req, _ := http.NewRequest("GET", u+pkgs+"/v1/archive", nil)
	req.SetBasicAuth(testBob, "")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(res.Body)
	_ = res.Body.Close()
	if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); res.StatusCode != 200 || err != nil {
		t.Fatalf("archive: %d %v", res.StatusCode, err)
	}

	// Publishing needs the API Deployer's right; it creates the published
	// service, named after the design service unless told otherwise.
	expectError(t, call(t, u, "POST", pkgs+"/v1/publish", testBob, nil), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, u, "POST", pkgs+"/v1/publish", testAdmin, nil))
	expectError(t, call(t, u, "POST", pkgs+"/v1/publish", testAdmin, nil), StatusDuplicate, ErrTypeIllegalArgument)
	expectOK(t, call(t, u, "POST", pkgs+"/v2/publish?publishedServiceId=other", testAdmin, nil))
	expectError(t, call(t, u, "POST", pkgs+"/v9/publish", testAdmin, nil), 404, ErrTypeNotFound)
	versions := func(id string) []any {
		light := call(t, u, "GET", api+"/api-deployer/services/"+id, testAdmin, nil)
		expectOK(t, light)
		return light.obj()["packages"].([]any)
	}
	if v := versions("scoring"); len(v) != 1 || v[0].(map[string]any)["id"] != "v1" {
		t.Fatalf("scoring's versions %v", v)
	}
	if v := versions("other"); len(v) != 1 || v[0].(map[string]any)["id"] != "v2" {
		t.Fatalf("other's versions %v", v)
	}
	// The published version is deployable.
	expectOK(t, call(t, u, "POST", api+"/api-deployer/infras", testAdmin, map[string]any{"id": "i", "stage": "Production", "type": "STATIC"}))
	expectOK(t, call(t, u, "POST", api+"/api-deployer/deployments", testAdmin,
		map[string]any{"deploymentId": "d", "publishedServiceId": "scoring", "infraId": "i", "version": "v1"}))

	// Deleting the design package leaves the published version.
	expectError(t, call(t, u, "DELETE", pkgs+"/v1", testCarol, nil), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, u, "DELETE", pkgs+"/v1", testBob, nil))
	expectError(t, call(t, u, "DELETE", pkgs+"/v1", testBob, nil), 404, ErrTypeNotFound)
	if l, _ := call(t, u, "GET", pkgs, testBob, nil).body.([]any); len(l) != 1 {
		t.Fatalf("packages after delete %v", l)
	}
	if v := versions("scoring"); len(v) != 1 {
		t.Fatalf("scoring's versions after the design delete %v", v)
	}
	if n := rn.Server.Stats().ByRoute["POST /public/api/projects/{projectKey}/apiservices/{serviceId}/packages/{packageId}/publish"]; n != 5 {
		t.Fatalf("publish requests counted %d, want 5", n)
	}
}
