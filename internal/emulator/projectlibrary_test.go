package emulator

import (
	"encoding/base64"
	"testing"
)

// The library's routes as dataikuapi's DSSLibrary calls them: a new
// project holds python and R; a file POST writes raw bytes, creating
// missing parents; the tree lists folders with children and files
// without; a GET answers text or, with dataEncoding=base64, the exact
// bytes; a DELETE removes a file or a folder; a missing path is a 404
// NotFoundException.
func TestProjectLibraryLifecycle(t *testing.T) {
	rn, u := startWithProject(t, testOpts(), "PL")
	const lib = "/public/api/projects/PL/libraries/"

	tree := call(t, u, "GET", lib+"contents", testAdmin, nil)
	expectOK(t, tree)
	if string(tree.raw) != `[{"children":[],"name":"R"},{"children":[],"name":"python"}]` {
		t.Fatalf("a new project's library: %s", tree.raw)
	}

	bin := "\x00\xff\r\n${x}"
	expectOK(t, call(t, u, "POST", lib+"contents/python/pkg/sub/a%20b.bin", testAdmin, bin))
	expectOK(t, call(t, u, "POST", lib+"contents/python/pkg/helpers.py", testAdmin, "x = 1\r\n"))
	expectOK(t, call(t, u, "POST", lib+"folders/R/utils", testAdmin, nil))
	expectOK(t, call(t, u, "POST", lib+"folders/R/utils", testAdmin, nil)) // again: still there
	tree = call(t, u, "GET", lib+"contents", testAdmin, nil)
	want := `[{"children":[{"children":[],"name":"utils"}],"name":"R"},{"children":[{"children":[{"name":"helpers.py"},{"children":[{"name":"a b.bin"}],"name":"sub"}],"name":"pkg"}],"name":"python"}]`
	if string(tree.raw) != want {
		t.Fatalf("tree:\n%s\nwant\n%s", tree.raw, want)
	}

	got := call(t, u, "GET", lib+"contents/python/pkg/sub/a%20b.bin?dataEncoding=base64", testAdmin, nil)
	expectOK(t, got)
	if b, _ := base64.StdEncoding.DecodeString(got.obj()["data"].(string)); string(b) != bin {
		t.Fatalf("base64 read: %q", b)
	}
	got = call(t, u, "GET", lib+"contents/python/pkg/helpers.py", testAdmin, nil)
	if got.obj()["data"] != "x = 1\r\n" {
		t.Fatalf("text read: %s", got.raw)
	}
	// Overwrite.
	expectOK(t, call(t, u, "POST", lib+"contents/python/pkg/helpers.py", testAdmin, ""))
	if got = call(t, u, "GET", lib+"contents/python/pkg/helpers.py", testAdmin, nil); got.obj()["data"] != "" {
		t.Fatalf("after an empty write: %s", got.raw)
	}

	expectError(t, call(t, u, "GET", lib+"contents/python/none.py", testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "GET", lib+"contents/nowhere/none.py", testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "GET", lib+"contents/python/pkg", testAdmin, nil), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", lib+"contents/python/pkg", testAdmin, "x"), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", lib+"folders/python/pkg/helpers.py", testAdmin, nil), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", lib+"contents/python/pkg/helpers.py/x", testAdmin, "x"), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "DELETE", lib+"contents/python/none.py", testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "GET", "/public/api/projects/NOPE/libraries/contents", testAdmin, nil), 404, ErrTypeNotFound)

	// A file's delete leaves its folder and siblings; a folder's takes
	// everything under it.
	expectOK(t, call(t, u, "DELETE", lib+"contents/python/pkg/helpers.py", testAdmin, nil))
	expectOK(t, call(t, u, "GET", lib+"contents/python/pkg/sub/a%20b.bin", testAdmin, nil))
	expectOK(t, call(t, u, "DELETE", lib+"contents/python", testAdmin, nil))
	tree = call(t, u, "GET", lib+"contents", testAdmin, nil)
	if string(tree.raw) != `[{"children":[{"children":[],"name":"utils"}],"name":"R"}]` {
		t.Fatalf("after the deletes: %s", tree.raw)
	}
	if n := rn.Server.Stats().ByRoute["DELETE /public/api/projects/{projectKey}/libraries/contents/{path...}"]; n != 3 {
		t.Errorf("stats count %d deletes, want 3", n)
	}
}

