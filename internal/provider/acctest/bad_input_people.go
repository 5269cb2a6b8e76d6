package acctest

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// AssertRefusedAtPlan plans one configuration holding every case (one
// resource each, named prefix and its index) and checks that the plan
// fails, writes nothing to DSS, and refuses each resource with a message
// naming the attribute and matching the rule.
func AssertRefusedAtPlan(t *testing.T, cases []BadInputCase, prefix string) {
	t.Helper()
	PreCheck(t)
	em := RequireEmulator(t)
	var cfg strings.Builder
	cfg.WriteString(CliRequiredProviders)
	for i, c := range cases {
		fmt.Fprintf(&cfg, "\nresource %q \"%s%02d\" {\n%s}\n", c.Resource, prefix, i, c.Body)
	}
	dir := NewTerraformDir(t, map[string]string{"main.tf": cfg.String()})
	env := []string{"DATAIKU_HOST=" + Host(t), "DATAIKU_API_KEY=" + APIKey}
	before := em.Server.Stats().ByRoute
	out, err := RunTerraform(t, dir, env, "plan", "-no-color")
	after := em.Server.Stats().ByRoute
	if err == nil {
		t.Fatalf("the plan of %d bad inputs succeeded:\n%s", len(cases), Tail(out, 4000))
	}
	ExpectNoWrites(t, before, after, "while planning bad input: nothing may change DSS")
	blocks, quotedBlocks := TerraformDiagnostics(out), TerraformDiagnosticsQuoted(out, true)
	for i, c := range cases {
		addr := fmt.Sprintf("%s.%s%02d", c.Resource, prefix, i)
		rule := regexp.MustCompile(c.Rule)
		bs := blocks[addr]
		if c.Quoted {
			bs = quotedBlocks[addr]
		}
		var found bool
		for _, b := range bs {
			if rule.MatchString(b) && strings.Contains(b, c.Attr) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s (%s: %s) was not refused with a message naming %q and matching %q; its errors: %q",
				addr, c.Resource, strings.TrimSpace(strings.ReplaceAll(c.Body, "\n", "; ")), c.Attr, c.Rule, blocks[addr])
		}
	}
}
