package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzRequest: arbitrary method/path/query/body never panics, every
// response carries the DSS headers and a JSON body, and every error is
// DSS-shaped.
func FuzzRequest(f *testing.F) {
	seeds := []struct{ method, path, query, body string }{
		{"GET", "/public/api/projects/", "tags=a,b&tags=c", ""},
		{"POST", "/public/api/projects", "projectFolderId=ROOT", `{"projectKey":"FZ","name":"n","tags":["b","a"]}`},
		{"POST", "/dip/publicapi/projects/", "", `{"projectKey":"a-b","name":"n"}`},
		{"PUT", "/public/api/projects/FZ/metadata", "", `{"tags":[1,2],"x":{"y":[null]}}`},
		{"PUT", "/public/api/projects/FZ/permissions", "", `{"owner":5}`},
		{"PUT", "/public/api/projects/FZ/variables/", "", `[`},
		{"DELETE", "/public/api/projects/FZ", "wait=True&clearManagedDatasets=FALSE", ""},
		{"POST", "/public/api/project-folders/ROOT/children", "name=x", ""},
		{"POST", "/public/api/project-folders/ROOT/move", "destination=ROOT", ""},
		{"POST", "/public/api/project-folders/ROOT/projects/FZ/move", "destination=zz", ""},
		{"GET", "/public/api/project-folders/locate-project/FZ", "", ""},
		{"GET", "/public/api/project-folders/ROOT/whatever", "", ""},
		{"GET", "/_emulator/stats", "", ""},
		{"POST", "/_emulator/faults", "", `{"seed":1,"rules":[{"pathRegex":"^/nomatch$","status":503}]}`},
		{"POST", "/_emulator/faults", "", `[{"pathRegex":"(","status":0}]`},
		{"GET", "//public/api/../projects", "", ""},
		{"BREW", "/public/api/%zz", "a=%", "\x00"},
		{"GET", "/public/api/admin/connections/nope", "", ""},
		{"PUT", "/public/api/project-folders/ROOT/settings", "", `{"name":"r"}`},
	}
	for _, s := range seeds {
		f.Add(s.method, s.path, s.query, s.body)
	}
	s, err := New(testOpts())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, path, query, body string) {
		if method == "" || strings.ContainsAny(method, " \t\r\n()<>@,;:\\\"/[]?={}") || len(method) > 16 {
			return
		}
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		// Never install fault rules that would make later iterations drop
		// connections on a recorder.
		if strings.Contains(path, "_emulator") && method != "GET" {
			return
		}
		u := &url.URL{Path: path, RawQuery: query}
		req := httptest.NewRequest("GET", "/", strings.NewReader(body))
		req.Method = method
		req.URL = u
		req.RequestURI = u.RequestURI()
		req.SetBasicAuth(testAdmin, "")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		res := w.Result()
		if res.Header.Get("DSS-Version") == "" || res.Header.Get("DSS-API-Version") != "1" {
			t.Fatalf("headers %v", res.Header)
		}
		var v any
		if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
			t.Fatalf("%s %s: non-JSON body %q", method, u, w.Body.Bytes())
		}
		if w.Code >= 400 {
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("error not an object: %s", w.Body.Bytes())
			}
			et, _ := m["errorType"].(string)
			msg, _ := m["message"].(string)
			if et == "" || msg == "" || m["detailedMessage"] != msg {
				t.Fatalf("bad error shape %s", w.Body.Bytes())
			}
		}
		if w.Code < 200 || (w.Code >= 300 && w.Code < 400) {
			t.Fatalf("unexpected status %d", w.Code)
		}
	})
}

func TestHandlerDirect(t *testing.T) {
	// The Handler works under httptest.NewServer too.
	s, _ := New(testOpts())
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	r := call(t, ts.URL, "GET", "/public/api/projects", testAdmin, nil)
	if r.status != http.StatusOK {
		t.Fatal(r.status)
	}
}
