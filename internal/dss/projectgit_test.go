package dss

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The project Git calls send what dataikuapi's DSSProjectGit sends [V]:
// the paths, the bodies, branchName only when given; a remote answered
// without url reads as unset; a push's failure is an answer, not an error.
func TestProjectGitCalls(t *testing.T) {
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		seen = append(seen, r.Method+" "+r.URL.RequestURI()+" "+strings.TrimSpace(string(b)))
		switch {
		case strings.HasSuffix(r.URL.Path, "/git/status"):
			_, _ = io.WriteString(w, `{"currentBranch":"master","remotes":[{"name":"origin","url":"u"}],"trackingCount":{"ahead":2,"behind":0},"clean":true,"extra":1}`)
		case strings.HasSuffix(r.URL.Path, "/remotes/none"):
			_, _ = io.WriteString(w, `{}`)
		case strings.HasSuffix(r.URL.Path, "/push"):
			_ = json.NewEncoder(w).Encode(map[string]any{"success": false, "logs": []any{"remote: denied"}, "output": "error: failed to push"})
		default:
			_, _ = io.WriteString(w, `{"url":"https://g/x.git","success":true}`)
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	ctx := context.Background()
	st, err := c.GetProjectGitStatus(ctx, "P")
	if err != nil || st.CurrentBranch != "master" || len(st.Remotes) != 1 || st.Remotes[0].URL != "u" || st.TrackingCount.Ahead != 2 || !st.Clean {
		t.Fatalf("status: %+v %v", st, err)
	}
	if u, err := c.GetProjectGitRemote(ctx, "P", "origin"); err != nil || u == nil || *u != "https://g/x.git" {
		t.Fatalf("remote: %v %v", u, err)
	}
	if u, err := c.GetProjectGitRemote(ctx, "P", "none"); err != nil || u != nil {
		t.Fatalf("an unset remote: %v %v", u, err)
	}
	if err := c.SetProjectGitRemote(ctx, "P", "origin", "https://g/y.git"); err != nil {
		t.Fatal(err)
	}
	if err := c.RemoveProjectGitRemote(ctx, "P", "origin"); err != nil {
		t.Fatal(err)
	}
	if err := c.CommitProjectGit(ctx, "P", "msg"); err != nil {
		t.Fatal(err)
	}
	r, err := c.PushProjectGit(ctx, "P", "")
	if err != nil || r.Success || r.Message() != "error: failed to push\nremote: denied" {
		t.Fatalf("push: %+v %v", r, err)
	}
	if r, err := c.PullProjectGit(ctx, "P", "dev"); err != nil || !r.Success {
		t.Fatalf("pull: %+v %v", r, err)
	}
	want := []string{
		"GET /public/api/projects/P/git/status ",
		"GET /public/api/projects/P/git/remotes/origin ",
		"GET /public/api/projects/P/git/remotes/none ",
		`POST /public/api/projects/P/git/remotes/origin {"url":"https://g/y.git"}`,
		"DELETE /public/api/projects/P/git/remotes/origin ",
		`POST /public/api/projects/P/git/actions/commit {"message":"msg"}`,
		"POST /public/api/projects/P/git/actions/push ",
		"POST /public/api/projects/P/git/actions/pullRebase?branchName=dev ",
	}
	if strings.Join(seen, "\n") != strings.Join(want, "\n") {
		t.Fatalf("requests:\n%s\nwant:\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
	if got := (&ProjectGitResult{}).Message(); got != "DSS gave no output" {
		t.Fatal(got)
	}
}
