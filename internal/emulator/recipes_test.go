package emulator

import (
	"encoding/json"
	"testing"
)

// The recipe bodies below are what dataikuapi's creators send
// (dss/recipe.py DSSRecipeCreator and subclasses, dss/project.py
// create_recipe), as json.dumps writes them.

const recipeBase = "/dip/publicapi/projects/RC/recipes/"

func recipeSetup(t *testing.T) string {
	t.Helper()
	_, u := startWithProject(t, testOpts(), "RC")
	for _, ds := range []string{"raw", "clean", "other", "joined"} {
		expectOK(t, call(t, u, "POST", "/dip/publicapi/projects/RC/datasets/", testAdmin,
			`{"projectKey": "RC", "name": "`+ds+`", "type": "Filesystem", "params": {"connection": "filesystem_managed", "path": "/`+ds+`"}, "formatType": "csv", "formatParams": {}}`))
	}
	return u
}

func TestRecipeDataikuapiShapes(t *testing.T) {
	u := recipeSetup(t)
	py := pyCaller(t, u)
	// project.new_recipe("python", "compute_clean").with_input("raw")
	// .with_output("clean").with_script("print(1)").create()
	r := py("POST", recipeBase, `{"recipePrototype": {"inputs": {"main": {"items": [{"ref": "raw"}]}}, "outputs": {"main": {"items": [{"ref": "clean", "appendMode": false}]}}, "type": "python", "name": "compute_clean", "projectKey": "RC"}, "creationSettings": {"script": "print(1)"}}`)
	if r.obj()["name"] != "compute_clean" {
		t.Fatalf("create reply %s", r.raw)
	}
	// new_recipe("join").with_input("raw").with_input("other")
	// .with_existing_output("joined").create(): inputs as virtualInputs.
	py("POST", recipeBase, `{"recipePrototype": {"inputs": {}, "outputs": {"main": {"items": [{"ref": "joined", "appendMode": false}]}}, "type": "join", "name": null, "projectKey": "RC"}, "creationSettings": {"createOutputDataset": false, "outputDatasetSettings": null, "createOutputFolder": false, "outputFolderSettings": null, "virtualInputs": ["raw", "other", "raw"]}}`)
	// get_settings(): {recipe, payload}; GET always carries deps/appendMode.
	s := py("GET", recipeBase+"compute_joined", "").obj()
	rec := s["recipe"].(map[string]any)
	ins := rec["inputs"].(map[string]any)["main"].(map[string]any)["items"].([]any)
	if len(ins) != 2 || ins[0].(map[string]any)["ref"] != "raw" || ins[0].(map[string]any)["deps"] == nil {
		t.Fatalf("join inputs %v", ins)
	}
	var payload map[string]any
	if err := json.Unmarshal([]byte(s["payload"].(string)), &payload); err != nil || len(payload["virtualInputs"].([]any)) != 2 {
		t.Fatalf("join payload %v %v", s["payload"], err)
	}
	// settings.save(): PUT of the dict, unknown keys kept.
	s["someFutureKey"] = "kept"
	rec["description"] = "joined"
	py("PUT", recipeBase+"compute_joined", mustJSON(t, s))
	got := py("GET", recipeBase+"compute_joined", "").obj()
	if got["someFutureKey"] != "kept" || got["recipe"].(map[string]any)["description"] != "joined" {
		t.Fatalf("after save %v", got)
	}
	// A PUT without payload keeps it.
	delete(got, "payload")
	py("PUT", recipeBase+"compute_joined", mustJSON(t, got))
	if p := py("GET", recipeBase+"compute_clean", "").obj()["payload"]; p != "print(1)" {
		t.Fatalf("python payload %v", p)
	}
	// list_recipes(): items carry inputs and outputs.
	l := py("GET", recipeBase, "").body.([]any)
	if len(l) != 2 || l[0].(map[string]any)["outputs"] == nil {
		t.Fatalf("list %v", l)
	}
	// recipe.delete() leaves the datasets.
	py("DELETE", recipeBase+"compute_joined", "")
	py("GET", "/dip/publicapi/projects/RC/datasets/joined", "")
}

