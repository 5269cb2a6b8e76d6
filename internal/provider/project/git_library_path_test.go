package project

import "testing"

// The path rule refuses only what a REST path cannot address or what
// leaves the library; a backslash or a space is DSS's to judge.
func TestGitLibraryPathRule(t *testing.T) {
	for p, want := range map[string]bool{
		`python\win`: true, "shared utils/v2": true, ".hidden": true, "a/...": true, "lib": true,
		"": false, "../escape": false, "a/..": false, "/abs": false, "a//b": false, "a/./b": false, "a/": false,
	} {
		if got := gitLibraryPathPart.Pattern.MatchString(p); got != want {
			t.Errorf("path %q: accepted %v, want %v", p, got, want)
		}
	}
}
