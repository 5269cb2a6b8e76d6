package emulator

import (
	"reflect"
	"strings"
	"testing"
)

const dsBase = "/public/api/projects/"

func createDataset(t *testing.T, u, key, asKey string, body map[string]any) resp {
	t.Helper()
	return call(t, u, "POST", dsBase+key+"/datasets/", asKey, body)
}

func fsDataset(name string) map[string]any {
	return map[string]any{
		"projectKey": "DS", "name": name, "type": "Filesystem",
		"params":     map[string]any{"connection": "filesystem_root", "path": "/data/" + name},
		"formatType": "csv", "formatParams": map[string]any{"separator": ",", "parseHeaderRow": true},
	}
}

func TestDatasetCreateDefaults(t *testing.T) {
	_, u := startWithProject(t, withPG(testOpts()), "DS")
	r := createDataset(t, u, "DS", testAdmin, fsDataset("orders"))
	expectOK(t, r)
	if r.obj()["name"] != "orders" {
		t.Fatalf("create answer %s", r.raw)
	}
	d := call(t, u, "GET", dsBase+"DS/datasets/orders", testAdmin, nil).obj()
	params := d["params"].(map[string]any)
	if params["path"] != "/data/orders" || params["connection"] != "filesystem_root" ||
		params["filesSelectionRules"] == nil || params["variablesExpansionLoopConfig"] == nil {
		t.Fatalf("params %v", params)
	}
	fp := d["formatParams"].(map[string]any)
	// Sent keys kept, unsent keys filled.
	if fp["separator"] != "," || fp["parseHeaderRow"] != true || fp["quoteChar"] != "\"" || fp["escapeChar"] != "\\" ||
		fp["dateSerializationFormat"] != "ISO" || fp["arrayMapFormat"] != "json" || fp["compress"] != "" {
		t.Fatalf("formatParams %v", fp)
	}
	if d["managed"] != false || d["description"] != "" || d["shortDesc"] != "" ||
		!reflect.DeepEqual(d["tags"], []any{}) || d["flowOptions"] == nil || d["customFields"] == nil ||
		!reflect.DeepEqual(d["schema"], map[string]any{"columns": []any{}, "userModified": false}) {
		t.Fatalf("defaults %v", d)
	}
	ct := d["creationTag"].(map[string]any)
	if ct["lastModifiedOn"] == nil || ct["lastModifiedBy"].(map[string]any)["login"] != AdminLogin {
		t.Fatalf("creationTag %v", ct)
	}
	// SQL family defaults.
	expectOK(t, createDataset(t, u, "DS", testAdmin, map[string]any{
		"name": "sales", "type": "PostgreSQL",
		"params": map[string]any{"connection": "pg", "mode": "table", "table": "sales", "schema": "public"},
	}))
	sales := call(t, u, "GET", dsBase+"DS/datasets/sales", testAdmin, nil).obj()
	sp := sales["params"].(map[string]any)
	if sp["table"] != "sales" || sp["normalizeDoubles"] != true || sp["assumedTzForUnknownTz"] != "UTC" {
		t.Fatalf("sql params %v", sp)
	}
	// A SQL dataset has no format, so neither formatType nor formatParams
	// (dss-real-shapes.md); nor does a PUT of it give it one.
	for _, k := range []string{"formatType", "formatParams"} {
		if v, ok := sales[k]; ok {
			t.Fatalf("a SQL dataset has %s %v", k, v)
		}
	}
	expectOK(t, call(t, u, "PUT", dsBase+"DS/datasets/sales", testAdmin, sales))
	if v, ok := call(t, u, "GET", dsBase+"DS/datasets/sales", testAdmin, nil).obj()["formatParams"]; ok {
		t.Fatalf("a SQL dataset saved has formatParams %v", v)
	}
}

func withPG(o Options) Options {
	o.Connections = append(append([]Connection{}, DefaultConnections...), Connection{Name: "pg", Type: "PostgreSQL", AllowManaged: true})
	return o
}

