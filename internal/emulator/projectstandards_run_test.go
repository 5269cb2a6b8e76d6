package emulator

import (
	"io"
	"net/http"
	"testing"
)

// rawGet is a GET whose answer is not JSON (text, or no body): its status
// and body as they came.
func rawGet(t *testing.T, url, key string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.SetBasicAuth(key, "")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(raw)
}

// TestProjectStandardsRun: a project's scope is the first that selects
// it (by key, by an ancestor folder, by tag), else the default one; a run
// answers a future whose result is the report, saved as the last report
// unless checkIds named the checks; the checks the emulator evaluates
// find what they look for.
func TestProjectStandardsRun(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	const root = "/public/api/project-standards/"
	expectOK(t, createProject(t, u, "PSR", testAdmin, nil))
	expectOK(t, createProject(t, u, "TAGGED", testAdmin, nil))
	meta := call(t, u, "GET", api+"/projects/TAGGED/metadata", testAdmin, nil).obj()
	meta["tags"], meta["shortDesc"] = []any{"finance"}, "Has one"
	expectOK(t, call(t, u, "PUT", api+"/projects/TAGGED/metadata", testAdmin, meta))

	last := func(key string) resp {
		return call(t, u, "GET", api+"/projects/"+key+"/project-standards/last-report", testAdmin, nil)
	}
	if status, body := rawGet(t, u+api+"/projects/PSR/project-standards/last-report", testAdmin); status != 200 || body != "" {
		t.Fatalf("the last report of a project never checked: %d %q", status, body)
	}
	scopeOf := func(key string) string {
		status, body := rawGet(t, u+api+"/projects/"+key+"/project-standards/scope", testAdmin)
		if status != 200 {
			t.Fatalf("scope of %s: %d %s", key, status, body)
		}
		return body
	}
	if s := scopeOf("PSR"); s != DefaultProjectStandardsScope {
		t.Fatalf("scope of an unselected project: %q", s)
	}
	imp := call(t, u, "POST", root+"checks/actions/import", testAdmin, map[string]any{"checkSpecElementTypes": []any{"pstd-builtin_project-description", "pstd-builtin_max-datasets"}})
	expectOK(t, imp)
	checks, _ := imp.body.([]any)
	desc, _ := checks[0].(map[string]any)["id"].(string)
	maxDS, _ := checks[1].(map[string]any)["id"].(string)
	expectOK(t, call(t, u, "POST", root+"scopes/by-tag", testAdmin, map[string]any{"name": "by-tag", "selectionMethod": "BY_TAG", "selectedTags": []any{"finance"}, "checks": []any{desc}}))
	expectOK(t, call(t, u, "POST", root+"scopes/by-key", testAdmin, map[string]any{"name": "by-key", "selectionMethod": "BY_PROJECT", "selectedProjects": []any{"PSR"}, "checks": []any{desc, maxDS}}))
	if a, b := scopeOf("PSR"), scopeOf("TAGGED"); a != "by-key" || b != "by-tag" {
		t.Fatalf("scopes: PSR %q, TAGGED %q", a, b)
	}

	runOf := func(key, query string) map[string]any {
		t.Helper()
		return waitFutureResult(t, u, call(t, u, "POST", api+"/projects/"+key+"/project-standards/actions/run"+query, testAdmin, nil))
	}
	severity := func(report map[string]any, id string) any {
		run, _ := report["bundleChecksRunInfo"].(map[string]any)[id].(map[string]any)
		res, _ := run["result"].(map[string]any)
		return res["severity"]
	}
	report := runOf("PSR", "")
	if report["scope"] != "by-key" || severity(report, desc) != float64(3) || severity(report, maxDS) != float64(0) {
		t.Fatalf("PSR's report: %v", report)
	}
	if r := last("PSR"); r.obj()["scope"] != "by-key" {
		t.Fatalf("PSR's saved report: %s", r.raw)
	}
	if report := runOf("TAGGED", ""); report["scope"] != "by-tag" || severity(report, desc) != float64(0) {
		t.Fatalf("TAGGED's report: %v", report)
	}
	// Explicit checks: that one only, and the saved report stays.
	if report := runOf("TAGGED", "?checkIds="+maxDS); len(report["bundleChecksRunInfo"].(map[string]any)) != 1 {
		t.Fatalf("explicit run: %v", report)
	}
	if r := last("TAGGED"); len(r.obj()["bundleChecksRunInfo"].(map[string]any)) != 1 || r.obj()["bundleChecksRunInfo"].(map[string]any)[desc] == nil {
		t.Fatalf("the explicit run replaced the saved report: %s", r.raw)
	}
	expectError(t, call(t, u, "POST", api+"/projects/PSR/project-standards/actions/run?checkIds=nope", testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "POST", api+"/projects/NOPE/project-standards/actions/run", testAdmin, nil), 404, ErrTypeNotFound)
}
