package emulator

import (
	"slices"
	"testing"
)

// The answers of the kinds the document store took over from handlers of
// their own (recipes, connections, code envs): messages, stamps and list
// shapes as those handlers gave them.

func TestRecipeStoreAnswers(t *testing.T) {
	u := recipeSetup(t)
	expectOK(t, call(t, u, "POST", recipeBase, testAdmin, recipeBody("a", "raw", "clean")))
	doc := call(t, u, "GET", recipeBase+"a", testAdmin, nil).obj()
	put := func(change func(d map[string]any)) resp {
		t.Helper()
		d := copyDoc(doc)
		change(d)
		return call(t, u, "PUT", recipeBase+"a", testAdmin, d)
	}
	recipe := func(d map[string]any) map[string]any { return d["recipe"].(map[string]any) }
	expectMessage(t, put(func(d map[string]any) { delete(d, "recipe") }), 400, ErrTypeIllegalArgument,
		"The recipe settings have no recipe object")
	expectMessage(t, put(func(d map[string]any) { recipe(d)["name"] = "b" }), 400, ErrTypeIllegalArgument,
		"Cannot change the name of recipe a with a PUT (got b)")
	expectMessage(t, put(func(d map[string]any) { recipe(d)["projectKey"] = "OTHER" }), 400, ErrTypeIllegalArgument,
		"Cannot move recipe a to project OTHER")
	expectMessage(t, put(func(d map[string]any) { recipe(d)["type"] = "python" }), 400, ErrTypeIllegalArgument,
		"Cannot change the type of recipe a from sync to python")
	expectMessage(t, put(func(d map[string]any) { d["payload"] = 3 }), 400, ErrTypeIllegalArgument,
		"The recipe payload must be a string")
	// A PUT naming no connection of its own is not judged on one: a
	// recipe document's top-level params are kept as sent.
	r := put(func(d map[string]any) { d["params"] = map[string]any{"connection": "no_such_connection"} })
	expectOK(t, r)
	if m := r.obj()["msg"]; m != "Updated recipe RC.a" {
		t.Fatalf("PUT answer %s", r.raw)
	}
	got := call(t, u, "GET", recipeBase+"a", testAdmin, nil).obj()
	if v := recipe(got)["versionTag"].(map[string]any)["versionNumber"]; mustJSON(t, v) != "1" {
		t.Fatalf("versionNumber after one PUT: %v", v)
	}
	if mustJSON(t, recipe(got)["creationTag"]) != mustJSON(t, recipe(doc)["creationTag"]) {
		t.Fatalf("creationTag changed: %v -> %v", recipe(doc)["creationTag"], recipe(got)["creationTag"])
	}
	// The list answers the recipe parts.
	l := call(t, u, "GET", recipeBase, testAdmin, nil).body.([]any)
	if item := l[0].(map[string]any); len(l) != 1 || item["name"] != "a" || item["payload"] != nil {
		t.Fatalf("list %v", l)
	}
	// A deleted recipe leaves its zone.
	zones := "/dip/publicapi/projects/RC/flow/zones"
	z := call(t, u, "POST", zones, testAdmin, map[string]any{"name": "Z"}).obj()
	zid := z["id"].(string)
	expectOK(t, call(t, u, "POST", zones+"/"+zid+"/items", testAdmin, map[string]any{"objectId": "a", "objectType": "RECIPE"}))
	r = call(t, u, "DELETE", recipeBase+"a", testAdmin, nil)
	if expectOK(t, r); r.obj()["msg"] != "Deleted recipe RC.a" {
		t.Fatalf("DELETE answer %s", r.raw)
	}
	if items := call(t, u, "GET", zones+"/"+zid, testAdmin, nil).obj()["items"].([]any); len(items) != 0 {
		t.Fatalf("zone items after the recipe's deletion: %v", items)
	}
	expectMessage(t, call(t, u, "GET", recipeBase+"a", testAdmin, nil), 404, ErrTypeNotFound, "Recipe does not exist: RC.a")
}

func TestInstanceStoreAnswers(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	const conns = "/dip/publicapi/admin/connections"
	expectOK(t, call(t, u, "POST", conns, testAdmin, map[string]any{"name": "c1", "type": "Filesystem", "params": map[string]any{"root": "/"}}))
	// The list is an object keyed by name.
	list := call(t, u, "GET", conns, testAdmin, nil).obj()
	if c1, _ := list["c1"].(map[string]any); c1 == nil || c1["type"] != "Filesystem" {
		t.Fatalf("connection list %v", list)
	}
	expectMessage(t, call(t, u, "GET", conns+"/nope", testAdmin, nil), 400, ErrTypeIllegalArgument, "Connection 'nope' does not exist")
	def := call(t, u, "GET", conns+"/c1", testAdmin, nil).obj()
	def["name"] = "c2"
	expectMessage(t, call(t, u, "PUT", conns+"/c1", testAdmin, def), 400, ErrTypeIllegalArgument, "Cannot rename connection c1")
	def["name"] = "c1"
	if r := call(t, u, "PUT", conns+"/c1", testAdmin, def); r.status != 200 || len(r.obj()) != 0 {
		t.Fatalf("PUT answer %d %s", r.status, r.raw)
	}
	if r := call(t, u, "DELETE", conns+"/c1", testBob, nil); r.status == 200 {
		t.Fatalf("a non-admin deleted a connection: %s", r.raw)
	}
	if r := call(t, u, "DELETE", conns+"/c1", testAdmin, nil); r.status != 200 || r.obj()["msg"] != "Deleted connection c1" {
		t.Fatalf("DELETE answer %d %s", r.status, r.raw)
	}

	const envs = "/dip/publicapi/admin/code-envs"
	expectOK(t, call(t, u, "POST", envs+"/PYTHON/e1", testAdmin, map[string]any{"deploymentMode": "DESIGN_MANAGED"}))
	expectMessage(t, call(t, u, "GET", envs+"/python/nope", testAdmin, nil), 500, ErrTypeCodedIO, "PYTHON env nope doesn't exist")
	env := call(t, u, "GET", envs+"/PYTHON/e1", testAdmin, nil).obj()
	env["envName"] = "e2"
	expectMessage(t, call(t, u, "PUT", envs+"/PYTHON/e1", testAdmin, env), 400, ErrTypeIllegalArgument, "Cannot rename code env e1")
	env["envName"] = "e1"
	env["specPackageList"] = "pandas"
	if r := call(t, u, "PUT", envs+"/PYTHON/e1", testAdmin, env); r.status != 200 || r.obj()["specPackageList"] != "pandas" || r.obj()["envName"] != "e1" {
		t.Fatalf("PUT answer %d %s", r.status, r.raw)
	}
	if l := call(t, u, "GET", envs, testAdmin, nil).body.([]any); len(l) != 1 || l[0].(map[string]any)["name"] != "e1" {
		t.Fatalf("code env list %v", l)
	}
}

// Every kind has the hooks its generic handlers call without a nil check.
func TestDocKindsHaveTheirHooks(t *testing.T) {
	for _, k := range append(slices.Clone(projectKinds), recipeKind, scenarioKind) {
		if k.noun == "" || k.param == "" || k.keyField == "" || k.docs == nil || k.notFound == nil || k.check == nil || k.fill == nil {
			t.Errorf("project kind %q lacks a hook", k.noun)
		}
	}
	for _, k := range []*docKind{connectionKind, codeEnvKind} {
		if k.noun == "" || k.instance == nil || k.notFound == nil {
			t.Errorf("instance kind %q lacks a hook", k.noun)
		}
	}
}
