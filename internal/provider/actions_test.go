package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// Actions need Terraform >= 1.14. The machine's terraform may be older;
// the pinned one (scripts/terraform-pinned.sh) is not. An acceptance run
// on an older terraform must not pass by skipping the actions' tests, so
// requireActionsTerraform fails unless DATAIKU_TEST_SKIP_ACTIONS=1 says
// the skip is wanted.

const actionsOptOutEnv = "DATAIKU_TEST_SKIP_ACTIONS"

var (
	actionsTerraformOnce sync.Once
	actionsTerraformVer  string
	actionsTerraformErr  error
)

func requireActionsTerraform(t *testing.T) {
	t.Helper()
	testAccPreCheck(t)
	actionsTerraformOnce.Do(func() {
		out, err := exec.Command(terraformBinary(t), "version", "-json").Output()
		if err != nil {
			actionsTerraformErr = fmt.Errorf("terraform version: %w", err)
			return
		}
		var v struct {
			Version string `json:"terraform_version"`
		}
		if err := json.Unmarshal(out, &v); err != nil {
			actionsTerraformErr = fmt.Errorf("terraform version -json: %w", err)
			return
		}
		actionsTerraformVer = v.Version
	})
	if actionsTerraformErr != nil {
		t.Fatal(actionsTerraformErr)
	}
	var major, minor int
	if _, err := fmt.Sscanf(actionsTerraformVer, "%d.%d", &major, &minor); err != nil {
		t.Fatalf("terraform reports version %q: %v", actionsTerraformVer, err)
	}
	if major < 1 || major == 1 && minor < 14 {
		if os.Getenv(actionsOptOutEnv) == "1" {
			t.Skipf("terraform %s has no actions and %s=1", actionsTerraformVer, actionsOptOutEnv)
		}
		t.Fatalf("actions need Terraform >= 1.14 (this is %s): run with TF_ACC_TERRAFORM_PATH=$(scripts/terraform-pinned.sh), or set %s=1 to skip them",
			actionsTerraformVer, actionsOptOutEnv)
	}
}

// testOpsProject makes, outside Terraform, a project with datasets
// orders and scored and a step-based scenario SMOKE: a build of scored,
// then a check step.
func testOpsProject(t *testing.T, key string) *dss.Client {
	t.Helper()
	c := testProjectOutside(t, key, "Operations "+key)
	ctx := testCtx(t)
	for _, n := range []string{"orders", "scored"} {
		ds := map[string]any{"projectKey": key, "name": n, "type": "Filesystem", "managed": true,
			"params": map[string]any{"connection": "filesystem_managed", "path": key + "/" + n}, "formatType": "csv"}
		if err := c.Post(ctx, dss.Path("projects", key, "datasets")+"/", nil, ds, nil); err != nil {
			t.Fatalf("creating dataset %s: %v", n, err)
		}
	}
	sc := map[string]any{"id": "SMOKE", "name": "Smoke test", "type": "step_based", "params": map[string]any{"steps": []any{
		map[string]any{"id": "build", "type": "build_flowitem", "name": "Build scored",
			"params": map[string]any{"builds": []any{map[string]any{"type": "DATASET", "itemId": "scored", "partitionsSpec": ""}}, "jobType": "RECURSIVE_BUILD"}},
		map[string]any{"id": "check", "type": "custom_python", "name": "Check counts"},
	}}}
	if err := c.Post(ctx, dss.Path("projects", key, "scenarios")+"/", nil, sc, nil); err != nil {
		t.Fatalf("creating scenario: %v", err)
	}
	return c
}

// scenarioRunHCL is an action running SMOKE with extra attributes.
func scenarioRunHCL(key, extra string) string {
	return fmt.Sprintf(`
action "dataiku_scenario_run" "smoke" {
  config {
    project_key = %q
    scenario_id = "SMOKE"
%s  }
}
`, key, extra)
}

// invokeDir writes a configuration and initialises it.
func invokeDir(t *testing.T, hcl string) string {
	t.Helper()
	dir := newTerraformDir(t, map[string]string{"main.tf": providerBlockForCLI() + hcl})
	return dir
}

func providerBlockForCLI() string {
	return `
terraform {
  required_providers {
    dataiku = { source = "tf-dataiku/dataiku" }
  }
}
`
}

// requireEmulatorOps resets the emulator's operation behaviours after the
// test.
func requireEmulatorOps(t *testing.T) *emulator.Server {
	t.Helper()
	rn := requireEmulator(t)
	t.Cleanup(func() { _ = rn.Server.SetOperations(emulator.OperationsConfig{}) })
	return rn.Server
}

func mustContain(t *testing.T, out string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Fatalf("output lacks %q:\n%s", w, tail(out, 6000))
		}
	}
}

// Invoked directly with -invoke: the run happens in DSS (the emulator
// records it with the params), its steps are reported as they start and
// end, and nothing lands in the state.
func TestAccActionScenarioRunInvoke(t *testing.T) {
	requireActionsTerraform(t)
	srv := requireEmulatorOps(t)
	key := testProjectKey("ACT_SR")
	testOpsProject(t, key)
	srv.SetBuildBehavior(key, "scored", emulator.OperationBehavior{DurationMs: 300})
	srv.SetStepBehavior(key, "SMOKE", "check", emulator.OperationBehavior{DurationMs: 200})
	dir := invokeDir(t, scenarioRunHCL(key, `    params = jsonencode({ release = "1.2.3" })
`))
	out, code := terraformRun(t, dir, "apply", "-auto-approve", "-no-color", "-invoke=action.dataiku_scenario_run.smoke")
	if code != 0 {
		t.Fatalf("apply -invoke failed:\n%s", out)
	}
	mustContain(t, out, "run requested", `step 1/2 "Build scored" (build) started`, `step "Check counts" (check) ended SUCCESS`, "ended SUCCESS")
	runs := srv.ScenarioRuns(key, "SMOKE")
	if len(runs) != 1 || runs[0].Outcome != emulator.OutcomeSuccess || runs[0].Params["release"] != "1.2.3" || len(runs[0].Jobs) != 1 {
		t.Fatalf("runs in DSS: %+v", runs)
	}
	if jobs := srv.Jobs(key); len(jobs) != 1 || jobs[0].State != emulator.JobDone || jobs[0].Outputs[0] != "scored" {
		t.Fatalf("the build step's job: %+v", jobs)
	}
	for name, content := range stateFiles(t, dir) {
		if strings.Contains(content, "SMOKE") || strings.Contains(content, "dataiku") {
			t.Fatalf("an action wrote to the state (%s):\n%s", name, content)
		}
	}
}
