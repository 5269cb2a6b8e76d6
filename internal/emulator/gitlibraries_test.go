package emulator

import (
	"strings"
	"testing"
)

// The Git references' routes as dataikuapi's DSSProjectGit calls them: an
// add pulls (a future), a set changes the reference without pulling, a
// reset pulls the reference's checkout, a remove deletes the directory
// only when asked; a path with slashes and dots is one reference; the
// list is external-libraries.json's shape; the password is never in it.
func TestGitLibrariesLifecycle(t *testing.T) {
	rn, u := startWithProject(t, testOpts(), "GL")
	const refs = "/public/api/projects/GL/git/lib-git-refs/"
	const path = "python/my.lib"

	add := call(t, u, "POST", refs, testAdmin, map[string]any{"repository": "https://git.example.com/lib.git", "login": "ci",
		"password": "pw-3Xq", "pathInGitRepository": "src", "localTargetPath": path, "checkout": "main", "addToPythonPath": true})
	if failed, log := futureFailed(waitFutureResult(t, u, add)); failed {
		t.Fatalf("the add's pull failed: %s", log)
	}
	if got, n := rn.Server.GitLibraryPulled("GL", path); got != "main" || n != 1 {
		t.Fatalf("after the add: pulled %q %d times", got, n)
	}
	if !rn.Server.GitLibraryPasswordIs("GL", path, "pw-3Xq") || rn.Server.GitLibraryPasswordIs("GL", path, "other") {
		t.Fatal("the add's password is not the one stored")
	}
	list := call(t, u, "GET", refs, testAdmin, nil)
	expectOK(t, list)
	if strings.Contains(string(list.raw), "pw-3Xq") {
		t.Fatalf("the list shows the password: %s", list.raw)
	}
	ref, _ := list.obj()["gitReferences"].(map[string]any)[path].(map[string]any)
	if ref["remote"] != "https://git.example.com/lib.git" || ref["remotePath"] != "src" || ref["checkout"] != "main" ||
		ref["isPythonPath"] != true || ref["login"] != "ci" {
		t.Fatalf("listed reference: %v", list.obj())
	}
	if pp, _ := list.obj()["pythonPath"].([]any); len(pp) != 2 || pp[1] != path {
		t.Fatalf("pythonPath: %v", pp)
	}
	expectError(t, call(t, u, "POST", refs, testAdmin, map[string]any{"repository": "r", "localTargetPath": path, "checkout": "main"}),
		400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", refs, testAdmin, map[string]any{"repository": "r", "localTargetPath": "../x", "checkout": "main"}),
		400, ErrTypeIllegalArgument)

	// A set changes the reference, keeps the directory as pulled.
	expectOK(t, call(t, u, "PUT", refs+path, testAdmin, map[string]any{"repository": "https://git.example.com/lib2.git",
		"login": "ci", "password": "pw-new", "pathInGitRepository": "", "checkout": "v2"}))
	list = call(t, u, "GET", refs, testAdmin, nil)
	ref, _ = list.obj()["gitReferences"].(map[string]any)[path].(map[string]any)
	if ref["remote"] != "https://git.example.com/lib2.git" || ref["checkout"] != "v2" || ref["remotePath"] != "" || ref["isPythonPath"] != true {
		t.Fatalf("after the set: %v", ref)
	}
	if got, n := rn.Server.GitLibraryPulled("GL", path); got != "main" || n != 1 {
		t.Fatalf("a set pulled: %q %d", got, n)
	}
	if !rn.Server.GitLibraryPasswordIs("GL", path, "pw-new") {
		t.Fatal("the set's password is not stored")
	}
	expectError(t, call(t, u, "PUT", refs+"python/none", testAdmin, map[string]any{"repository": "r", "checkout": "c"}), 404, ErrTypeNotFound)

	// A reset pulls the reference's checkout.
	if failed, log := futureFailed(waitFutureResult(t, u, call(t, u, "POST", refs+"action/reset", testAdmin, map[string]any{"gitRef": path}))); failed {
		t.Fatalf("reset failed: %s", log)
	}
	if got, n := rn.Server.GitLibraryPulled("GL", path); got != "v2" || n != 2 {
		t.Fatalf("after the reset: pulled %q %d times", got, n)
	}

	// Remove without deleteDirectory keeps the directory; with it, not.
	expectOK(t, call(t, u, "DELETE", refs+path+"?deleteDirectory=false", testAdmin, nil))
	if !rn.Server.GitLibraryDirectoryKept("GL", path) {
		t.Fatal("the directory was deleted without deleteDirectory")
	}
	list = call(t, u, "GET", refs, testAdmin, nil)
	if len(list.obj()["gitReferences"].(map[string]any)) != 0 || len(list.obj()["pythonPath"].([]any)) != 1 {
		t.Fatalf("after the remove: %s", list.raw)
	}
	expectError(t, call(t, u, "DELETE", refs+path, testAdmin, nil), 404, ErrTypeNotFound)
	waitFutureResult(t, u, call(t, u, "POST", refs, testAdmin, map[string]any{"repository": "r", "localTargetPath": "lib", "checkout": "main", "addToPythonPath": false}))
	expectOK(t, call(t, u, "DELETE", refs+"lib?deleteDirectory=true", testAdmin, nil))
	if rn.Server.GitLibraryDirectoryKept("GL", "lib") {
		t.Fatal("the directory stayed with deleteDirectory=true")
	}
}

// A pull from an unreachable repository fails with git's log, which
// quotes the credentials; the reference stays.
func TestGitLibraryPullFails(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "GLF")
	const refs = "/public/api/projects/GLF/git/lib-git-refs/"
	res := waitFutureResult(t, u, call(t, u, "POST", refs, testAdmin, map[string]any{"repository": "https://" + UnreachableGitHost + "/x.git",
		"localTargetPath": "lib", "checkout": "main", "login": "ci", "password": "pw-9Zq"}))
	if failed, log := futureFailed(res); !failed || !strings.Contains(log, "Could not resolve host") || !strings.Contains(log, "ci:pw-9Zq@") {
		t.Fatalf("the pull did not fail as git does: %v %s", failed, log)
	}
	list := call(t, u, "GET", refs, testAdmin, nil)
	if list.obj()["gitReferences"].(map[string]any)["lib"] == nil {
		t.Fatalf("the reference was dropped: %s", list.raw)
	}
}

// Listing needs read access to the project; every change, write access.
func TestGitLibrariesRights(t *testing.T) {
	u := startWithBobReading(t, "GLR")
	const refs = "/public/api/projects/GLR/git/lib-git-refs/"
	waitFutureResult(t, u, call(t, u, "POST", refs, testAdmin, map[string]any{"repository": "r", "localTargetPath": "lib", "checkout": "main"}))
	expectOK(t, call(t, u, "GET", refs, testBob, nil))
	for _, c := range []struct{ method, path string }{{"POST", refs}, {"PUT", refs + "lib"}, {"DELETE", refs + "lib"}, {"POST", refs + "action/reset"}} {
		body := map[string]any{"repository": "r", "localTargetPath": "lib2", "checkout": "main", "gitRef": "lib"}
		expectError(t, call(t, u, c.method, c.path, testBob, body), 403, ErrTypeUnauthorized)
	}
	expectError(t, call(t, u, "GET", refs, testCarol, nil), 403, ErrTypeUnauthorized)
}
