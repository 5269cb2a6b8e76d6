package dss

import (
	"errors"
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

// An error quoting the password is redacted; others are left as they are.
func TestRedactPassword(t *testing.T) {
	pw := "s3cr3t-pw"
	err := redactPassword(errors.New("git said: auth failed for ci:s3cr3t-pw@host"), &pw)
	if strings.Contains(err.Error(), pw) || !strings.Contains(err.Error(), redactedPassword) {
		t.Fatal(err)
	}
	orig := &APIError{Message: "m"}
	var same *APIError
	if got := redactPassword(orig, &pw); !errors.As(got, &same) || same != orig {
		t.Fatalf("an error without the password changed: %v", got)
	}
	if redactPassword(nil, &pw) != nil || !errors.As(redactPassword(orig, nil), &same) || same != orig {
		t.Fatal("nil error or password")
	}
}
