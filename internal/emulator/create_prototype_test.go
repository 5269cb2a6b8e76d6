package emulator

import "testing"

// A create carrying a whole definition: stored as posted by default; with
// CreateKeepsOnlyPrototype, only the fields DSS's own client sends are
// kept and the server's defaults stand for the rest.
func TestCreateKeepsOnlyPrototype(t *testing.T) {
	for _, keepOnly := range []bool{false, true} {
		opts := testOpts()
		opts.CreateKeepsOnlyPrototype = keepOnly
		u := startTest(t, opts).URL()
		expectOK(t, createProject(t, u, "CP", testAdmin, nil))

		ds := map[string]any{
			"projectKey": "CP", "name": "full", "type": "Filesystem",
			"params":     map[string]any{"connection": "filesystem_root", "path": "/full"},
			"formatType": "csv", "formatParams": map[string]any{"separator": ","},
			"description": "posted", "tags": []any{"b", "a"},
			"schema": map[string]any{"columns": []any{map[string]any{"name": "id", "type": "bigint"}}, "userModified": true},
		}
		expectOK(t, call(t, u, "POST", "/public/api/projects/CP/datasets/", testAdmin, ds))
		got := call(t, u, "GET", "/public/api/projects/CP/datasets/full", testAdmin, nil).obj()
		cols, _ := got["schema"].(map[string]any)["columns"].([]any)
		if got["formatType"] != "csv" || got["params"].(map[string]any)["path"] != "/full" {
			t.Errorf("keepOnly=%t: the prototype fields were not kept: %v", keepOnly, got)
		}
		if keepOnly != (got["description"] == "" && len(cols) == 0 && len(got["tags"].([]any)) == 0) {
			t.Errorf("keepOnly=%t: description %q, columns %v, tags %v", keepOnly, got["description"], cols, got["tags"])
		}

		folder := createFolderBody("f")
		folder["projectKey"], folder["description"] = "CP", "posted"
		r := call(t, u, "POST", "/public/api/projects/CP/managedfolders/", testAdmin, folder)
		expectOK(t, r)
		id, _ := r.obj()["id"].(string)
		f := call(t, u, "GET", "/public/api/projects/CP/managedfolders/"+id, testAdmin, nil).obj()
		if keepOnly != (f["description"] == "") {
			t.Errorf("keepOnly=%t: folder description %q", keepOnly, f["description"])
		}
	}
}
