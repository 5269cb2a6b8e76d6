package emulator

import (
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
	bad := copyDoc(got)
	bad["apiNodes"] = []any{map[string]any{"url": "ftp://x", "adminAPIKey": "k"}}
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
		st.deployer().APIDeployments["svc-prod"] = map[string]any{"infraId": "s", "publishedServiceId": "svc"}
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