func TestDatasetValidation(t *testing.T) {
	rn, u := startWithProject(t, withPG(testOpts()), "DS")
	expectOK(t, createDataset(t, u, "DS", testAdmin, fsDataset("a")))
	r := createDataset(t, u, "DS", testAdmin, fsDataset("a"))
	expectMessage(t, r, StatusDuplicate, ErrTypeIllegalArgument, "Dataset a already exists")
	// Refused: a dot (refs split on it), a slash (the name is a path
	// segment), a blank. Hyphens and spaces are DSS's to judge, and real
	// DSS holds hyphenated names (TestRealShapeHyphenNames).
	for _, bad := range []string{"a.b", "a/b", " ", ""} {
		expectError(t, createDataset(t, u, "DS", testAdmin, fsDataset(bad)), 400, ErrTypeIllegalArgument)
	}
	missing := fsDataset("m")
	missing["params"] = map[string]any{"connection": "nope", "path": "/x"}
	r = createDataset(t, u, "DS", testAdmin, missing)
	expectMessage(t, r, StatusIllegalArgument, ErrTypeIllegalArgument, "Connection 'nope' does not exist")
	wrongType := fsDataset("w")
	wrongType["params"] = map[string]any{"connection": "pg", "path": "/x"}
	expectError(t, createDataset(t, u, "DS", testAdmin, wrongType), 400, ErrTypeIllegalArgument)
	badSchema := fsDataset("s")
	badSchema["schema"] = map[string]any{"columns": []any{map[string]any{"name": "c", "type": "varchar"}}}
	r = createDataset(t, u, "DS", testAdmin, badSchema)
	expectError(t, r, 400, ErrTypeIllegalArgument)
	if !strings.Contains(r.obj()["message"].(string), "varchar") {
		t.Fatalf("%s", r.raw)
	}
	expectError(t, createDataset(t, u, "NOPROJ", testAdmin, fsDataset("x")), 404, ErrTypeNotFound)
	// Missing dataset: 404 NotFoundException with DSS's message.
	r = call(t, u, "GET", dsBase+"DS/datasets/ghost", testAdmin, nil)
	expectMessage(t, r, 404, ErrTypeNotFound, "dataset does not exist: DS.ghost")
	if n := len(rn.Server.Snapshot().Projects["DS"].Datasets); n != 1 {
		t.Fatalf("failed creations left %d datasets", n)
	}
}

func TestDatasetManagedCreate(t *testing.T) {
	_, u := startWithProject(t, withPG(testOpts()), "DS")
	managed := func(name, conn string) resp {
		return call(t, u, "POST", dsBase+"DS/datasets/managed", testAdmin, map[string]any{
			"name": name, "creationSettings": map[string]any{"connectionId": conn, "specificSettings": map[string]any{}},
		})
	}
	expectOK(t, managed("fs_out", "filesystem_managed"))
	d := call(t, u, "GET", dsBase+"DS/datasets/fs_out", testAdmin, nil).obj()
	p := d["params"].(map[string]any)
	if d["managed"] != true || d["type"] != "Filesystem" || p["connection"] != "filesystem_managed" ||
		p["path"] != "${projectKey}/fs_out" || d["formatType"] != "csv" || d["formatParams"].(map[string]any)["quoteChar"] == nil {
		t.Fatalf("managed fs %v", d)
	}
	expectOK(t, managed("sql_out", "pg"))
	d = call(t, u, "GET", dsBase+"DS/datasets/sql_out", testAdmin, nil).obj()
	if d["type"] != "PostgreSQL" || d["params"].(map[string]any)["table"] != "${projectKey}_sql_out" {
		t.Fatalf("managed sql %v", d)
	}
	r := managed("nomanaged", "filesystem_root")
	expectMessage(t, r, 400, ErrTypeIllegalArgument, "Connection 'filesystem_root' does not allow managed datasets")
	r = managed("noconn", "ghost")
	expectMessage(t, r, 400, ErrTypeIllegalArgument, "Connection 'ghost' does not exist")
	expectError(t, managed("fs_out", "filesystem_managed"), StatusDuplicate, ErrTypeIllegalArgument)
}

