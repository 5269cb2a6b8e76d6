package emulator

import (
	"strings"
	"testing"
)

// A project's remotes as dataikuapi's DSSProjectGit calls them: get_remote
// answers no url for a remote that is not set, set_remote adds or changes
// one, remove_remote removes it (a second removal is refused), and the
// status lists them.
func TestProjectGitRemotes(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "PG")
	const remote = "/public/api/projects/PG/git/remotes/origin"
	got := call(t, u, "GET", remote, testAdmin, nil)
	expectOK(t, got)
	if _, ok := got.obj()["url"]; ok {
		t.Fatalf("a remote never set has a url: %s", got.raw)
	}
	expectOK(t, call(t, u, "POST", remote, testAdmin, map[string]any{"url": "https://git.example.com/a.git"}))
	expectOK(t, call(t, u, "POST", "/public/api/projects/PG/git/remotes/backup", testAdmin, map[string]any{"url": "git@example.com:b.git"}))
	if got := call(t, u, "GET", remote, testAdmin, nil); got.obj()["url"] != "https://git.example.com/a.git" {
		t.Fatalf("get after set: %s", got.raw)
	}
	expectOK(t, call(t, u, "POST", remote, testAdmin, map[string]any{"url": "https://git.example.com/a2.git"}))
	st := call(t, u, "GET", "/public/api/projects/PG/git/status", testAdmin, nil)
	expectOK(t, st)
	remotes, _ := st.obj()["remotes"].([]any)
	if st.obj()["currentBranch"] != "master" || len(remotes) != 2 ||
		remotes[0].(map[string]any)["name"] != "backup" || remotes[1].(map[string]any)["url"] != "https://git.example.com/a2.git" || st.obj()["clean"] != true {
		t.Fatalf("status: %s", st.raw)
	}
	expectError(t, call(t, u, "POST", remote, testAdmin, map[string]any{"url": " "}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", "/public/api/projects/PG/git/remotes/-x", testAdmin, map[string]any{"url": "u"}), 400, ErrTypeIllegalArgument)
	expectOK(t, call(t, u, "DELETE", remote, testAdmin, nil))
	if got := call(t, u, "GET", remote, testAdmin, nil); got.obj()["url"] != nil {
		t.Fatalf("get after remove: %s", got.raw)
	}
	expectError(t, call(t, u, "DELETE", remote, testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "GET", "/public/api/projects/NOPE/git/status", testAdmin, nil), 404, ErrTypeNotFound)
}

// A commit with pending changes appends to the log (its author the
// caller); with none it is accepted and makes no commit. A push without a
// remote fails as git does (success false); with one it records the log
// on the remote; a push behind the remote is refused; a pull rebases the
// local commits on the remote's, and with nothing new succeeds.
func TestProjectGitCommitPushPull(t *testing.T) {
	opts := persistentOpts(t)
	rn, u := startWithProject(t, opts, "PGA")
	const actions = "/public/api/projects/PGA/git/actions/"
	push := func() map[string]any {
		t.Helper()
		r := call(t, u, "POST", actions+"push", testAdmin, nil)
		expectOK(t, r)
		return r.obj()
	}
	if r := push(); r["success"] != false || !strings.Contains(r["output"].(string), "no remote") {
		t.Fatalf("a push without a remote: %v", r)
	}
	expectOK(t, call(t, u, "POST", actions+"commit", testAdmin, map[string]any{"message": "nothing"}))
	if log := rn.Server.ProjectGitLog("PGA"); len(log) != 0 {
		t.Fatalf("a commit with nothing pending made %v", log)
	}
	if err := rn.Server.MarkProjectGitChanges("PGA"); err != nil {
		t.Fatal(err)
	}
	if st := call(t, u, "GET", "/public/api/projects/PGA/git/status", testAdmin, nil); st.obj()["clean"] != false {
		t.Fatalf("pending changes, yet clean: %s", st.raw)
	}
	expectError(t, call(t, u, "POST", actions+"commit", testAdmin, map[string]any{"message": ""}), 400, ErrTypeIllegalArgument)
	expectOK(t, call(t, u, "POST", actions+"commit", testAdmin, map[string]any{"message": "first"}))
	log := rn.Server.ProjectGitLog("PGA")
	if len(log) != 1 || log[0].Message != "first" || log[0].Author != "admin" {
		t.Fatalf("log: %+v", log)
	}
	expectOK(t, call(t, u, "POST", "/public/api/projects/PGA/git/remotes/origin", testAdmin, map[string]any{"url": "https://git.example.com/a.git"}))
	st := call(t, u, "GET", "/public/api/projects/PGA/git/status", testAdmin, nil)
	if tc, _ := st.obj()["trackingCount"].(map[string]any); tc["ahead"] != float64(1) || tc["behind"] != float64(0) {
		t.Fatalf("before the push: %s", st.raw)
	}
	if r := call(t, u, "POST", actions+"push?branchName=dev", testAdmin, nil); r.obj()["success"] != false {
		t.Fatalf("a push of a branch that does not exist: %s", r.raw)
	}
	if r := push(); r["success"] != true {
		t.Fatalf("push: %v", r)
	}
	if pushed := rn.Server.ProjectGitPushed("PGA", "origin", "master"); len(pushed) != 1 || pushed[0].ID != log[0].ID {
		t.Fatalf("pushed: %+v", pushed)
	}
	if r := call(t, u, "POST", actions+"pullRebase", testAdmin, nil); r.obj()["success"] != true {
		t.Fatalf("a pull with nothing new: %s", r.raw)
	}
	if err := rn.Server.AddProjectGitRemoteCommit("PGA", "origin", "theirs"); err != nil {
		t.Fatal(err)
	}
	_ = rn.Server.MarkProjectGitChanges("PGA")
	expectOK(t, call(t, u, "POST", actions+"commit", testAdmin, map[string]any{"message": "mine"}))
	if r := push(); r["success"] != false || !strings.Contains(r["output"].(string), "rejected") {
		t.Fatalf("a push behind the remote: %v", r)
	}
	if r := call(t, u, "POST", actions+"pullRebase?branchName=master", testAdmin, nil); r.obj()["success"] != true {
		t.Fatalf("pull: %s", r.raw)
	}
	var msgs []string
	for _, c := range rn.Server.ProjectGitLog("PGA") {
		msgs = append(msgs, c.Message)
	}
	if strings.Join(msgs, ",") != "first,theirs,mine" {
		t.Fatalf("after the pull: %v", msgs)
	}
	if r := push(); r["success"] != true || len(rn.Server.ProjectGitPushed("PGA", "origin", "master")) != 3 {
		t.Fatalf("push after the pull: %v", r)
	}

	// The repository survives a restart (journal and snapshot).
	rn.Close()
	s := startFile(t, opts.StatePath)
	if got := len(s.ProjectGitLog("PGA")); got != 3 {
		t.Fatalf("after a restart the log holds %d commits", got)
	}
}

// Reading needs read access to the project; every change (remote, commit,
// push, pull) write access.
func TestProjectGitRights(t *testing.T) {
	u := startWithBobReading(t, "PGR")
	const g = "/public/api/projects/PGR/git/"
	expectOK(t, call(t, u, "GET", g+"status", testBob, nil))
	expectOK(t, call(t, u, "GET", g+"remotes/origin", testBob, nil))
	for _, c := range []struct{ method, path string }{{"POST", g + "remotes/origin"}, {"DELETE", g + "remotes/origin"},
		{"POST", g + "actions/commit"}, {"POST", g + "actions/push"}, {"POST", g + "actions/pullRebase"}} {
		expectError(t, call(t, u, c.method, c.path, testBob, map[string]any{"url": "u", "message": "m"}), 403, ErrTypeUnauthorized)
	}
	expectError(t, call(t, u, "GET", g+"status", testCarol, nil), 403, ErrTypeUnauthorized)
}
