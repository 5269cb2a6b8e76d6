package emulator

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestBasePathsAndTrailingSlash(t *testing.T) {
	rn := startTest(t, testOpts())
	expectOK(t, createProject(t, rn.URL(), "P1", testAdmin, nil))
	for _, p := range []string{
		"/public/api/projects/P1", "/public/api/projects/P1/",
		"/dip/publicapi/projects/P1", "/dip/publicapi/projects/P1/",
		// Runs of slashes fold into one, as DSS matches them: dataikuapi's
		// library calls send ".../contents//python/x.py".
		"/public/api/projects/P1//", "/public/api//projects/P1",
	} {
		r := call(t, rn.URL(), "GET", p, testAdmin, nil)
		expectOK(t, r)
		if r.obj()["projectKey"] != "P1" {
			t.Errorf("%s: %s", p, r.raw)
		}
	}
	for _, p := range []string{"/public/api/nope", "/other", "/dip/publicapix/projects", "/public/api/projects/P1/../P1"} {
		expectError(t, call(t, rn.URL(), "GET", p, testAdmin, nil), 404, ErrTypeNotFound)
	}
	expectError(t, call(t, rn.URL(), "PATCH", "/public/api/projects/P1", testAdmin, nil), 404, ErrTypeNotFound)
}

func TestAuthForms(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL() + "/public/api/auth/info"
	mk := func(f func(*http.Request)) *http.Request {
		req, _ := http.NewRequest("GET", u, nil)
		f(req)
		return req
	}
	cases := []struct {
		name   string
		req    *http.Request
		status int
		login  string
	}{
		{"basic-user", mk(func(r *http.Request) { r.SetBasicAuth(testAdmin, "") }), 200, "admin"},
		{"basic-password", mk(func(r *http.Request) { r.SetBasicAuth("", testBob) }), 200, "bob"},
		{"bearer", mk(func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+testCarol) }), 200, "carol"},
		{"bearer-lower", mk(func(r *http.Request) { r.Header.Set("Authorization", "bearer "+testCarol) }), 200, "carol"},
		{"proxy-user", mk(func(r *http.Request) { r.SetBasicAuth(testAdmin, ""); r.Header.Set("X-DKU-ProxyUser", "bob") }), 200, "bob"},
		{"proxy-ignored-for-user", mk(func(r *http.Request) { r.SetBasicAuth(testCarol, ""); r.Header.Set("X-DKU-ProxyUser", "bob") }), 200, "carol"},
		{"missing", mk(func(r *http.Request) {}), 401, ""},
		{"bad-key", mk(func(r *http.Request) { r.SetBasicAuth("nope", "") }), 401, ""},
		{"bad-bearer", mk(func(r *http.Request) { r.Header.Set("Authorization", "Bearer nope") }), 401, ""},
		{"empty-basic", mk(func(r *http.Request) { r.SetBasicAuth("", "") }), 401, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := doReq(t, c.req)
			if r.status != c.status {
				t.Fatalf("status %d body %s", r.status, r.raw)
			}
			if c.status == 401 {
				want := `{"errorType":"com.dataiku.dip.exceptions.NotAuthenticatedException","message":"Unknown API Key","detailedMessage":"Unknown API Key"}`
				if string(r.raw) != want {
					t.Fatalf("body %s", r.raw)
				}
				return
			}
			o := r.obj()
			if o["authIdentifier"] != c.login || o["associatedDSSUser"] != c.login {
				t.Fatalf("auth info %s", r.raw)
			}
			if (c.login == "admin") != (o["admin"] == true) {
				t.Fatalf("admin flag %s", r.raw)
			}
		})
	}
	// proxy user groups come from the matching user key
	req := mk(func(r *http.Request) { r.SetBasicAuth(testAdmin, ""); r.Header.Set("X-DKU-ProxyUser", "bob") })
	if g := doReq(t, req).obj()["groups"]; !reflect.DeepEqual(g, []any{"team"}) {
		t.Fatalf("groups %v", g)
	}
}

func TestInstanceInfoAndVersionHeader(t *testing.T) {
	o := testOpts()
	o.DSSVersion = "13.2.1"
	rn := startTest(t, o)
	r := call(t, rn.URL(), "GET", "/public/api/instance-info", testAdmin, nil)
	expectOK(t, r)
	if r.obj()["dssVersion"] != "13.2.1" || r.header.Get("DSS-Version") != "13.2.1" {
		t.Fatalf("%v %s", r.header, r.raw)
	}
}

