package instance

import (
	"regexp"
	"slices"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// sanityCheckFailures: every finding is shown, in DSS's order; a finding
// fails at or above the threshold only, unless it or the report is fatal;
// a severity the provider does not know fails; a fatal report with no
// finding still fails.
func TestSanityCheckFailures(t *testing.T) {
	all := []dss.SanityCheckMessage{{Severity: "INFO", Code: "A"}, {Severity: "SUCCESS", Code: "B"}, {Severity: "WARNING", Code: "C"},
		{Severity: "ERROR", Code: "D"}, {Severity: "CRITICAL", Code: "E"}, {Severity: "INFO", Code: "F", IsFatal: true}}
	code := regexp.MustCompile(`\[(\w+)\]`)
	codes := func(lines []string) []string {
		var out []string
		for _, l := range lines {
			if m := code.FindStringSubmatch(l); m != nil {
				out = append(out, m[1])
			}
		}
		return out
	}
	for _, tc := range []struct {
		failOn string
		fatal  bool
		want   []string
	}{
		{"ERROR", false, []string{"D", "E", "F"}},
		{"WARNING", false, []string{"C", "D", "E", "F"}},
		{"ERROR", true, []string{"A", "B", "C", "D", "E", "F"}},
	} {
		var shown []string
		got := sanityCheckFailures(&dss.SanityCheckReport{Fatal: tc.fatal, Messages: all}, tc.failOn, func(s string) { shown = append(shown, s) })
		if len(shown) != len(all) {
			t.Errorf("fail_on %s: shown %v, want every finding", tc.failOn, shown)
		}
		if c := codes(got); !slices.Equal(c, tc.want) {
			t.Errorf("fail_on %s, fatal %v: failures %v (%q), want %v", tc.failOn, tc.fatal, c, got, tc.want)
		}
	}
	if got := sanityCheckFailures(&dss.SanityCheckReport{Fatal: true}, "ERROR", func(string) {}); len(got) != 1 {
		t.Errorf("a fatal report with no finding: failures %v, want one", got)
	}
	if got := sanityCheckFailures(&dss.SanityCheckReport{}, "WARNING", func(string) {}); len(got) != 0 {
		t.Errorf("an empty report: failures %v", got)
	}
}