// Reading needs read access to the project; every change, write access.
func TestProjectLibraryRights(t *testing.T) {
	u := startWithBobReading(t, "PLR")
	const lib = "/public/api/projects/PLR/libraries/"
	expectOK(t, call(t, u, "POST", lib+"contents/python/a.py", testAdmin, "a"))
	expectOK(t, call(t, u, "GET", lib+"contents", testBob, nil))
	expectOK(t, call(t, u, "GET", lib+"contents/python/a.py", testBob, nil))
	for _, c := range []struct{ method, path string }{{"POST", lib + "contents/python/a.py"}, {"POST", lib + "folders/python/x"}, {"DELETE", lib + "contents/python/a.py"}} {
		expectMessage(t, call(t, u, c.method, c.path, testBob, "b"), 403, ErrTypeUnauthorized, "Action forbidden: you may not write project PLR")
	}
	expectError(t, call(t, u, "GET", lib+"contents", testCarol, nil), 403, ErrTypeUnauthorized)
}

// The library as dataikuapi's DSSLibraryItem calls it: an item's path
// starts with "/" (the root's name), so its routes hold a double slash
// (".../contents//python/x.py"), and rename and move_to post the path
// in a body. A folder moves with what it holds; a taken name, a folder
// moved into itself and a missing item are refused.
func TestProjectLibraryAsDataikuapiCallsIt(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "PLD")
	const lib = "/public/api/projects/PLD/libraries/"
	tree := func(want string) {
		t.Helper()
		if got := call(t, u, "GET", lib+"contents", testAdmin, nil); string(got.raw) != want {
			t.Fatalf("tree:\n%s\nwant\n%s", got.raw, want)
		}
	}
	expectOK(t, call(t, u, "POST", lib+"folders//python/pkg", testAdmin, nil))
	expectOK(t, call(t, u, "POST", lib+"contents//python/pkg/a.py", testAdmin, "a = 1\n"))
	if got := call(t, u, "GET", lib+"contents//python/pkg/a.py", testAdmin, nil); got.obj()["data"] != "a = 1\n" {
		t.Fatalf("read with a double slash: %s", got.raw)
	}
	expectOK(t, call(t, u, "POST", lib+"contents-actions/rename/", testAdmin, map[string]any{"oldPath": "/python/pkg/a.py", "newName": "b.py"}))
	expectOK(t, call(t, u, "POST", lib+"contents-actions/move", testAdmin, map[string]any{"oldPath": "/python/pkg", "newPath": "/R"}))
	tree(`[{"children":[{"children":[{"name":"b.py"}],"name":"pkg"}],"name":"R"},{"children":[],"name":"python"}]`)
	expectOK(t, call(t, u, "POST", lib+"contents-actions/move", testAdmin, map[string]any{"oldPath": "/R/pkg/b.py", "newPath": "/"}))
	tree(`[{"children":[{"children":[],"name":"pkg"}],"name":"R"},{"name":"b.py"},{"children":[],"name":"python"}]`)

	expectError(t, call(t, u, "POST", lib+"contents-actions/rename", testAdmin, map[string]any{"oldPath": "/b.py", "newName": "python"}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", lib+"contents-actions/rename", testAdmin, map[string]any{"oldPath": "/b.py", "newName": "x/y"}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", lib+"contents-actions/rename", testAdmin, map[string]any{"oldPath": "/none.py", "newName": "c.py"}), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "POST", lib+"contents-actions/move", testAdmin, map[string]any{"oldPath": "/R", "newPath": "/R/pkg"}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", lib+"contents-actions/move", testAdmin, map[string]any{"oldPath": "/b.py", "newPath": "/nowhere"}), 404, ErrTypeNotFound)
	expectOK(t, call(t, u, "POST", lib+"contents-actions/move", testAdmin, map[string]any{"oldPath": "/b.py", "newPath": "/python"}))
	tree(`[{"children":[{"children":[],"name":"pkg"}],"name":"R"},{"children":[{"name":"b.py"}],"name":"python"}]`)
}