func TestBodyParsing(t *testing.T) {
	rn := startTest(t, testOpts())
	// Raw string body: no Content-Type header set by call().
	r := call(t, rn.URL(), "POST", "/public/api/projects/", testAdmin, `{"projectKey":"NOCT","name":"n"}`)
	expectOK(t, r)
	req, _ := http.NewRequest("POST", rn.URL()+"/public/api/projects", strings.NewReader(`{"projectKey":"TXT","name":"n"}`))
	req.SetBasicAuth(testAdmin, "")
	req.Header.Set("Content-Type", "text/plain")
	expectOK(t, doReq(t, req))
	expectError(t, call(t, rn.URL(), "POST", "/public/api/projects", testAdmin, `{"projectKey":`), 400, ErrTypeJSONParse)
	expectError(t, call(t, rn.URL(), "POST", "/public/api/projects", testAdmin, ``), 400, ErrTypeJSONParse)
	expectError(t, call(t, rn.URL(), "PUT", "/public/api/projects/TXT/metadata", testAdmin, `[1]`), 400, ErrTypeJSONParse)
	expectError(t, call(t, rn.URL(), "PUT", "/public/api/projects/TXT/metadata", testAdmin, `null`), 400, ErrTypeIllegalArgument)
	big := `{"x":"` + strings.Repeat("a", MaxBodyBytes+10) + `"}`
	expectError(t, call(t, rn.URL(), "PUT", "/public/api/projects/TXT/metadata", testAdmin, big), 413, ErrTypeTooLarge)
}

func TestQueryHelpers(t *testing.T) {
	for _, c := range []struct {
		q    string
		def  bool
		want bool
	}{
		{"b=True", false, true}, {"b=TRUE", false, true}, {"b=true", false, true},
		{"b=False", true, false}, {"b=FALSE", true, false}, {"b=false", true, false},
		{"", true, true}, {"b=junk", false, false}, {"b=1", false, true},
	} {
		r := httptest.NewRequest("GET", "/?"+c.q, nil)
		if got := queryBool(r, "b", c.def); got != c.want {
			t.Errorf("queryBool(%q,%v) = %v", c.q, c.def, got)
		}
	}
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"tags=a&tags=b", []string{"a", "b"}},
		{"tags=a,b", []string{"a", "b"}},
		{"tags=a,b&tags=c", []string{"a", "b", "c"}},
		{"tags=", nil},
		{"", nil},
	} {
		r := httptest.NewRequest("GET", "/?"+c.q, nil)
		if got := queryList(r, "tags"); !reflect.DeepEqual(got, c.want) {
			t.Errorf("queryList(%q) = %v", c.q, got)
		}
	}
}

func TestListTagsFilterBothForms(t *testing.T) {
	rn := startTest(t, testOpts())
	expectOK(t, createProject(t, rn.URL(), "A", testAdmin, map[string]any{"tags": []string{"x"}}))
	expectOK(t, createProject(t, rn.URL(), "B", testAdmin, map[string]any{"tags": []string{"y"}}))
	expectOK(t, createProject(t, rn.URL(), "C", testAdmin, map[string]any{"tags": []string{"z"}}))
	keys := func(q string) []string {
		r := call(t, rn.URL(), "GET", "/public/api/projects/?"+q, testAdmin, nil)
		expectOK(t, r)
		var out []string
		for _, it := range r.body.([]any) {
			out = append(out, it.(map[string]any)["projectKey"].(string))
		}
		return out
	}
	for _, q := range []string{"tags=x&tags=y", "tags=x,y"} {
		if got := keys(q); !reflect.DeepEqual(got, []string{"A", "B"}) {
			t.Errorf("%s: %v", q, got)
		}
	}
	if got := keys(""); len(got) != 3 {
		t.Errorf("all: %v", got)
	}
	if got := keys("includeLocation=TRUE"); len(got) != 3 {
		t.Errorf("loc: %v", got)
	}
}

