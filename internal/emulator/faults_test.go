package emulator

import (
	"slices"
	"strings"
	"testing"
)

// instanceInfoStatuses sends n GETs of /instance-info, the route the
// rules below fault, and returns their statuses in order.
func instanceInfoStatuses(t *testing.T, base string, n int) []int {
	t.Helper()
	out := make([]int, 0, n)
	for range n {
		out = append(out, call(t, base, "GET", "/public/api/instance-info", testAdmin, nil).status)
	}
	return out
}

func wantStatuses(t *testing.T, what string, got []int, want ...int) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s: statuses %v, want %v", what, got, want)
	}
}

// A rule with Skip lets its first Skip matching requests through to the
// handler and fires from the next one; Count counts firings only, and the
// rule goes once they are used up.
func TestFaultSkip(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	// Through the Go API: the first match passes, the second fails.
	if err := rn.Server.SetFaults([]FaultRule{{Method: "GET", PathRegex: "/instance-info$", Status: 502, Skip: 1, Count: 1}}); err != nil {
		t.Fatal(err)
	}
	wantStatuses(t, "skip 1, count 1", instanceInfoStatuses(t, u, 3), 200, 502, 200)
	if left := rn.Server.Faults(); len(left) != 0 {
		t.Fatalf("the rule fired its count and should be gone: %v", left)
	}

	// Through POST /_emulator/faults: two skipped, then two firings.
	expectOK(t, call(t, u, "POST", "/_emulator/faults", testAdmin,
		[]map[string]any{{"method": "GET", "pathRegex": "/instance-info$", "status": 503, "skip": 2, "count": 2}}))
	wantStatuses(t, "skip 2, count 2, first two", instanceInfoStatuses(t, u, 2), 200, 200)
	left := rn.Server.Faults()
	if len(left) != 1 || left[0]["skipped"] != 2 || left[0]["fired"] != 0 {
		t.Fatalf("after the skipped requests: %v, want the rule with skipped 2 and fired 0", left)
	}
	if rule, _ := left[0]["rule"].(FaultRule); rule.Skip != 2 || rule.Count != 2 {
		t.Fatalf("the rule set by JSON reads back as %+v, want skip 2 and count 2", rule)
	}
	wantStatuses(t, "skip 2, count 2, next three", instanceInfoStatuses(t, u, 3), 503, 503, 200)
	if left := rn.Server.Faults(); len(left) != 0 {
		t.Fatalf("the rule fired its count and should be gone: %v", left)
	}

	// Requests the rule does not match are not skipped.
	_ = rn.Server.SetFaults([]FaultRule{{Method: "GET", PathRegex: "/instance-info$", Status: 502, Skip: 1}})
	expectOK(t, call(t, u, "GET", "/public/api/auth/info", testAdmin, nil))
	wantStatuses(t, "skip 1 after an unmatched request, unlimited", instanceInfoStatuses(t, u, 3), 200, 502, 502)

	// A skipping rule does not fire, so the rules after it may.
	_ = rn.Server.SetFaults([]FaultRule{
		{Method: "GET", PathRegex: "/instance-info$", Status: 502, Skip: 1, Count: 1},
		{Method: "GET", PathRegex: "/instance-info$", Status: 504, Count: 1},
	})
	wantStatuses(t, "a skipping rule before another", instanceInfoStatuses(t, u, 3), 504, 502, 200)

	expectError(t, call(t, u, "POST", "/_emulator/faults", testAdmin, []map[string]any{{"status": 502, "skip": -1}}), 400, ErrTypeIllegalArgument)
}

