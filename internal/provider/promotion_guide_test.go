package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// promotionGuide is the promotion guide's template: the prose a reader
// follows, which no terraform validate sees (the example files it
// includes are validated by TestExamplesValidate).
const promotionGuide = "templates/guides/promotion.md.tmpl"

var (
	// guideTypeRE finds a dataiku_ type name anywhere in the text: in
	// backticks, in an address (action.dataiku_x.y) or in a path.
	guideTypeRE = regexp.MustCompile(`\bdataiku_[a-z0-9_]*[a-z0-9]`)
	// guideMakeRE finds a make target the text tells the reader to run.
	guideMakeRE = regexp.MustCompile("`make ([a-z][a-z0-9-]*)")
	// makeTargetRE finds a target GNUmakefile defines.
	makeTargetRE = regexp.MustCompile(`(?m)^([a-z][a-z0-9-]*):`)
	// guideFileRE finds a file or directory of the repository the text
	// names: the examples it includes or points to.
	guideFileRE = regexp.MustCompile(`\b(examples/[a-z0-9_/.-]*[a-z0-9_])`)
)

// TestPromotionGuideNamesRealThings keeps the promotion guide honest: every
// dataiku_ type it names is a resource, data source or action of the
// provider, every `make` target it tells the reader to run is in
// GNUmakefile, and every examples/ path it names exists.
func TestPromotionGuideNamesRealThings(t *testing.T) {
	root := acctest.RepoRoot(t)
	guide, err := os.ReadFile(filepath.Join(root, promotionGuide))
	if err != nil {
		t.Fatal(err)
	}
	makefile, err := os.ReadFile(filepath.Join(root, "GNUmakefile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range guideNameProblems(string(guide), slices.Concat(providerTypes()), string(makefile), root) {
		t.Error(p)
	}
}

// guideNameProblems lists each name of guide that types, makefile or the
// repository at root does not have.
func guideNameProblems(guide string, types []string, makefile, root string) []string {
	var problems []string
	var targets []string
	for _, m := range makeTargetRE.FindAllStringSubmatch(makefile, -1) {
		targets = append(targets, m[1])
	}
	seen := map[string]bool{}
	for _, name := range guideTypeRE.FindAllString(guide, -1) {
		if seen[name] {
			continue
		}
		seen[name] = true
		if !slices.Contains(types, name) {
			problems = append(problems, fmt.Sprintf("%s names %s, which is no resource, data source or action of the provider", promotionGuide, name))
		}
	}
	// The guide is about the deployer: fewer names means the scan broke.
	for _, want := range []string{"dataiku_project_bundle", "dataiku_project_deployer_infra", "dataiku_project_deployment",
		"dataiku_published_project", "dataiku_project_deployment_update", "dataiku_bundle_activate"} {
		if !seen[want] {
			problems = append(problems, fmt.Sprintf("%s does not name %s", promotionGuide, want))
		}
	}
	makes := guideMakeRE.FindAllStringSubmatch(guide, -1)
	if len(makes) == 0 {
		problems = append(problems, promotionGuide+" names no make target (it should name make promotion-demo)")
	}
	for _, m := range makes {
		if !slices.Contains(targets, m[1]) {
			problems = append(problems, fmt.Sprintf("%s tells to run make %s, which GNUmakefile does not define (targets: %v)", promotionGuide, m[1], targets))
		}
	}
	for _, p := range guideFileRE.FindAllString(guide, -1) {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(p))); err != nil {
			problems = append(problems, fmt.Sprintf("%s names %s: %v", promotionGuide, p, err))
		}
	}
	return problems
}

// TestPromotionGuideCheckCatchesMadeUpNames shows that the check above can
// fail: a made-up type, make target and example path are each reported.
func TestPromotionGuideCheckCatchesMadeUpNames(t *testing.T) {
	root := acctest.RepoRoot(t)
	types := []string{"dataiku_project_bundle", "dataiku_project_deployer_infra", "dataiku_project_deployment",
		"dataiku_published_project", "dataiku_project_deployment_update", "dataiku_bundle_activate"}
	good := "`dataiku_project_bundle`, `dataiku_project_deployer_infra`, `dataiku_project_deployment`, `dataiku_published_project`, " +
		"action.dataiku_project_deployment_update.prod, `dataiku_bundle_activate`; run `make promotion-demo`; see examples/promotion."
	makefile := "promotion-demo: ## the demo\n\t./scripts/promotion-demo.sh\n"
	for _, c := range []struct{ name, guide string }{
		{"type", good + " Then `dataiku_project_promotion`."},
		{"make target", good + " Then `make promote-all`."},
		{"example", good + " See examples/promotion-staging."},
	} {
		problems := guideNameProblems(c.guide, types, makefile, root)
		if len(problems) != 1 {
			t.Errorf("a made-up %s: got %d problems %v, want 1", c.name, len(problems), problems)
		}
	}
	if problems := guideNameProblems(good, types, makefile, root); len(problems) != 0 {
		t.Errorf("the check refused a text naming only real things: %v", problems)
	}
}
