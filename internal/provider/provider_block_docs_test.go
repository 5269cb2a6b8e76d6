package provider_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var providerBlockRE = regexp.MustCompile(`(?m)^provider\s+"dataiku"\s*\{`)

// TestDocsShowTheProviderBlock checks that every complete configuration the
// project publishes (an example with its own required_providers, a
// configuration block in the README or a guide) writes a provider block,
// even an empty one: without it, Terraform adds "requires explicit
// configuration" to any error the provider's configuration gets, which
// sends users looking for a setting that is not needed. The emulator pages
// say the configuration needs no settings, so they must show the empty
// block explicitly. A reusable module (modules/) must have none.
func TestDocsShowTheProviderBlock(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, dir := range exampleDirs(t, root) {
		files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
		if err != nil {
			t.Fatal(err)
		}
		var all strings.Builder
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			all.Write(b)
		}
		// A reusable module is the opposite: it takes its caller's
		// provider configuration, and one of its own would forbid count,
		// for_each and depends_on on its calls.
		if rel, _ := filepath.Rel(root, dir); strings.HasPrefix(filepath.ToSlash(rel), "modules/") {
			if providerBlockRE.MatchString(all.String()) {
				t.Errorf("%s is a reusable module but configures the provider: leave that to its callers", dir)
			}
			continue
		}
		if requiredProvidersRE.MatchString(all.String()) && !providerBlockRE.MatchString(all.String()) {
			t.Errorf("%s is a whole configuration (it has required_providers) but has no provider \"dataiku\" block", dir)
		}
	}
	block := regexp.MustCompile("(?s)```(?:terraform|hcl)\n(.*?)```")
	for _, doc := range []string{"README.md", "templates/index.md.tmpl", "templates/guides/emulator.md.tmpl", "templates/guides/adopt.md.tmpl", "templates/guides/migrate.md.tmpl"} {
		b, err := os.ReadFile(filepath.Join(root, doc))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range block.FindAllStringSubmatch(string(b), -1) {
			if requiredProvidersRE.MatchString(m[1]) && !providerBlockRE.MatchString(m[1]) {
				t.Errorf("%s: a configuration with required_providers has no provider \"dataiku\" block:\n%s", doc, m[1])
			}
		}
	}
	for _, doc := range []string{"templates/index.md.tmpl", "templates/guides/emulator.md.tmpl"} {
		b, err := os.ReadFile(filepath.Join(root, doc))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `provider "dataiku" {}`) {
			t.Errorf("%s runs a configuration against the emulator but never shows the empty provider \"dataiku\" {} block", doc)
		}
	}
}