// TestRecipeParamsKeptAbsent: a created recipe starts with the codegen
// template's params {}; a PUT without params (a visual recipe as DSS
// holds it, saved back by dataikuapi as it was read) stores none and a
// GET serves none, and a PUT with params keeps them.
func TestRecipeParamsKeptAbsent(t *testing.T) {
	u := recipeSetup(t)
	py := pyCaller(t, u)
	py("POST", recipeBase, `{"recipePrototype": {"inputs": {"main": {"items": [{"ref": "raw"}]}}, "outputs": {"main": {"items": [{"ref": "clean", "appendMode": false}]}}, "type": "window", "name": "compute_clean", "projectKey": "RC"}, "creationSettings": {}}`)
	s := py("GET", recipeBase+"compute_clean", "").obj()
	rec := s["recipe"].(map[string]any)
	if p, ok := rec["params"].(map[string]any); !ok || len(p) != 0 {
		t.Fatalf("a created recipe's params: %v", rec["params"])
	}
	delete(rec, "params")
	s["payload"] = `{"windows": [], "$idx": 0}`
	py("PUT", recipeBase+"compute_clean", mustJSON(t, s))
	got := py("GET", recipeBase+"compute_clean", "").obj()
	if p, ok := got["recipe"].(map[string]any)["params"]; ok {
		t.Errorf("a PUT without params: served with params %v", p)
	}
	if got["payload"] != `{"windows": [], "$idx": 0}` {
		t.Errorf("payload %v", got["payload"])
	}
	got["recipe"].(map[string]any)["params"] = map[string]any{"engineParams": map[string]any{"maxThreads": 4}}
	py("PUT", recipeBase+"compute_clean", mustJSON(t, got))
	got = py("GET", recipeBase+"compute_clean", "").obj()
	if p, _ := got["recipe"].(map[string]any)["params"].(map[string]any); p["engineParams"] == nil {
		t.Errorf("a PUT with params: served %v", got["recipe"].(map[string]any)["params"])
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// recipeBody is a sync recipe as the sync creator sends it.
func recipeBody(name, in, out string) map[string]any {
	return map[string]any{
		"recipePrototype": map[string]any{"type": "sync", "name": name, "projectKey": "RC",
			"inputs":  map[string]any{"main": map[string]any{"items": []any{map[string]any{"ref": in}}}},
			"outputs": map[string]any{"main": map[string]any{"items": []any{map[string]any{"ref": out, "appendMode": false}}}}},
		"creationSettings": map[string]any{},
	}
}

func TestRecipeFlowRules(t *testing.T) {
	u := recipeSetup(t)
	expectOK(t, call(t, u, "POST", recipeBase, testAdmin, recipeBody("a", "raw", "clean")))
	// A dataset has at most one writer.
	expectMessage(t, call(t, u, "POST", recipeBase, testAdmin, recipeBody("b", "other", "clean")),
		400, ErrTypeIllegalArgument, "Dataset clean is already the output of recipe a")
	// Inputs and outputs must exist, unless the creation asks for a new
	// output (TestRecipeCreatesNewOutputs), which needs its connection.
	expectError(t, call(t, u, "POST", recipeBase, testAdmin, recipeBody("c", "nope", "other")), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", recipeBase, testAdmin, recipeBody("c", "raw", "nope")), 400, ErrTypeIllegalArgument)
	b := recipeBody("c", "raw", "nope")
	b["creationSettings"] = map[string]any{"createOutputDataset": true}
	expectError(t, call(t, u, "POST", recipeBase, testAdmin, b), 400, ErrTypeIllegalArgument)
	// Duplicate names and dotted names.
	expectError(t, call(t, u, "POST", recipeBase, testAdmin, recipeBody("a", "raw", "other")), StatusDuplicate, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", recipeBase, testAdmin, recipeBody("a.b", "raw", "other")), 400, ErrTypeIllegalArgument)
	// Rights: bob cannot write admin's project.
	r := call(t, u, "POST", recipeBase, testBob, recipeBody("d", "raw", "other"))
	if r.status != 403 {
		t.Fatalf("bob's create: %d %s", r.status, r.raw)
	}
	// A used dataset cannot be deleted; a renamed one is followed.
	expectError(t, call(t, u, "DELETE", "/dip/publicapi/projects/RC/datasets/raw", testAdmin, nil), 400, ErrTypeIllegalArgument)
	expectOK(t, call(t, u, "POST", "/dip/publicapi/projects/RC/actions/renameDataset", testAdmin, map[string]any{"oldName": "raw", "newName": "raw2"}))
	expectOK(t, call(t, u, "POST", "/dip/publicapi/projects/RC/actions/renameDataset", testAdmin, map[string]any{"oldName": "clean", "newName": "clean2"}))
	rec := call(t, u, "GET", recipeBase+"a", testAdmin, nil).obj()["recipe"].(map[string]any)
	in := rec["inputs"].(map[string]any)["main"].(map[string]any)["items"].([]any)[0].(map[string]any)["ref"]
	out := rec["outputs"].(map[string]any)["main"].(map[string]any)["items"].([]any)[0].(map[string]any)["ref"]
	if in != "raw2" || out != "clean2" {
		t.Fatalf("refs after the renames: %v %v", in, out)
	}
	// A PUT that changes the type is refused; deleting the recipe frees
	// the dataset.
	doc := call(t, u, "GET", recipeBase+"a", testAdmin, nil).obj()
	doc["recipe"].(map[string]any)["type"] = "python"
	expectError(t, call(t, u, "PUT", recipeBase+"a", testAdmin, doc), 400, ErrTypeIllegalArgument)
	expectOK(t, call(t, u, "DELETE", recipeBase+"a", testAdmin, nil))
	expectOK(t, call(t, u, "DELETE", "/dip/publicapi/projects/RC/datasets/raw2", testAdmin, nil))
	expectError(t, call(t, u, "GET", recipeBase+"a", testAdmin, nil), 404, ErrTypeNotFound)
}

// A creation with a new output, as dataikuapi's with_new_output sends it:
// a dataset is created on the given connection as POST /datasets/managed
// does; a managed folder named by the ref is created and the recipe's
// ref becomes its id. A recipe refused after that leaves nothing behind.
func TestRecipeCreatesNewOutputs(t *testing.T) {
	u := recipeSetup(t)
	py := pyCaller(t, u)
	// new_recipe("sync").with_input("raw").with_new_output("raw_copy", "filesystem_managed", format="CSV_UNIX_GZIP").create()
	r := py("POST", recipeBase, `{"recipePrototype": {"inputs": {"main": {"items": [{"ref": "raw"}]}}, "outputs": {"main": {"items": [{"ref": "raw_copy", "appendMode": false}]}}, "type": "sync", "name": null, "projectKey": "RC"}, "creationSettings": {"createOutputDataset": true, "outputDatasetSettings": {"connectionId": "filesystem_managed", "typeOptionId": null, "specificSettings": {"formatOptionId": "CSV_UNIX_GZIP", "overrideSQLSchema": null}, "partitioningOptionId": null}, "createOutputFolder": null, "outputFolderSettings": null}}`)
	if r.obj()["name"] != "compute_raw_copy" {
		t.Fatalf("create reply %s", r.raw)
	}
	ds := py("GET", "/dip/publicapi/projects/RC/datasets/raw_copy", "").obj()
	if ds["managed"] != true || ds["params"].(map[string]any)["connection"] != "filesystem_managed" {
		t.Fatalf("the new output dataset: %v", ds)
	}
	// new_recipe("python").with_input("raw").with_new_output("Reports", "filesystem_folders", object_type="MANAGED_FOLDER")
	if r = py("POST", recipeBase, `{"recipePrototype": {"inputs": {"main": {"items": [{"ref": "raw"}]}}, "outputs": {"main": {"items": [{"ref": "Reports", "appendMode": false}]}}, "type": "python", "name": "report", "projectKey": "RC"}, "creationSettings": {"createOutputDataset": null, "outputDatasetSettings": null, "createOutputFolder": true, "outputFolderSettings": {"connectionId": "filesystem_folders", "typeOptionId": null, "partitioningOptionId": null}}}`); r.obj()["name"] != "report" {
		t.Fatalf("create reply %s", r.raw)
	}
	out := py("GET", recipeBase+"report", "").obj()["recipe"].(map[string]any)["outputs"].(map[string]any)["main"].(map[string]any)["items"].([]any)[0].(map[string]any)
	folder := call(t, u, "GET", "/dip/publicapi/projects/RC/managedfolders/"+out["ref"].(string), testAdmin, nil)
	expectOK(t, folder)
	if folder.obj()["name"] != "Reports" {
		t.Fatalf("the recipe's output %v is not the new folder Reports: %s", out, folder.raw)
	}
	// Refused after its new dataset was made (a second output already
	// written by another recipe): the new dataset is gone again.
	body := map[string]any{"recipePrototype": map[string]any{"type": "sync", "name": "twice", "projectKey": "RC",
		"inputs":  map[string]any{"main": map[string]any{"items": []any{map[string]any{"ref": "raw"}}}},
		"outputs": map[string]any{"main": map[string]any{"items": []any{map[string]any{"ref": "fresh"}, map[string]any{"ref": "raw_copy"}}}}},
		"creationSettings": map[string]any{"createOutputDataset": true, "outputDatasetSettings": map[string]any{"connectionId": "filesystem_managed"}}}
	expectMessage(t, call(t, u, "POST", recipeBase, testAdmin, body), 400, ErrTypeIllegalArgument, "Dataset raw_copy is already the output of recipe compute_raw_copy")
	expectError(t, call(t, u, "GET", "/dip/publicapi/projects/RC/datasets/fresh", testAdmin, nil), 404, ErrTypeNotFound)
}
