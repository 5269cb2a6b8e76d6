package provider_test

import (
	"go/build"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The layout's import rule (CONTRIBUTING.md, "Layout"): kit knows no
// kind, the scope packages import kit and never each other, and only the
// provider package (and the tests) import them all. A scope that imported
// another would tie two DSS scopes together; kit importing a kind would be
// an import cycle in waiting. The compiler refuses only the cycles, so
// this test states the rule itself.
func TestLayoutImports(t *testing.T) {
	const module = "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
	scopes := []string{"instance", "project", "dataset", "deployer"}
	// forbidden lists, per package, the provider packages its non-test
	// files must not import.
	forbidden := map[string][]string{
		"kit":     append([]string{"", "acctest"}, scopes...),
		"acctest": nil, // the harness builds the whole provider
	}
	for _, s := range scopes {
		others := []string{"", "acctest"}
		for _, o := range scopes {
			if o != s {
				others = append(others, o)
			}
		}
		forbidden[s] = others
	}
	root := filepath.Join(acctest.RepoRoot(t), "internal", "provider")
	for dir, banned := range forbidden {
		pkg, err := build.ImportDir(filepath.Join(root, dir), 0)
		if err != nil {
			t.Fatalf("reading %s: %v", dir, err)
		}
		if len(pkg.GoFiles) == 0 {
			t.Errorf("internal/provider/%s has no Go files: the layout changed without this test", dir)
		}
		for _, imp := range pkg.Imports {
			rel, ok := strings.CutPrefix(imp, module)
			if !ok {
				continue
			}
			rel = strings.TrimPrefix(rel, "/")
			if slices.Contains(banned, rel) {
				name := rel
				if name == "" {
					name = "provider"
				}
				t.Errorf("internal/provider/%s imports internal/provider/%s, which the layout forbids", dir, name)
			}
		}
	}
}
