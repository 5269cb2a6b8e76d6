package deployer_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccPromotionExample applies examples/promotion with the terraform
// CLI and the provider built from this tree (two provider configurations,
// one per node, which the in-process test framework cannot serve
// separately): the design node is the test's emulator, the automation node
// a second one. It checks the deployed project through the automation
// node's API, then releases a change with a new bundle id, which moves the
// deployment in place, and checks again; every second plan is empty.
func TestAccPromotionExample(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireTerraformCLITests(t)
	acctest.PreCheck(t)
	autoNode, auto := testAutomationNode(t)
	work := acctest.CopyExampleDir(t, "promotion")
	key := acctest.ProjectKey("PROMO")
	vars := func(release string, returns bool) []string {
		r := "false"
		if returns {
			r = "true"
		}
		return []string{"-var", "design_host=" + acctest.Host(t), "-var", "design_api_key=" + acctest.APIKey,
			"-var", "automation_host=" + autoNode.URL(), "-var", "automation_api_key=" + testAutomationKey,
			"-var", "project_key=" + key, "-var", "release=" + release, "-var", "with_returns=" + r}
	}
	destroy := acctest.DestroyAtEnd(t, work, vars("v2", true)...)
	apply := func(release string, returns bool, wantDatasets ...string) {
		t.Helper()
		start := time.Now()
		out, code := acctest.TerraformRun(t, work, append([]string{"apply", "-auto-approve", "-no-color"}, vars(release, returns)...)...)
		if code != 0 {
			t.Fatalf("apply of %s failed (exit %d):\n%s", release, code, out)
		}
		t.Logf("apply of %s: %s", release, time.Since(start).Round(time.Millisecond))
		// Through the automation node's API: the deployed project holds the
		// bundle's Flow.
		var got []string
		if active := activeBundle(t, auto, key+"_PROD"); active != release {
			t.Errorf("automation node: active bundle %q, want %q", active, release)
		}
		var dsets []struct {
			Name string `json:"name"`
		}
		if err := auto.Get(acctest.Ctx(t), dss.Path("projects", key+"_PROD", "datasets")+"/", nil, &dsets); err != nil {
			t.Fatal(err)
		}
		for _, d := range dsets {
			got = append(got, d.Name)
		}
		slices.Sort(got)
		if strings.Join(got, ",") != strings.Join(wantDatasets, ",") {
			t.Errorf("automation node: datasets %v, want %v", got, wantDatasets)
		}
		if err := auto.Get(acctest.Ctx(t), dss.Path("projects", key+"_PROD", "recipes", "clean_orders"), nil, nil); err != nil {
			t.Errorf("automation node: recipe clean_orders: %v", err)
		}
		// The output read through the automation provider agrees.
		out, _ = acctest.TerraformRun(t, work, "output", "-json", "-no-color")
		var outputs map[string]struct {
			Value struct {
				Bundle   string   `json:"bundle"`
				Health   string   `json:"health"`
				Datasets []string `json:"datasets"`
			} `json:"value"`
		}
		if err := json.Unmarshal([]byte(out), &outputs); err != nil {
			t.Fatalf("terraform output: %v\n%s", err, out)
		}
		if d := outputs["deployed"].Value; d.Bundle != release || d.Health != "HEALTHY" || strings.Join(d.Datasets, ",") != strings.Join(wantDatasets, ",") {
			t.Errorf("output deployed = %+v, want bundle %s, HEALTHY, datasets %v", d, release, wantDatasets)
		}
		out, code = acctest.TerraformRun(t, work, append([]string{"plan", "-detailed-exitcode", "-no-color"}, vars(release, returns)...)...)
		if code != 0 {
			t.Errorf("the plan after the apply of %s is not empty (exit %d):\n%s", release, code, out)
		}
	}
	apply("v1", false, "orders", "orders_clean")
	apply("v2", true, "orders", "orders_clean", "returns")

	destroy(vars("v2", true)...)
	if err := acctest.Client(t).Get(acctest.Ctx(t), dss.DeploymentPath(key+"-on-prod"), nil, nil); !dss.IsNotFound(err) {
		t.Errorf("the deployment after the destroy: %v", err)
	}
}
