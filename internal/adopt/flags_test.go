package adopt

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestFlagNamesMatchUsage keeps FlagNames, which the guides' tests trust,
// and the help text in step with the flags the command really parses:
// every flag defined is described in the usage, and every flag the usage
// names is defined.
func TestFlagNamesMatchUsage(t *testing.T) {
	flags := FlagNames()
	for _, want := range []string{"out", "projects", "kinds", "exclude", "include-builtin", "no-prevent-destroy", "deletion-protection", "layout"} {
		if !slices.Contains(flags, want) {
			t.Errorf("FlagNames() = %v, missing --%s", flags, want)
		}
	}
	named := map[string]bool{}
	for _, m := range regexp.MustCompile(`--([a-z][a-z0-9-]*)`).FindAllStringSubmatch(usage, -1) {
		named[m[1]] = true
		if !slices.Contains(flags, m[1]) {
			t.Errorf("the usage names --%s, which the command does not define", m[1])
		}
	}
	for _, f := range flags {
		if !named[f] {
			t.Errorf("--%s is defined but the usage does not describe it", f)
		}
	}
}

// TestGrantsNeedsProjects: --grants stands in for the permissions of the
// projects adopted, so a --kinds without project is a usage error that
// says so, before anything is listed.
func TestGrantsNeedsProjects(t *testing.T) {
	var stdout, stderr strings.Builder
	code := Run(context.Background(), []string{"--out", t.TempDir(), "--grants", "--kinds", "dataset"}, &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "--grants adopts the grants of the projects it adopts: --kinds must include project") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

// TestParseExclude: a KIND: part must name a kind, with the dataiku_
// prefix tolerated (and dropped, so that it matches), as --kinds takes it;
// a glob in the kind part, or no kind part, is left as written; a
// malformed glob's error gives --exclude's own example.
func TestParseExclude(t *testing.T) {
	got, err := parseExclude("SALES.tmp_*, dataiku_dataset:*.scratch,user:svc_*,*:OLD.*")
	if err != nil || !slices.Equal(got, []string{"SALES.tmp_*", "dataset:*.scratch", "user:svc_*", "*:OLD.*"}) {
		t.Errorf("parseExclude = %v, %v", got, err)
	}
	for _, bad := range []string{"datset:*", "dataiku_datasets:SALES.*"} {
		if _, err := parseExclude(bad); err == nil || !strings.Contains(err.Error(), "names no kind") || !strings.Contains(err.Error(), "dataset, ") {
			t.Errorf("%q: %v, want a refusal listing the kinds", bad, err)
		}
	}
	if _, err := parseExclude("["); err == nil || !strings.Contains(err.Error(), "e.g. SALES.tmp_*,user:svc_*") {
		t.Errorf("a malformed glob: %v, want --exclude's example", err)
	}
}