// A rule with EchoBody answers its error with the request's body at the
// end of the message; after the handler, the handler read the same body
// (the write happened). It needs a status.
func TestFaultEchoBody(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	if err := rn.Server.SetFaults([]FaultRule{{Method: "POST", PathRegex: "/projects$", Status: 400, Message: "refused", EchoBody: true, AfterHandler: true, Count: 1}}); err != nil {
		t.Fatal(err)
	}
	r := createProject(t, u, "ECHOED", testAdmin, nil)
	expectError(t, r, 400, ErrTypeIllegalArgument)
	if msg, _ := r.obj()["message"].(string); !strings.HasPrefix(msg, "refused: {") || !strings.Contains(msg, `"projectKey":"ECHOED"`) {
		t.Fatalf("message %q does not end with the request's body", msg)
	}
	expectOK(t, call(t, u, "GET", "/public/api/projects/ECHOED", testAdmin, nil))
	if err := rn.Server.SetFaults([]FaultRule{{EchoBody: true}}); err == nil {
		t.Fatal("echoBody without a status was accepted")
	}
}

// POST /_emulator/faults takes a list of rules, one rule alone (the form
// the guide shows a rule in) and the object with a seed; anything it
// cannot take whole (an unknown field, a rule that does nothing, a seed
// without rules) is a 400 naming the problem, and the rules already set
// stay: a CI test must not pass with no fault injected.
func TestFaultRuleForms(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	post := func(body string) resp { return call(t, u, "POST", "/_emulator/faults", testAdmin, body) }

	expectOK(t, post(`{"method": "GET", "pathRegex": "/instance-info$", "status": 503, "count": 1}`))
	wantStatuses(t, "one rule alone", instanceInfoStatuses(t, u, 2), 503, 200)
	expectOK(t, post(`[{"pathRegex": "/instance-info$", "status": 502, "count": 1}]`))
	wantStatuses(t, "a list", instanceInfoStatuses(t, u, 2), 502, 200)
	expectOK(t, post(`{"seed": 7, "rules": [{"pathRegex": "/instance-info$", "status": 504, "count": 1}]}`))
	wantStatuses(t, "the object with a seed", instanceInfoStatuses(t, u, 2), 504, 200)
	expectOK(t, post(`[{"pathRegex": "/instance-info$", "delayMs": 1, "count": 1}, {"pathRegex": "/nowhere$", "dropConnection": true}]`))
	if n := len(rn.Server.Faults()); n != 2 {
		t.Fatalf("a delay and a dropped connection: %d rules set, want 2", n)
	}

	expectOK(t, post(`[{"pathRegex": "/instance-info$", "status": 500}]`))
	for _, tc := range []struct{ name, body, want string }{
		{"a misspelled field in a list", `[{"pathRegex": "/instance-info$", "statuss": 503}]`, `unknown field "statuss"`},
		{"a misspelled field in one rule", `{"pathRegex": "/instance-info$", "statuss": 503}`, `unknown field "statuss"`},
		{"a rule's field beside the seed", `{"seed": 1, "status": 503}`, `unknown field "status"`},
		{"a seed without rules", `{"seed": 1}`, `needs "rules"`},
		{"a rule with no effect", `[{"method": "GET", "pathRegex": "/instance-info$", "afterHandler": true}]`, "rule 0 does nothing"},
		{"an empty rule", `{}`, "rule 0 does nothing"},
		{"no rule at all", `42`, "want [rule, ...], one rule, or {"},
		{"the answer of GET sent back", `[{"rule": {"status": 503}, "skipped": 0, "fired": 0}]`, `unknown field "rule"`},
	} {
		r := post(tc.body)
		expectError(t, r, 400, ErrTypeIllegalArgument)
		if msg, _ := r.obj()["message"].(string); !strings.HasPrefix(msg, "Bad fault rules: ") || !strings.Contains(msg, tc.want) {
			t.Errorf("%s: message %q, want it to say %q", tc.name, msg, tc.want)
		}
	}
	wantStatuses(t, "the rule set before the refused ones", instanceInfoStatuses(t, u, 1), 500)

	if err := rn.Server.SetFaults([]FaultRule{{PathRegex: "/instance-info$", Count: 1}}); err == nil || !strings.Contains(err.Error(), "does nothing") {
		t.Errorf("SetFaults with a rule that does nothing: %v", err)
	}
}