func TestDeleteBoolFlagsCaseInsensitive(t *testing.T) {
	rn := startTest(t, testOpts())
	expectOK(t, createProject(t, rn.URL(), "D", testAdmin, nil))
	r := call(t, rn.URL(), "DELETE", "/public/api/projects/D?clearManagedDatasets=True&wait=FALSE", testAdmin, nil)
	expectOK(t, r)
	opts := r.obj()["result"].(map[string]any)["options"].(map[string]any)
	if opts["clearManagedDatasets"] != true || opts["wait"] != false || r.obj()["hasResult"] != true {
		t.Fatalf("%s", r.raw)
	}
	expectError(t, call(t, rn.URL(), "GET", "/public/api/projects/D", testAdmin, nil), 404, ErrTypeNotFound)
}

func TestControlStatsAndReset(t *testing.T) {
	rn, u := startWithProject(t, testOpts(), "S1")
	expectOK(t, call(t, u, "GET", "/public/api/projects/S1", testAdmin, nil))
	expectOK(t, call(t, u, "GET", "/dip/publicapi/projects/S1/", testAdmin, nil))
	call(t, u, "GET", "/public/api/projects/S1", "bad", nil)
	r := call(t, u, "GET", "/_emulator/stats", testAdmin, nil)
	expectOK(t, r)
	var st Stats
	_ = json.Unmarshal(r.raw, &st)
	if st.Requests != 4 || st.ByRoute["GET /public/api/projects/{projectKey}"] != 2 || st.ByRoute["POST /public/api/projects"] != 1 {
		t.Fatalf("stats %s", r.raw)
	}
	if got := rn.Server.Stats(); got.Requests != 4 {
		t.Fatalf("Go stats %+v", got)
	}
	expectError(t, call(t, u, "GET", "/_emulator/stats", testBob, nil), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "GET", "/_emulator/stats", "", nil), 401, ErrTypeNotAuthenticated)
	expectError(t, call(t, u, "GET", "/_emulator/nope", testAdmin, nil), 404, ErrTypeNotFound)
	expectOK(t, call(t, u, "POST", "/_emulator/reset", testAdmin, nil))
	r = call(t, u, "GET", "/_emulator/stats", testAdmin, nil)
	if !strings.Contains(string(r.raw), `"requests":0`) {
		t.Fatalf("after reset %s", r.raw)
	}
	expectError(t, call(t, u, "GET", "/public/api/projects/S1", testAdmin, nil), 404, ErrTypeNotFound)
	r = call(t, u, "GET", "/_emulator/state", testAdmin, nil)
	conns := r.obj()["connections"].(map[string]any)
	if len(conns) != len(DefaultConnections) || conns["filesystem_managed"].(map[string]any)["allowManagedDatasets"] != true ||
		conns["filesystem_root"].(map[string]any)["allowManagedDatasets"] != false {
		t.Fatalf("connections kept? %s", r.raw)
	}
}

