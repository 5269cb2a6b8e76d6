package emulator

import (
	"reflect"
	"testing"
)

// A notebook's routes as dataikuapi calls them: create with the content as
// the body (a taken name refused), the content read back with DSS's
// metadata stamps and what DSS does not know kept, the list's items, a
// PUT replacing the content (creator kept, modifiedBy the writer), a
// DELETE, and a missing notebook a 404 NotFoundException.
func TestJupyterNotebookLifecycle(t *testing.T) {
	o := persistentOpts(t)
	rn, u := startWithProject(t, o, "NB")
	const coll = "/public/api/projects/NB/jupyter-notebooks/"
	content := map[string]any{
		"nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "python3", "display_name": "Python 3", "language": "python"}, "team": "ops"},
		"cells":    []any{map[string]any{"cell_type": "code", "source": "print(1)", "metadata": map[string]any{}, "outputs": []any{}, "execution_count": nil}},
	}
	expectOK(t, call(t, u, "POST", coll+"my%20checks", testAdmin, content))
	expectError(t, call(t, u, "POST", coll+"my%20checks", testAdmin, content), 400, ErrTypeIllegalArgument)

	got := call(t, u, "GET", coll+"my%20checks", testAdmin, nil)
	expectOK(t, got)
	meta := got.obj()["metadata"].(map[string]any)
	if meta["creator"] != "admin" || meta["modifiedBy"] != "admin" || meta["createdOn"] == nil || meta["team"] != "ops" {
		t.Fatalf("metadata after the create: %v", meta)
	}
	if cells := got.obj()["cells"].([]any); len(cells) != 1 || cells[0].(map[string]any)["source"] != "print(1)" {
		t.Fatalf("cells: %v", cells)
	}

	list := call(t, u, "GET", coll+"?active=false", testAdmin, nil)
	expectOK(t, list)
	want := []any{map[string]any{"projectKey": "NB", "name": "my checks", "language": "python", "tags": []any{},
		"kernelSpec": map[string]any{"name": "python3", "display_name": "Python 3", "language": "python"}}}
	if !reflect.DeepEqual(list.body, want) {
		t.Fatalf("list: %v", list.body)
	}
	if active := call(t, u, "GET", coll+"?active=True", testAdmin, nil); !reflect.DeepEqual(active.body, []any{}) {
		t.Fatalf("active list: %s", active.raw)
	}

	edited := got.obj()
	edited["cells"] = []any{map[string]any{"cell_type": "markdown", "source": "# Checks", "metadata": map[string]any{}}}
	expectOK(t, call(t, u, "PUT", coll+"my%20checks", testAdmin, edited))
	again := call(t, u, "GET", coll+"my%20checks", testAdmin, nil).obj()
	if m := again["metadata"].(map[string]any); m["creator"] != "admin" || m["createdOn"] != meta["createdOn"] {
		t.Fatalf("metadata after the PUT: %v", m)
	}
	if c := again["cells"].([]any)[0].(map[string]any); c["source"] != "# Checks" {
		t.Fatalf("cells after the PUT: %v", again["cells"])
	}

	// Restarted: the notebook is still there.
	u = restartedURL(t, rn, o)
	if kept := call(t, u, "GET", coll+"my%20checks", testAdmin, nil).obj(); !reflect.DeepEqual(kept, again) {
		t.Fatalf("after a restart: %v\nwant %v", kept, again)
	}

	expectError(t, call(t, u, "PUT", coll+"none", testAdmin, content), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "POST", coll+"bad", testAdmin, map[string]any{"cells": "x"}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", coll+"bad", testAdmin, map[string]any{"metadata": []any{}}), 400, ErrTypeIllegalArgument)
	expectOK(t, call(t, u, "DELETE", coll+"my%20checks", testAdmin, nil))
	expectError(t, call(t, u, "GET", coll+"my%20checks", testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "DELETE", coll+"my%20checks", testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "GET", "/public/api/projects/NOPE/jupyter-notebooks/x", testAdmin, nil), 404, ErrTypeNotFound)
}

// Reading needs read access to the project; every change, write access.
func TestJupyterNotebookRights(t *testing.T) {
	u := startWithBobReading(t, "NBR")
	const coll = "/public/api/projects/NBR/jupyter-notebooks/"
	expectOK(t, call(t, u, "POST", coll+"a", testAdmin, map[string]any{"cells": []any{}}))
	expectOK(t, call(t, u, "GET", coll, testBob, nil))
	expectOK(t, call(t, u, "GET", coll+"a", testBob, nil))
	for _, c := range []struct{ method, path string }{{"POST", coll + "b"}, {"PUT", coll + "a"}, {"DELETE", coll + "a"}} {
		expectMessage(t, call(t, u, c.method, c.path, testBob, map[string]any{"cells": []any{}}), 403, ErrTypeUnauthorized, "Action forbidden: you may not write project NBR")
	}
	expectError(t, call(t, u, "GET", coll+"a", testCarol, nil), 403, ErrTypeUnauthorized)
}
