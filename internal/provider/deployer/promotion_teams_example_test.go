package deployer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccPromotionTeamsExamples applies the two root modules the promotion
// guide shows, with the terraform CLI: examples/promotion-platform (the
// platform team's infrastructures, a development and a production one,
// here on one automation node) and then examples/promotion-project (a
// project team's bundles and deployments, reading the infrastructures
// through data sources). It releases to development, promotes to
// production, releases again to development while production stays on
// the promoted bundle, and checks each step through the automation node's
// API, with an empty plan after every apply. Production's
// deletion_protection refuses a plan that drops the promotion, and the
// guide's way out (set it to false, apply) lets the destroy through.
func TestAccPromotionTeamsExamples(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireTerraformCLITests(t)
	acctest.PreCheck(t)
	autoNode, auto := testAutomationNode(t)
	platform := acctest.CopyExampleDir(t, "promotion-platform")
	project := acctest.CopyExampleDir(t, "promotion-project")
	key := acctest.ProjectKey("ORDERS")

	platformVars := []string{"-var", "design_host=" + acctest.Host(t), "-var", "design_api_key=" + acctest.APIKey,
		"-var", "dev_automation_url=" + autoNode.URL(), "-var", "dev_automation_api_key=" + testAutomationKey,
		"-var", "prod_automation_url=" + autoNode.URL(), "-var", "prod_automation_api_key=" + testAutomationKey}
	projectVars := func(release, prodRelease string) []string {
		v := []string{"-var", "design_host=" + acctest.Host(t), "-var", "design_api_key=" + acctest.APIKey,
			"-var", "project_key=" + key, "-var", "release=" + release}
		if prodRelease != "" {
			v = append(v, "-var", "prod_release="+prodRelease)
		}
		return v
	}
	run := func(dir string, args ...string) {
		t.Helper()
		out, code := acctest.TerraformRun(t, dir, append(args, "-no-color")...)
		if code != 0 {
			t.Fatalf("terraform %s failed (exit %d):\n%s", strings.Join(args[:1], " "), code, out)
		}
	}
	emptyPlan := func(dir string, vars []string) {
		t.Helper()
		out, code := acctest.TerraformRun(t, dir, append([]string{"plan", "-detailed-exitcode", "-no-color"}, vars...)...)
		if code != 0 {
			t.Errorf("the plan after the apply is not empty (exit %d):\n%s", code, out)
		}
	}
	cleanedUp := false
	t.Cleanup(func() {
		if !cleanedUp {
			unprotect(t, project)
			acctest.TerraformRun(t, project, append([]string{"apply", "-auto-approve", "-no-color"}, projectVars("v2", "v1")...)...)
			acctest.TerraformRun(t, project, append([]string{"destroy", "-auto-approve", "-no-color"}, projectVars("v2", "v1")...)...)
			acctest.TerraformRun(t, platform, append([]string{"destroy", "-auto-approve", "-no-color"}, platformVars...)...)
		}
	})

	run(platform, append([]string{"apply", "-auto-approve"}, platformVars...)...)
	emptyPlan(platform, platformVars)

	// Release v1 to development only: production is not deployed.
	run(project, append([]string{"apply", "-auto-approve"}, projectVars("v1", "")...)...)
	emptyPlan(project, projectVars("v1", ""))
	if got := activeBundle(t, auto, key+"_DEV"); got != "v1" {
		t.Errorf("development runs %q, want v1", got)
	}
	if err := acctest.Client(t).Get(acctest.Ctx(t), dss.DeploymentPath(key+"-on-prod"), nil, nil); !dss.IsNotFound(err) {
		t.Errorf("a production deployment before the promotion: %v", err)
	}

	// Promote v1 to production.
	run(project, append([]string{"apply", "-auto-approve"}, projectVars("v1", "v1")...)...)
	emptyPlan(project, projectVars("v1", "v1"))
	if got := activeBundle(t, auto, key+"_PROD"); got != "v1" {
		t.Errorf("production runs %q, want v1", got)
	}

	// Release v2 to development; production stays on v1, whose published
	// copy the deployer keeps.
	run(project, append([]string{"apply", "-auto-approve"}, projectVars("v2", "v1")...)...)
	emptyPlan(project, projectVars("v2", "v1"))
	if got := activeBundle(t, auto, key+"_DEV"); got != "v2" {
		t.Errorf("development runs %q, want v2", got)
	}
	if got := activeBundle(t, auto, key+"_PROD"); got != "v1" {
		t.Errorf("production runs %q, want v1", got)
	}

	// Dropping the promotion would delete the production deployment:
	// deletion_protection refuses the plan.
	out, code := acctest.TerraformRun(t, project, append([]string{"plan", "-no-color"}, projectVars("v2", "")...)...)
	if code == 0 || !strings.Contains(out, "deletion_protection") {
		t.Errorf("a plan deleting the protected production deployment: exit %d, want a refusal naming deletion_protection:\n%s", code, out)
	}
	if got := activeBundle(t, auto, key+"_PROD"); got != "v1" {
		t.Errorf("production runs %q after the refused plan, want v1", got)
	}

	// The way out: deletion_protection = false, applied, then the destroy.
	unprotect(t, project)
	run(project, append([]string{"apply", "-auto-approve"}, projectVars("v2", "v1")...)...)
	run(project, append([]string{"destroy", "-auto-approve"}, projectVars("v2", "v1")...)...)
	run(platform, append([]string{"destroy", "-auto-approve"}, platformVars...)...)
	cleanedUp = true
	for _, id := range []string{key + "-on-dev", key + "-on-prod"} {
		if err := acctest.Client(t).Get(acctest.Ctx(t), dss.DeploymentPath(id), nil, nil); !dss.IsNotFound(err) {
			t.Errorf("deployment %s after the destroy: %v", id, err)
		}
	}
	for _, id := range []string{"dev", "prod"} {
		if err := acctest.Client(t).Get(acctest.Ctx(t), dss.Path("project-deployer", "infras", id, "settings"), nil, nil); !dss.IsNotFound(err) {
			t.Errorf("infrastructure %s after the destroy: %v", id, err)
		}
	}
}

// unprotect turns the production deployment's deletion_protection off in
// the copy of examples/promotion-project, as the guide says to before
// retiring it.
func unprotect(t *testing.T, dir string) {
	t.Helper()
	f := filepath.Join(dir, "main.tf")
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	const on, off = "deletion_protection = true", "deletion_protection = false"
	if !strings.Contains(string(b), on) && !strings.Contains(string(b), off) {
		t.Fatalf("%s sets no deletion_protection", f)
	}
	if err := os.WriteFile(f, []byte(strings.Replace(string(b), on, off, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
}

// activeBundle returns the id of the bundle activated in a project of the
// automation node c, or "" when none is.
func activeBundle(t *testing.T, c *dss.Client, projectKey string) string {
	t.Helper()
	list, err := c.ListImportedBundles(acctest.Ctx(t), projectKey)
	if err != nil {
		t.Fatalf("automation node: bundles of %s: %v", projectKey, err)
	}
	for _, b := range list {
		if b.Activated != nil && *b.Activated {
			return b.BundleID
		}
	}
	return ""
}
