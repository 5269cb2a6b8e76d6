package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

const (
	testAdmin = "admin-secret"
	testBob   = "bob-secret"   // owns things, group "team"
	testCarol = "carol-secret" // group "team", "readers"
)

func testOpts() Options {
	return Options{
		AdminKey: testAdmin,
		UserKeys: []UserKey{
			{Login: "bob", Key: testBob, Groups: []string{"team"}},
			{Login: "carol", Key: testCarol, Groups: []string{"readers"}},
		},
		checkTracking: true, // journal.go: a write changing a project it did not touch panics
	}
}

// persistentOpts is testOpts with the state kept in a file of a fresh
// temporary directory, for tests that restart the emulator.
func persistentOpts(t *testing.T) Options {
	o := testOpts()
	o.StatePath = filepath.Join(t.TempDir(), "state.json")
	return o
}

func startTest(t *testing.T, opts Options) *Running {
	t.Helper()
	rn, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rn.Close)
	return rn
}

// restartedURL closes rn and starts an emulator again on the same options
// (the same state file): the new one's URL, for the checks that what was
// written persists.
func restartedURL(t *testing.T, rn *Running, opts Options) string {
	t.Helper()
	rn.Close()
	return startTest(t, opts).URL()
}

// expectReaderOnlyReads checks the rights on a collection of the project
// startWithReadersProject sets up: carol, a reader of the project, may not
// create (create is the POST's body), save (doc, the PUT's) or delete the
// document id, but may read it; bob, a stranger, may not read it.
func expectReaderOnlyReads(t *testing.T, u, coll, id string, create, doc any) {
	t.Helper()
	expectError(t, call(t, u, "POST", coll, testCarol, create), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "PUT", coll+"/"+id, testCarol, doc), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "DELETE", coll+"/"+id, testCarol, nil), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "GET", coll+"/"+id, testBob, nil), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, u, "GET", coll+"/"+id, testCarol, nil))
}

// startWithReadersProject starts an emulator with opts and creates the
// project key as the admin, readable by the group readers (carol's): the
// setup of the tests that check a collection's rights, where carol may
// read but not write and bob sees nothing.
func startWithReadersProject(t *testing.T, opts Options, key string) (*Running, string) {
	t.Helper()
	return startWithNewProject(t, opts, key, map[string]any{
		"permissions": []any{map[string]any{"group": "readers", "readProjectContent": true}},
	})
}

// startWithBobReading starts an emulator with testOpts and creates the
// project key owned by the admin, then grants bob read access alone (a
// PUT of its permissions): the setup of the tests where reading needs read
// access and every change write access. The emulator's URL.
func startWithBobReading(t *testing.T, key string) string {
	t.Helper()
	_, u := startWithNewProject(t, testOpts(), key, map[string]any{"owner": "admin"})
	expectOK(t, call(t, u, "PUT", "/public/api/projects/"+key+"/permissions", testAdmin,
		map[string]any{"owner": "admin", "permissions": []any{map[string]any{"user": "bob", "readProjectContent": true}}}))
	return u
}

// startWithProject starts an emulator with opts and creates the project
// key as the admin, with DSS's defaults: the setup of most tests of a
// project's objects.
func startWithProject(t *testing.T, opts Options, key string) (*Running, string) {
	t.Helper()
	return startWithNewProject(t, opts, key, nil)
}

// startWithNewProject starts an emulator with opts and creates the project
// key as the admin, with extra in its create body; the emulator and its URL.
func startWithNewProject(t *testing.T, opts Options, key string, extra map[string]any) (*Running, string) {
	t.Helper()
	rn := startTest(t, opts)
	u := rn.URL()
	expectOK(t, createProject(t, u, key, testAdmin, extra))
	return rn, u
}

type resp struct {
	status int
	header http.Header
	raw    []byte
	body   any
}

func (r resp) obj() map[string]any { m, _ := r.body.(map[string]any); return m }

// call sends a request with key as Basic username; body may be a string
// (sent raw, no Content-Type) or any value (JSON-encoded).
func call(t *testing.T, base, method, path, key string, body any) resp {
	t.Helper()
	req, err := http.NewRequest(method, base+path, bodyReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.SetBasicAuth(key, "")
	}
	return doReq(t, req)
}

// bodyReader is a request body: nil, a string sent raw, or any value
// JSON-encoded.
func bodyReader(body any) io.Reader {
	switch b := body.(type) {
	case nil:
		return nil
	case string:
		return strings.NewReader(b)
	default:
		js, _ := json.Marshal(b)
		return bytes.NewReader(js)
	}
}

func doReq(t *testing.T, req *http.Request) resp {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := resp{status: res.StatusCode, header: res.Header, raw: raw}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &r.body); err != nil {
			t.Fatalf("%s %s: non-JSON body %q", req.Method, req.URL, raw)
		}
	}
	checkHeaders(t, r)
	return r
}

func checkHeaders(t *testing.T, r resp) {
	t.Helper()
	if r.header.Get("DSS-Version") == "" || r.header.Get("DSS-API-Version") != "1" ||
		r.header.Get("Content-Type") != "application/json;charset=utf-8" {
		t.Errorf("missing DSS headers: %v", r.header)
	}
	if r.status >= 400 {
		checkErrorShape(t, r.status, r.raw)
	} else if len(r.raw) == 0 {
		t.Errorf("2xx without JSON body")
	}
}

func checkErrorShape(t *testing.T, status int, raw []byte) {
	t.Helper()
	var e map[string]any
	if err := json.Unmarshal(raw, &e); err != nil {
		t.Fatalf("status %d: error body not JSON: %q", status, raw)
	}
	et, _ := e["errorType"].(string)
	msg, _ := e["message"].(string)
	dm, _ := e["detailedMessage"].(string)
	if et == "" || msg == "" || dm != msg || len(e) != 3 {
		t.Fatalf("status %d: bad error shape %s", status, raw)
	}
}

func expectError(t *testing.T, r resp, status int, errorType string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.raw)
	}
	if got := r.obj()["errorType"]; got != errorType {
		t.Fatalf("errorType = %v, want %s", got, errorType)
	}
}

// expectMessage is expectError that also checks DSS's message.
func expectMessage(t *testing.T, r resp, status int, errorType, msg string) {
	t.Helper()
	expectError(t, r, status, errorType)
	if got := r.obj()["message"]; got != msg {
		t.Fatalf("message = %v, want %q; body %s", got, msg, r.raw)
	}
}

func expectOK(t *testing.T, r resp) {
	t.Helper()
	if r.status != 200 {
		t.Fatalf("status = %d; body %s", r.status, r.raw)
	}
}

func createProject(t *testing.T, base, key, asKey string, extra map[string]any) resp {
	t.Helper()
	body := map[string]any{"projectKey": key, "name": "Project " + key}
	for k, v := range extra {
		body[k] = v
	}
	return call(t, base, "POST", "/public/api/projects/", asKey, body)
}

// pyRequest sends a request as Dataiku's Python client does (requests with
// data=json.dumps(...)): the body raw without a Content-Type (an empty one
// as none), the key as Basic username with an empty password. The answer
// must be a 200.
// pyCaller is pyRequest as the admin on base: how the dataikuapi shape
// tests send a call as the Python client would.
func pyCaller(t *testing.T, base string) func(method, path, body string) resp {
	return func(method, path, body string) resp {
		t.Helper()
		return pyRequest(t, base, testAdmin, method, path, body)
	}
}

func pyRequest(t *testing.T, base, key, method, path, body string) resp {
	t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(key, "")
	r := doReq(t, req)
	expectOK(t, r)
	return r
}
