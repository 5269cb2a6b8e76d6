package emulator

import (
	"slices"
	"testing"
)

// The sanity check: admin only; with no findings given it reports none;
// it reports the findings given, less the codes excluded, with DSS's
// summary flags and the highest severity; the codes list the catalogue
// and the findings' codes; bad findings are refused.
func TestSanityCheck(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	run := func(key string, excluded any) resp {
		return call(t, u, "POST", api+"/admin/sanity-check/run", key, excluded)
	}
	user := newUserKey(t, u, "ivy")
	expectError(t, run(user, []string{}), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "GET", api+"/admin/sanity-check/codes", user, nil), 403, ErrTypeUnauthorized)

	clean := waitFutureResult(t, u, run(testAdmin, []string{}))
	if clean["anyMessage"] != false || clean["error"] != false || clean["maxSeverity"] != nil {
		t.Fatalf("a check with no findings: %v", clean)
	}
	for _, bad := range [][]map[string]any{{{"severity": "ERROR"}}, {{"code": "X", "severity": "BAD"}}} {
		if err := rn.Server.SetSanityCheckFindings(bad); err == nil {
			t.Fatalf("findings %v were accepted", bad)
		}
	}
	if err := rn.Server.SetSanityCheckFindings([]map[string]any{
		{"code": "DISK_LOW", "severity": "WARNING", "message": "10% free"},
		{"code": "CODE_ENV_BROKEN", "severity": "ERROR", "title": "Code env py310 is broken"},
	}); err != nil {
		t.Fatal(err)
	}
	full := waitFutureResult(t, u, run(testAdmin, nil))
	msgs, _ := full["messages"].([]any)
	if len(msgs) != 2 || full["error"] != true || full["warning"] != true || full["maxSeverity"] != "ERROR" || full["fatal"] != false {
		t.Fatalf("a check with two findings: %v", full)
	}
	if first := msgs[0].(map[string]any); first["title"] != "DISK_LOW" || first["message"] != "10% free" {
		t.Fatalf("a finding without a title: %v", first)
	}
	excluded := waitFutureResult(t, u, run(testAdmin, []string{"CODE_ENV_BROKEN"}))
	if msgs, _ := excluded["messages"].([]any); len(msgs) != 1 || excluded["error"] != false || excluded["maxSeverity"] != "WARNING" {
		t.Fatalf("the error excluded: %v", excluded)
	}
	codes := call(t, u, "GET", api+"/admin/sanity-check/codes", testAdmin, nil)
	expectOK(t, codes)
	list, _ := codes.body.([]any)
	if !slices.Contains(list, any("DISK_LOW")) || !slices.Contains(list, any("INSTANCE_DISK_SPACE")) {
		t.Fatalf("codes: %v", list)
	}
}
