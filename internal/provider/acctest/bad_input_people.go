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
	run := RunConfigFailingOn(t, em, cfg.String(), APIKey, "plan", "-no-color")
	ExpectNoWrites(t, run.Before, run.After, "while planning bad input: nothing may change DSS")
	blocks, quotedBlocks := run.Blocks, TerraformDiagnosticsQuoted(run.Out, true)
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
	t.Logf("bad inputs tried: %d (%s); refused at plan time with no write to DSS: %t", len(cases), countResources(cases), !t.Failed())
}

// countResources says how many of cases each resource type has, in the
// order the types first come.
func countResources(cases []BadInputCase) string {
	var types []string
	n := map[string]int{}
	for _, c := range cases {
		if n[c.Resource] == 0 {
			types = append(types, c.Resource)
		}
		n[c.Resource]++
	}
	parts := make([]string, len(types))
	for i, r := range types {
		parts[i] = fmt.Sprintf("%s %d", r, n[r])
	}
	return strings.Join(parts, ", ")
}
