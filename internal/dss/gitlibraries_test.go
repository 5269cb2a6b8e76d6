package dss

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

// The list's answer is read in every shape the evidence allows [I]: the
// external-libraries document (gitReferences keyed by path, the on-disk
// field names, pythonPath deciding when isPythonPath is absent), the add's
// field names, and a list of references; the password is never read.
func TestParseGitLibrariesShapes(t *testing.T) {
	ci := "ci"
	want := []GitLibrary{
		{Path: "lib", Repository: "https://g/a.git", Checkout: "main", PathInRepository: "src", AddToPythonPath: false, Login: &ci},
		{Path: "python/x.y", Repository: "https://g/b.git", Checkout: "v1", AddToPythonPath: true},
	}
	for name, raw := range map[string]string{
		"on-disk map": `{"gitReferences":{"python/x.y":{"remote":"https://g/b.git","remotePath":"","checkout":"v1","isPythonPath":true},
			"lib":{"remote":"https://g/a.git","remotePath":"src","checkout":"main","isPythonPath":false,"login":"ci","password":"pw"}},
			"pythonPath":["python"],"rsrcPath":[],"importLibrariesFromProjects":[]}`,
		"python path from the list": `{"gitReferences":{"python/x.y":{"remote":"https://g/b.git","checkout":"v1"},
			"lib":{"remote":"https://g/a.git","remotePath":"src","checkout":"main","login":"ci"}},"pythonPath":["python","python/x.y"]}`,
		"add's names in a list": `[{"localTargetPath":"lib","repository":"https://g/a.git","pathInGitRepository":"src","checkout":"main","addToPythonPath":false,"login":"ci"},
			{"localTargetPath":"python/x.y","repository":"https://g/b.git","checkout":"v1","addToPythonPath":true}]`,
		"list under gitReferences": `{"gitReferences":[{"path":"python/x.y","remote":"https://g/b.git","checkout":"v1","isPythonPath":true},
			{"path":"lib","remote":"https://g/a.git","remotePath":"src","checkout":"main","login":"ci"}]}`,
	} {
		got, err := ParseGitLibraries([]byte(raw))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", name, got, want)
		}
	}
	if got, err := ParseGitLibraries([]byte(`{}`)); err != nil || len(got) != 0 {
		t.Errorf("an empty document: %v %v", got, err)
	}
	if _, err := ParseGitLibraries([]byte(`"x pw-secret"`)); err == nil || strings.Contains(err.Error(), "pw-secret") {
		t.Errorf("a string: %v", err)
	}
	if _, err := ParseGitLibraries([]byte(`{not json pw-secret`)); err == nil || strings.Contains(err.Error(), "pw-secret") {
		t.Errorf("not JSON: %v", err)
	}
}

// A reference's path keeps its slashes (as dataikuapi sends it) and each
// segment is escaped.
func TestGitLibraryPath(t *testing.T) {
	if got := GitLibraryPath("P", "python/my lib/x.y"); got != "/projects/P/git/lib-git-refs/python/my%20lib/x.y" {
		t.Fatal(got)
	}
	if got := GitLibrariesPath("P"); got != "/projects/P/git/lib-git-refs/" {
		t.Fatal(got)
	}
}

// An error quoting the password (DSS refusing the update, the pull's git
// log) is redacted and stays what it was (an *APIError, DSS's report);
// without a password, an error is left as it is.
func TestGitLibraryPasswordNeverInErrors(t *testing.T) {
	pw := "s3cr3t-pw"
	pullLog := `{"jobId":"j1","hasResult":true,"alive":false,"result":{"messages":{"error":true,"messages":[{"severity":"ERROR","details":"auth failed for ci:s3cr3t-pw@host"}]}}}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			b, _ := io.ReadAll(r.Body)
			w.WriteHeader(http.StatusBadRequest)
			_ = json.NewEncoder(w).Encode(map[string]string{"errorType": "x.IllegalArgumentException", "message": "bad reference " + string(b)})
			return
		}
		_, _ = io.WriteString(w, pullLog)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	lib := GitLibraryWrite{GitLibrary: GitLibrary{Path: "lib", Repository: "https://host/x.git"}, Password: &pw}
	var apiErr *APIError
	if err := c.SetGitLibrary(context.Background(), "P", lib); !errors.As(err, &apiErr) || strings.Contains(err.Error(), pw) || !strings.Contains(err.Error(), redactedSecret) {
		t.Errorf("the update's error: %v", err)
	}
	f, err := c.AddGitLibrary(context.Background(), "P", lib)
	if err != nil {
		t.Fatal(err)
	}
	var opErr *OperationError
	if err := c.WaitGitLibrary(context.Background(), f, &pw); !errors.As(err, &opErr) || !strings.Contains(err.Error(), "ci:"+redactedSecret+"@host") {
		t.Errorf("the pull's error: %v", err)
	}
	if err := c.WaitGitLibrary(context.Background(), f, nil); !errors.As(err, &opErr) || !strings.Contains(err.Error(), "ci:"+pw+"@host") {
		t.Errorf("without a password, the pull's error changed: %v", err)
	}
}