func TestFaultStatusRetryAfterAndCount(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	r := call(t, u, "POST", "/_emulator/faults", testAdmin, []map[string]any{
		{"method": "GET", "pathRegex": "^/public/api/auth/info$", "status": 503, "count": 2, "retryAfterSeconds": 3},
	})
	expectOK(t, r)
	for i := 0; i < 2; i++ {
		r := call(t, u, "GET", "/dip/publicapi/auth/info/", testAdmin, nil)
		expectError(t, r, 503, ErrTypeServiceUnavailable)
		if r.header.Get("Retry-After") != "3" {
			t.Fatalf("Retry-After %q", r.header.Get("Retry-After"))
		}
	}
	expectOK(t, call(t, u, "GET", "/public/api/auth/info", testAdmin, nil))
	// control endpoints never faulted
	expectOK(t, call(t, u, "POST", "/_emulator/faults", testAdmin, map[string]any{"rules": []map[string]any{{"status": 500, "errorType": "x.Y", "message": "boom"}}}))
	expectOK(t, call(t, u, "GET", "/_emulator/stats", testAdmin, nil))
	r = call(t, u, "GET", "/public/api/instance-info", testAdmin, nil)
	expectMessage(t, r, 500, "x.Y", "boom")
	expectOK(t, call(t, u, "DELETE", "/_emulator/faults", testAdmin, nil))
	expectOK(t, call(t, u, "GET", "/public/api/instance-info", testAdmin, nil))
	expectError(t, call(t, u, "POST", "/_emulator/faults", testAdmin, []map[string]any{{"pathRegex": "("}}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", "/_emulator/faults", testBob, []map[string]any{}), 403, ErrTypeUnauthorized)
}

func TestFaultProbabilitySeeded(t *testing.T) {
	run := func() []int {
		rn := startTest(t, testOpts())
		expectOK(t, call(t, rn.URL(), "POST", "/_emulator/faults", testAdmin,
			map[string]any{"seed": 42, "rules": []map[string]any{{"status": 502, "probability": 0.5}}}))
		var out []int
		for i := 0; i < 20; i++ {
			out = append(out, call(t, rn.URL(), "GET", "/public/api/instance-info", testAdmin, nil).status)
		}
		return out
	}
	a, b := run(), run()
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("not deterministic: %v %v", a, b)
	}
	n := 0
	for _, s := range a {
		if s == 502 {
			n++
		}
	}
	if n == 0 || n == 20 {
		t.Fatalf("probability ignored: %v", a)
	}
}

func TestFaultDropConnectionAndAfterHandler(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	post := func(key string) error {
		req, _ := http.NewRequest("POST", u+"/public/api/projects", strings.NewReader(`{"projectKey":"`+key+`","name":"n"}`))
		req.SetBasicAuth(testAdmin, "")
		res, err := client.Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
		return err
	}
	// Drop before handler: no write happens.
	if err := rn.Server.SetFaults([]FaultRule{{Method: "POST", PathRegex: "/projects$", DropConnection: true, Count: 1}}); err != nil {
		t.Fatal(err)
	}
	if err := post("DROPPED"); err == nil {
		t.Fatal("expected a transport error")
	}
	expectError(t, call(t, u, "GET", "/public/api/projects/DROPPED", testAdmin, nil), 404, ErrTypeNotFound)
	// Drop after handler: the write happens, the response is lost.
	_ = rn.Server.SetFaults([]FaultRule{{Method: "POST", PathRegex: "/projects$", DropConnection: true, AfterHandler: true, Count: 1}})
	if err := post("LOST"); err == nil {
		t.Fatal("expected a transport error")
	}
	expectOK(t, call(t, u, "GET", "/public/api/projects/LOST", testAdmin, nil))
	// Status after handler.
	_ = rn.Server.SetFaults([]FaultRule{{Method: "POST", Status: 504, AfterHandler: true, Count: 1}})
	expectError(t, createProject(t, u, "LATE", testAdmin, nil), 504, ErrTypeServiceUnavailable)
	expectOK(t, call(t, u, "GET", "/public/api/projects/LATE", testAdmin, nil))
	// The retry then sees a duplicate.
	expectError(t, createProject(t, u, "LATE", testAdmin, nil), 400, ErrTypeIllegalArgument)
	if st := rn.Server.Stats(); st.ByRoute["POST /public/api/projects"] != 3 {
		t.Fatalf("handler runs: %+v", st)
	}
}

func TestFaultDelayAndLatency(t *testing.T) {
	o := testOpts()
	o.Latency = 30 * time.Millisecond
	rn := startTest(t, o)
	start := time.Now()
	expectOK(t, call(t, rn.URL(), "GET", "/public/api/instance-info", testAdmin, nil))
	if time.Since(start) < 30*time.Millisecond {
		t.Fatal("latency not applied")
	}
	_ = rn.Server.SetFaults([]FaultRule{{DelayMs: 80, Count: 1}})
	start = time.Now()
	expectOK(t, call(t, rn.URL(), "GET", "/public/api/instance-info", testAdmin, nil))
	if time.Since(start) < 110*time.Millisecond {
		t.Fatal("delay not applied")
	}
	start = time.Now()
	expectOK(t, call(t, rn.URL(), "GET", "/public/api/instance-info", testAdmin, nil))
	if time.Since(start) > 75*time.Millisecond+30*time.Millisecond*3 {
		t.Fatal("delay rule not exhausted")
	}
}

func TestNonClientErrorsNeverPanicOnRecorder(t *testing.T) {
	s, err := New(testOpts())
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/public/api/projects", nil)
	req.SetBasicAuth(testAdmin, "")
	s.Handler().ServeHTTP(w, req)
	if w.Code != 200 || w.Body.String() != "[]" {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if _, err := New(Options{}); err == nil {
		t.Fatal("New without admin key should fail")
	}
	var ae *APIError
	if !errors.As(error(errNotFound("x")), &ae) {
		t.Fatal("APIError")
	}
	_ = url.PathEscape
}
