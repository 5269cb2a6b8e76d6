package provider_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"

	sdkacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
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

// promotionCIPorts are the ports the guide's CI snippet starts its two
// emulators on; the test moves them to free ones.
var promotionCIPorts = []string{"127.0.0.1:11200", "127.0.0.1:11300"}

// TestPromotionGuideCISnippet runs the promotion guide's CI snippet as a
// CI job would (bash -eo pipefail, as GitHub Actions runs a step), on the
// two root modules it is written for: examples/promotion-platform and
// examples/promotion-project, copied as platform/ and project/. Its
// emulator flags, exported variables and -detailed-exitcode plans (exit 2
// on a non-empty plan fails the run) are taken as written; only the ports
// change, to free ones, and the provider comes from a filesystem mirror,
// as from the registry, so that its terraform init runs offline. DSS's
// side is then read back through the client: both infrastructures and
// the development deployment on the design node, and the deployed project
// on the automation node.
func TestPromotionGuideCISnippet(t *testing.T) {
	// Its own emulators, on ports no other test can be given (FixedPort):
	// no DSS is shared.
	t.Parallel()
	rc := acctest.ProviderMirror(t, changelogVersion(t))
	emulatorBin := acctest.EmulatorBinary(t)
	root := acctest.RepoRoot(t)
	snippet := promotionCISnippet(t)

	// Free ports that no other test's emulator can take meanwhile.
	urls := map[string]string{}
	for _, port := range promotionCIPorts {
		free := acctest.FixedPort(t)
		urls[port] = "http://" + free
		snippet = strings.ReplaceAll(snippet, port, free)
	}

	work := t.TempDir()
	for from, to := range map[string]string{"examples/promotion-platform": "platform", "examples/promotion-project": "project"} {
		if err := os.CopyFS(filepath.Join(work, to), os.DirFS(filepath.Join(root, filepath.FromSlash(from)))); err != nil {
			t.Fatal(err)
		}
	}
	// terraform and dss-emulator on PATH under their own names, as a CI
	// image would have them.
	bin := filepath.Join(work, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"terraform": acctest.TerraformBinary(t), "dss-emulator": emulatorBin} {
		if err := os.Symlink(target, filepath.Join(bin, name)); err != nil {
			t.Fatal(err)
		}
	}
	designKey, automationKey := "ci-design-"+sdkacctest.RandString(12), "ci-automation-"+sdkacctest.RandString(12)
	env := append(acctest.CleanTerraformEnv(),
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"HOME="+t.TempDir(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0",
		"DESIGN_KEY="+designKey, "AUTOMATION_KEY="+automationKey)

	// The snippet leaves its emulators running, as a CI job's end would
	// stop them; the test reads them, then stops them.
	script := "trap 'echo \"failed: exit $?\"' ERR\n" + snippet
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
	cmd.Dir = work
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// A file, not a pipe: the emulators the snippet leaves running keep
	// its stderr open, and Wait would wait for them to close a pipe.
	out, err := os.Create(filepath.Join(work, "snippet.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) })
	if err := cmd.Wait(); err != nil {
		text, _ := os.ReadFile(out.Name())
		t.Fatalf("the promotion guide's CI snippet failed: %v\n%s", err, acctest.MaskSecrets(acctest.Tail(string(text), 8000), []string{designKey, automationKey}))
	}

	ctx := acctest.Ctx(t)
	design, err := dss.NewClient(dss.Config{Host: urls[promotionCIPorts[0]], APIKey: designKey})
	if err != nil {
		t.Fatal(err)
	}
	infras, err := design.ListInfras(ctx)
	if err != nil {
		t.Fatal(err)
	}
	deployments, err := design.ListDeployments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(items []dss.DeployerLight, info func(dss.DeployerLight) dss.DeployerBasicInfo) (ids []string) {
		for _, item := range items {
			ids = append(ids, info(item).ID)
		}
		return ids
	}
	if got := ids(infras, func(d dss.DeployerLight) dss.DeployerBasicInfo { return d.InfraBasicInfo }); !slices.Contains(got, "dev") || !slices.Contains(got, "prod") {
		t.Errorf("infrastructures on the design node after the snippet: %v, want dev and prod", got)
	}
	if got := ids(deployments, func(d dss.DeployerLight) dss.DeployerBasicInfo { return d.DeploymentBasicInfo }); !slices.Equal(got, []string{"ORDERS-on-dev"}) {
		t.Errorf("deployments on the design node after the snippet: %v, want ORDERS-on-dev only (no production release)", got)
	}
	automation, err := dss.NewClient(dss.Config{Host: urls[promotionCIPorts[1]], APIKey: automationKey})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := automation.GetProjectSummary(ctx, "ORDERS_DEV"); err != nil {
		t.Errorf("the development deployment's project on the automation node: %v", err)
	}
}

// promotionCISnippet is the guide's CI snippet: the first shell block of
// the section that says how to run it in CI, which must start both nodes
// on promotionCIPorts.
func promotionCISnippet(t *testing.T) string {
	t.Helper()
	for _, block := range docSectionBlocks(t, promotionGuide, "## Try it against the emulator first, and in CI") {
		if block[0] != "shell" {
			continue
		}
		for _, port := range promotionCIPorts {
			if !strings.Contains(block[1], port) {
				t.Fatalf("%s's CI snippet does not use %s (this test moves it to a free port):\n%s", promotionGuide, port, block[1])
			}
		}
		return block[1]
	}
	t.Fatalf("%s's CI section has no shell block", promotionGuide)
	return ""
}
