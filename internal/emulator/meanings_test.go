package emulator

import (
	"reflect"
	"testing"
)

// User-defined meanings: create (admin only, defaults, duplicate, unknown
// type and mode refused), GET and list for every key, PUT (admin only,
// whole document, unknown keys kept, id fixed), no DELETE route, the
// test hook, and a dataset column naming a meaning.
func TestMeaningsLifecycle(t *testing.T) {
	rn := startTest(t, withPG(testOpts()))
	base := rn.URL()
	const root = "/public/api/meanings/"
	country := map[string]any{"id": "country_code", "label": "Country code", "type": "VALUES_LIST", "description": nil,
		"entries":  []any{map[string]any{"value": "FR", "color": "#0000ff"}, map[string]any{"value": "DE"}},
		"mappings": nil, "pattern": nil, "normalizationMode": nil, "detectable": false}
	expectError(t, call(t, base, "POST", root, testBob, country), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, base, "POST", root, testAdmin, country))
	expectError(t, call(t, base, "POST", root, testAdmin, country), StatusDuplicate, ErrTypeIllegalArgument)
	expectError(t, call(t, base, "POST", root, testAdmin, map[string]any{"id": "x", "label": "x", "type": "FREE_TEXT"}), StatusIllegalArgument, ErrTypeIllegalArgument)
	expectError(t, call(t, base, "POST", root, testAdmin, map[string]any{"id": "x", "label": "x", "type": "PATTERN", "normalizationMode": "FUZZY"}),
		StatusIllegalArgument, ErrTypeIllegalArgument)
	expectError(t, call(t, base, "POST", root, testAdmin, map[string]any{"label": "x", "type": "PATTERN"}), StatusIllegalArgument, ErrTypeIllegalArgument)

	// Every key reads; the POST filled the defaults where the body held null.
	g := call(t, base, "GET", root+"country_code", testBob, nil)
	expectOK(t, g)
	d := g.obj()
	if d["normalizationMode"] != "EXACT" || d["detectable"] != false || !reflect.DeepEqual(d["mappings"], []any{}) ||
		!reflect.DeepEqual(d["entries"], country["entries"]) || d["label"] != "Country code" {
		t.Fatalf("created: %s", g.raw)
	}
	expectError(t, call(t, base, "GET", root+"nope", testAdmin, nil), 404, ErrTypeNotFound)
	expectOK(t, call(t, base, "POST", root, testAdmin, map[string]any{"id": "invoice_id", "label": "Invoice id", "type": "PATTERN", "pattern": "INV-[0-9]+"}))
	l := call(t, base, "GET", root, testBob, nil)
	expectOK(t, l)
	if list, _ := l.body.([]any); len(list) != 2 || list[0].(map[string]any)["id"] != "country_code" || list[1].(map[string]any)["pattern"] != "INV-[0-9]+" {
		t.Fatalf("list: %s", l.raw)
	}

	// PUT: admin only, the whole document as sent (no defaults), an
	// unknown key kept, another id refused, an unknown type refused.
	d["label"], d["uiHint"] = "Country (ISO)", map[string]any{"x": 1.0}
	delete(d, "mappings")
	expectError(t, call(t, base, "PUT", root+"country_code", testBob, d), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, base, "PUT", root+"country_code", testAdmin, d))
	got := call(t, base, "GET", root+"country_code", testAdmin, nil).obj()
	if _, has := got["mappings"]; has || got["label"] != "Country (ISO)" || !reflect.DeepEqual(got["uiHint"], map[string]any{"x": 1.0}) {
		t.Fatalf("after PUT: %v", got)
	}
	bad := copyDoc(d)
	bad["id"] = "other"
	expectError(t, call(t, base, "PUT", root+"country_code", testAdmin, bad), StatusIllegalArgument, ErrTypeIllegalArgument)
	bad = copyDoc(d)
	bad["type"] = "nope"
	expectError(t, call(t, base, "PUT", root+"country_code", testAdmin, bad), StatusIllegalArgument, ErrTypeIllegalArgument)
	expectError(t, call(t, base, "PUT", root+"nope", testAdmin, d), 404, ErrTypeNotFound)

	// No delete in DSS's API: an unknown route.
	expectError(t, call(t, base, "DELETE", root+"country_code", testAdmin, nil), 404, ErrTypeNotFound)
	expectOK(t, call(t, base, "GET", root+"country_code", testAdmin, nil))

	// A dataset's column names the meaning; the schema keeps it.
	expectOK(t, createProject(t, base, "DS", testAdmin, nil))
	expectOK(t, createDataset(t, base, "DS", testAdmin, fsDataset("a")))
	cols := []any{map[string]any{"name": "country", "type": "string", "meaning": "country_code"}}
	expectOK(t, call(t, base, "PUT", dsBase+"DS/datasets/a/schema", testAdmin, map[string]any{"columns": cols}))
	if sch := call(t, base, "GET", dsBase+"DS/datasets/a/schema", testAdmin, nil).obj(); !reflect.DeepEqual(sch["columns"], cols) {
		t.Fatalf("schema: %v", sch)
	}

	// The test hook removes it as DSS's UI would.
	if !rn.Server.DeleteMeaningOutside("country_code") || rn.Server.DeleteMeaningOutside("country_code") {
		t.Fatal("DeleteMeaningOutside")
	}
	expectError(t, call(t, base, "GET", root+"country_code", testAdmin, nil), 404, ErrTypeNotFound)
}