func TestDatasetPutSchemaMetadataRenameDelete(t *testing.T) {
	rn, u := startWithProject(t, testOpts(), "DS")
	expectOK(t, createDataset(t, u, "DS", testAdmin, fsDataset("a")))
	path := dsBase + "DS/datasets/a"
	d := call(t, u, "GET", path, testAdmin, nil).obj()
	created := d["creationTag"]
	// Whole-document replace: a top-level field left out disappears (then
	// defaults are filled again), an unknown one is kept.
	delete(d, "customFields")
	d["myExtension"] = map[string]any{"x": 1.0}
	d["description"] = "about a"
	d["tags"] = []any{"z", "b"}
	expectOK(t, call(t, u, "PUT", path, testAdmin, d))
	d2 := call(t, u, "GET", path, testAdmin, nil).obj()
	if !reflect.DeepEqual(d2["myExtension"], map[string]any{"x": 1.0}) || d2["description"] != "about a" ||
		!reflect.DeepEqual(d2["tags"], []any{"b", "z"}) || !reflect.DeepEqual(d2["creationTag"], created) {
		t.Fatalf("after PUT %v", d2)
	}
	d2["name"] = "other"
	expectError(t, call(t, u, "PUT", path, testAdmin, d2), 400, ErrTypeIllegalArgument)

	// Schema.
	cols := []any{map[string]any{"name": "id", "type": "bigint"}, map[string]any{"name": "label", "type": "string", "maxLength": -1.0}}
	expectOK(t, call(t, u, "PUT", path+"/schema", testAdmin, map[string]any{"columns": cols}))
	sch := call(t, u, "GET", path+"/schema", testAdmin, nil).obj()
	if !reflect.DeepEqual(sch["columns"], cols) {
		t.Fatalf("schema %v", sch)
	}
	expectError(t, call(t, u, "PUT", path+"/schema", testAdmin, map[string]any{"columns": []any{map[string]any{"name": "x", "type": "text"}}}), 400, ErrTypeIllegalArgument)

	// Metadata round trip.
	md := call(t, u, "GET", path+"/metadata", testAdmin, nil).obj()
	if md["label"] != "a" || md["description"] != "about a" {
		t.Fatalf("metadata %v", md)
	}
	md["tags"] = []any{"t2", "t1"}
	md["shortDesc"] = "short"
	expectOK(t, call(t, u, "PUT", path+"/metadata", testAdmin, md))
	d3 := call(t, u, "GET", path, testAdmin, nil).obj()
	if d3["shortDesc"] != "short" || !reflect.DeepEqual(d3["tags"], []any{"t1", "t2"}) {
		t.Fatalf("after metadata PUT %v", d3)
	}

	// Rename keeps the definition and the creation stamp.
	expectOK(t, createDataset(t, u, "DS", testAdmin, fsDataset("taken")))
	rename := func(from, to string) resp {
		return call(t, u, "POST", dsBase+"DS/actions/renameDataset", testAdmin, map[string]any{"oldName": from, "newName": to})
	}
	expectError(t, rename("a", "taken"), StatusDuplicate, ErrTypeIllegalArgument)
	expectError(t, rename("a", "bad.name"), 400, ErrTypeIllegalArgument)
	expectError(t, rename("ghost", "g2"), 404, ErrTypeNotFound)
	expectOK(t, rename("a", "b"))
	expectError(t, call(t, u, "GET", path, testAdmin, nil), 404, ErrTypeNotFound)
	b := call(t, u, "GET", dsBase+"DS/datasets/b", testAdmin, nil).obj()
	if b["name"] != "b" || !reflect.DeepEqual(b["creationTag"], created) || b["shortDesc"] != "short" {
		t.Fatalf("renamed %v", b)
	}

	// Delete with dropData, parsed case-insensitively.
	expectOK(t, call(t, u, "DELETE", dsBase+"DS/datasets/b?dropData=True", testAdmin, nil))
	expectOK(t, call(t, u, "DELETE", dsBase+"DS/datasets/taken", testAdmin, nil))
	expectError(t, call(t, u, "DELETE", dsBase+"DS/datasets/taken", testAdmin, nil), 404, ErrTypeNotFound)
	if got := rn.Server.DatasetDeletions(); !reflect.DeepEqual(got, []string{"DS.b dropData=true", "DS.taken dropData=false"}) {
		t.Fatalf("deletions %v", got)
	}
}

func TestDatasetListTagsAndVisibility(t *testing.T) {
	_, u := startWithReadersProject(t, testOpts(), "DS")
	for name, tags := range map[string][]any{"a": {"red"}, "b": {"blue"}, "c": {"green", "red"}, "d": {}} {
		body := fsDataset(name)
		body["tags"] = tags
		expectOK(t, createDataset(t, u, "DS", testAdmin, body))
	}
	names := func(r resp) []string {
		var out []string
		for _, e := range r.body.([]any) {
			out = append(out, e.(map[string]any)["name"].(string))
		}
		return out
	}
	if got := names(call(t, u, "GET", dsBase+"DS/datasets/", testAdmin, nil)); !reflect.DeepEqual(got, []string{"a", "b", "c", "d"}) {
		t.Fatalf("list %v", got)
	}
	for _, q := range []string{"?tags=red,blue", "?tags=red&tags=blue"} {
		if got := names(call(t, u, "GET", dsBase+"DS/datasets/"+q, testAdmin, nil)); !reflect.DeepEqual(got, []string{"a", "b", "c"}) {
			t.Fatalf("list %s: %v", q, got)
		}
	}
	// carol reads but cannot write; bob sees nothing, missing or not.
	expectOK(t, call(t, u, "GET", dsBase+"DS/datasets/a", testCarol, nil))
	expectError(t, createDataset(t, u, "DS", testCarol, fsDataset("e")), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "DELETE", dsBase+"DS/datasets/a", testCarol, nil), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "PUT", dsBase+"DS/datasets/a/schema", testCarol, map[string]any{"columns": []any{}}), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "POST", dsBase+"DS/actions/renameDataset", testCarol, map[string]any{"oldName": "a", "newName": "z"}), 403, ErrTypeUnauthorized)
	for _, p := range []string{"DS/datasets/", "DS/datasets/a", "NOPE/datasets/a"} {
		r := call(t, u, "GET", dsBase+p, testBob, nil)
		expectMessage(t, r, 403, ErrTypeUnauthorized, MsgProjectPermissions)
	}
}
