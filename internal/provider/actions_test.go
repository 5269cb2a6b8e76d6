package provider_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	sdkacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Actions need Terraform >= 1.14. The machine's terraform may be older;
// the pinned one (scripts/terraform-pinned.sh) is not. An acceptance run
// on an older terraform must not pass by skipping the actions' tests, so
// RequireActionsTerraform fails unless DATAIKU_TEST_SKIP_ACTIONS=1 says
// the skip is wanted.

// testOpsProject makes, outside Terraform, a project with datasets
// orders and scored and a step-based scenario SMOKE: a build of scored,
// then a check step.
func testOpsProject(t *testing.T, key string) *dss.Client {
	t.Helper()
	c := acctest.ProjectOutside(t, key, "Operations "+key)
	ctx := acctest.Ctx(t)
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
	return actionHCL("dataiku_scenario_run", "smoke", fmt.Sprintf("    project_key = %q\n    scenario_id = \"SMOKE\"\n", key)+extra)
}

// actionHCL is an action block of type kind named name whose config
// holds attrs (whole lines of HCL, indented by four spaces).
func actionHCL(kind, name, attrs string) string {
	return fmt.Sprintf(`
action %q %q {
  config {
%s  }
}
`, kind, name, attrs)
}

// startOpsTest starts an action test that changes the emulator's
// operation behaviours: on the emulator alone, with a Terraform that has
// actions, the behaviours reset after the test, and testOpsProject made
// under a fresh key starting with prefix.
func startOpsTest(t *testing.T, prefix string) (srv *emulator.Server, key string, c *dss.Client) {
	t.Helper()
	acctest.ParallelOnEmulator(t)
	acctest.RequireActionsTerraform(t)
	srv = requireEmulatorOps(t)
	key = acctest.ProjectKey(prefix)
	return srv, key, testOpsProject(t, key)
}

// invokeLeavingNoState runs terraform apply -invoke=action.<address> on
// hcl, which must succeed saying each of wants, and fails the test when a
// state file holds any of notInState afterwards: an action never writes to
// the state.
func invokeLeavingNoState(t *testing.T, hcl, address string, notInState []string, wants ...string) {
	t.Helper()
	dir := acctest.InvokeDir(t, hcl)
	out, code := acctest.TerraformRun(t, dir, "apply", "-auto-approve", "-no-color", "-invoke=action."+address)
	if code != 0 {
		t.Fatalf("apply -invoke failed:\n%s", out)
	}
	acctest.MustContain(t, out, wants...)
	for name, content := range acctest.StateFiles(t, dir) {
		for _, word := range notInState {
			if strings.Contains(content, word) {
				t.Fatalf("an action wrote to the state (%s):\n%s", name, content)
			}
		}
	}
}

// requireRunAborted fails the test unless SMOKE ran once and both that
// run and the job of its build step were aborted in DSS after what (the
// timeout, the interrupt).
func requireRunAborted(t *testing.T, srv *emulator.Server, key, what string) {
	t.Helper()
	if runs := srv.ScenarioRuns(key, "SMOKE"); len(runs) != 1 || runs[0].Running || runs[0].Outcome != emulator.OutcomeAborted {
		t.Fatalf("the run in DSS after %s: %+v", what, runs)
	}
	if jobs := srv.Jobs(key); len(jobs) != 1 || jobs[0].State != emulator.JobAborted {
		t.Fatalf("the run's job after %s: %+v", what, jobs)
	}
}

// requireLastJobAborted fails the test unless the project holds n jobs
// and the last one was aborted in DSS after what.
func requireLastJobAborted(t *testing.T, srv *emulator.Server, key string, n int, what string) {
	t.Helper()
	if jobs := srv.Jobs(key); len(jobs) != n || jobs[n-1].State != emulator.JobAborted {
		t.Fatalf("the job after %s: %+v", what, jobs)
	}
}

// triggeringData is a terraform_data resource whose input is input and
// whose create and every update trigger actions (a list of action
// addresses, in HCL).
func triggeringData(name, input, actions string) string {
	return fmt.Sprintf(`
resource "terraform_data" %q {
  input = %q
  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = %s
    }
  }
}
`, name, input, actions)
}

// requireEmulatorOps resets the emulator's operation behaviours after the
// test.
func requireEmulatorOps(t *testing.T) *emulator.Server {
	t.Helper()
	rn := acctest.RequireEmulator(t)
	t.Cleanup(func() { _ = rn.Server.SetOperations(emulator.OperationsConfig{}) })
	return rn.Server
}

// dataQualityComputeHCL is an action computing the rules of a dataset.
func dataQualityComputeHCL(key, dataset, extra string) string {
	return actionHCL("dataiku_data_quality_compute", "orders", fmt.Sprintf("    project_key  = %q\n    dataset_name = %q\n", key, dataset)+extra)
}

// codeEnvUpdateHCL is an action rebuilding a Python env.
func codeEnvUpdateHCL(env string) string {
	return actionHCL("dataiku_code_env_update", "env", fmt.Sprintf("    name          = %q\n    lang          = \"PYTHON\"\n    force_rebuild = true\n", env))
}

// testTwoRules makes, outside Terraform, two data-quality rules on the
// dataset orders of testOpsProject.
func testTwoRules(t *testing.T, c *dss.Client, key string) {
	t.Helper()
	for _, name := range []string{"ids present", "amount positive"} {
		rule := dss.DataQualityRule{Type: "ColumnNotEmptyRule", DisplayName: name}
		_ = rule.SetConfigField("column", "id")
		if _, err := c.CreateDataQualityRule(acctest.Ctx(t), key, "orders", rule); err != nil {
			t.Fatal(err)
		}
	}
}

// Invoked directly with -invoke: the run happens in DSS (the emulator
// records it with the params), its steps are reported as they start and
// end, and nothing lands in the state.
func TestAccActionScenarioRunInvoke(t *testing.T) {
	srv, key, _ := startOpsTest(t, "ACT_SR")
	srv.SetBuildBehavior(key, "scored", emulator.OperationBehavior{DurationMs: 300})
	srv.SetStepBehavior(key, "SMOKE", "check", emulator.OperationBehavior{DurationMs: 200})
	invokeLeavingNoState(t, scenarioRunHCL(key, `    params = jsonencode({ release = "1.2.3" })
`), "dataiku_scenario_run.smoke", []string{"SMOKE", "dataiku"}, "run requested", `step 1/2 "Build scored" (build) started`, `step "Check counts" (check) ended SUCCESS`, "ended SUCCESS")
	runs := srv.ScenarioRuns(key, "SMOKE")
	if len(runs) != 1 || runs[0].Outcome != emulator.OutcomeSuccess || runs[0].Params["release"] != "1.2.3" || len(runs[0].Jobs) != 1 {
		t.Fatalf("runs in DSS: %+v", runs)
	}
	if jobs := srv.Jobs(key); len(jobs) != 1 || jobs[0].State != emulator.JobDone || jobs[0].Outputs[0] != "scored" {
		t.Fatalf("the build step's job: %+v", jobs)
	}

	// params as an HCL object reach DSS as the object they say.
	acctest.InvokeAction(t, scenarioRunHCL(key, "    params = { release = \"1.2.4\", build = { retries = 3, tags = [\"a\"] } }\n"),
		"dataiku_scenario_run.smoke", true, "apply -invoke with params in HCL", "ended SUCCESS")
	if runs := srv.ScenarioRuns(key, "SMOKE"); len(runs) != 2 || runs[1].Params["release"] != "1.2.4" ||
		!kit.JSONEqual(runs[1].Params["build"], map[string]any{"retries": 3, "tags": []any{"a"}}) {
		t.Fatalf("runs in DSS: %+v", runs)
	}

	// wait = false: the action returns once DSS accepted the run, which
	// goes on in DSS.
	srv.SetBuildBehavior(key, "scored", emulator.OperationBehavior{DurationMs: 60_000})
	acctest.InvokeAction(t, scenarioRunHCL(key, "    wait = false\n"), "dataiku_scenario_run.smoke", true, "apply -invoke with wait = false", "not waiting for the run")
	if runs := srv.ScenarioRuns(key, "SMOKE"); len(runs) != 3 || !runs[2].Running {
		t.Fatalf("the run not waited for: %+v", runs)
	}
	if err := acctest.Client(t).AbortScenario(acctest.Ctx(t), key, "SMOKE"); err != nil {
		t.Fatal(err)
	}
}

// datasetBuildHCL is an action building datasets with extra attributes.
func datasetBuildHCL(key, datasets, extra string) string {
	return actionHCL("dataiku_dataset_build", "rebuild", fmt.Sprintf("    project_key = %q\n    datasets    = %s\n", key, datasets)+extra)
}

// Invoked directly: the job builds both datasets in DSS, its activities
// are reported, nothing lands in the state.
func TestAccActionDatasetBuildInvoke(t *testing.T) {
	srv, key, _ := startOpsTest(t, "ACT_DB")
	srv.SetBuildBehavior(key, "orders", emulator.OperationBehavior{DurationMs: 200})
	srv.SetBuildBehavior(key, "scored", emulator.OperationBehavior{DurationMs: 200})
	invokeLeavingNoState(t, datasetBuildHCL(key, `["orders", "scored"]`, `    job_type = "NON_RECURSIVE_FORCED_BUILD"
`), "dataiku_dataset_build.rebuild", []string{"dataiku"}, "(NON_RECURSIVE_FORCED_BUILD of orders, scored): started", "activity compute_orders_NP RUNNING", "activity compute_scored_NP DONE", ": DONE")
	jobs := srv.Jobs(key)
	if len(jobs) != 1 || jobs[0].State != emulator.JobDone || strings.Join(jobs[0].Outputs, ",") != "orders,scored" || jobs[0].Type != "NON_RECURSIVE_FORCED_BUILD" {
		t.Fatalf("jobs in DSS: %+v", jobs)
	}
}

// Triggered by a resource's lifecycle: on create, and again on update;
// each time the side effect is in DSS (a run, a job), and the state holds
// the terraform_data only.
func TestAccActionTriggers(t *testing.T) {
	srv, key, _ := startOpsTest(t, "ACT_TR")
	config := func(release string) string {
		return scenarioRunHCL(key, "") + datasetBuildHCL(key, `["scored"]`, "") +
			triggeringData("release", release, "[action.dataiku_dataset_build.rebuild, action.dataiku_scenario_run.smoke]")
	}
	counts := func(runs, jobs int) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			if got := len(srv.ScenarioRuns(key, "SMOKE")); got != runs {
				return fmt.Errorf("%d scenario runs in DSS, want %d", got, runs)
			}
			// Each scenario run builds scored as a job too.
			if got := len(srv.Jobs(key)); got != jobs {
				return fmt.Errorf("%d jobs in DSS, want %d", got, jobs)
			}
			for addr := range s.RootModule().Resources {
				if addr != "terraform_data.release" {
					return fmt.Errorf("the state holds %s: actions must not write to it", addr)
				}
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps: []resource.TestStep{
			{Config: config("1.0"), Check: counts(1, 2)},
			{Config: config("1.1"), Check: counts(2, 4)},
			// Unchanged: no event, nothing runs.
			{Config: config("1.1"), Check: counts(2, 4)},
		},
	})
}

// Failures: a failed step fails the apply with its message, quoted with
// the action's address; fail_on = "WARNING" fails a run that only warned;
// a failed build names its activity and quotes the log.
func TestAccActionFailures(t *testing.T) {
	srv, key, _ := startOpsTest(t, "ACT_FA")

	srv.SetStepBehavior(key, "SMOKE", "check", emulator.OperationBehavior{Outcome: emulator.OutcomeFailed, Message: "orders has 0 rows, expected at least 1"})
	acctest.InvokeAction(t, scenarioRunHCL(key, ""), "dataiku_scenario_run.smoke", false, "a failed run",
		"Action failed: action.dataiku_scenario_run.smoke", "scenario "+key+".SMOKE ended FAILED",
		`Step "Check counts" (check) ended FAILED: orders has 0 rows, expected at least 1`)

	srv.SetStepBehavior(key, "SMOKE", "check", emulator.OperationBehavior{Outcome: emulator.OutcomeWarning, Message: "orders is smaller than yesterday"})
	acctest.InvokeAction(t, scenarioRunHCL(key, "    fail_on = \"WARNING\"\n"), "dataiku_scenario_run.smoke", false, "a warning with fail_on = WARNING",
		"ended WARNING", "orders is smaller than yesterday")
	// The default fail_on lets the warning through.
	acctest.InvokeAction(t, scenarioRunHCL(key, ""), "dataiku_scenario_run.smoke", true, "a warning with fail_on = FAILED")

	srv.SetBuildBehavior(key, "orders", emulator.OperationBehavior{Outcome: emulator.OutcomeFailed, Message: "Column 'amount' not found in input"})
	acctest.InvokeAction(t, datasetBuildHCL(key, `["orders", "scored"]`, ""), "dataiku_dataset_build.rebuild", false, "a failed build",
		"Action failed: action.dataiku_dataset_build.rebuild", "ended FAILED", "Failed activity: compute_orders_NP",
		"Column 'amount' not found in input", "End of the log:", "[ERROR]")
}

// A run or a job still going at the timeout is aborted in DSS, and the
// error says so.
func TestAccActionTimeoutAborts(t *testing.T) {
	srv, key, _ := startOpsTest(t, "ACT_TO")
	srv.SetBuildBehavior(key, "scored", emulator.OperationBehavior{DurationMs: 10 * 60 * 1000})

	acctest.InvokeAction(t, scenarioRunHCL(key, "    timeout = \"2s\"\n"), "dataiku_scenario_run.smoke", false, "a run outlasting its timeout",
		"still running after the timeout of 2s", "was aborted in DSS")
	requireRunAborted(t, srv, key, "the timeout")

	acctest.InvokeAction(t, datasetBuildHCL(key, `["scored"]`, "    timeout = \"2s\"\n"), "dataiku_dataset_build.rebuild", false, "a job outlasting its timeout",
		"still running after the timeout of 2s", "was aborted in DSS")
	requireLastJobAborted(t, srv, key, 2, "the timeout")
}

// Bad input: out-of-range timeouts, an unknown fail_on or job type are
// refused at plan time (validate), before anything runs; an unknown
// scenario or dataset gets DSS's message with the action's address and
// nothing runs; a key that may not run scenarios gets the rights hint.
func TestAccActionBadInput(t *testing.T) {
	srv, key, c := startOpsTest(t, "ACT_BI")

	bad := acctest.InvokeDir(t, scenarioRunHCL(key, "    timeout = \"500ms\"\n    fail_on = \"ERROR\"\n    params = [\"release\"]\n")+
		datasetBuildHCL(key, `["scored"]`, "    timeout = \"25h\"\n    job_type = \"FAST_BUILD\"\n"))
	out, code := acctest.TerraformRun(t, bad, "validate", "-no-color")
	if code == 0 {
		t.Fatalf("validate accepted bad actions:\n%s", out)
	}
	acctest.MustContain(t, out, "must be between 1s and 24h0m0s, not 500ms", "must be between 1s and 24h0m0s, not 25h0m0s",
		`value must be one of: ["FAILED" "WARNING"], got: "ERROR"`, `got: "FAST_BUILD"`,
		`must be an object, such as { key = "value" }, not a list`)

	acctest.InvokeAction(t, strings.Replace(scenarioRunHCL(key, ""), `"SMOKE"`, `"NOPE"`, 1), "dataiku_scenario_run.smoke", false, "an unknown scenario",
		"Action failed: action.dataiku_scenario_run.smoke", "Scenario "+key+".NOPE does not exist")
	acctest.InvokeAction(t, datasetBuildHCL(key, `["scored", "nope"]`, ""), "dataiku_dataset_build.rebuild", false, "an unknown dataset",
		"Action failed: action.dataiku_dataset_build.rebuild", "dataset does not exist: "+key+".nope")
	if runs, jobs := srv.ScenarioRuns(key, "NOPE"), srv.Jobs(key); len(runs) != 0 || len(jobs) != 0 {
		t.Fatalf("something ran: %+v %+v", runs, jobs)
	}

	// bob may read the project, not run its scenarios.
	perms := map[string]any{}
	ctx := acctest.Ctx(t)
	if err := c.Get(ctx, dss.Path("projects", key, "permissions"), nil, &perms); err != nil {
		t.Fatal(err)
	}
	perms["permissions"] = []any{map[string]any{"user": acctest.BobLogin, "readProjectContent": true}}
	if err := c.Put(ctx, dss.Path("projects", key, "permissions"), nil, perms, nil); err != nil {
		t.Fatal(err)
	}
	out, err := acctest.RunTerraform(t, acctest.InvokeDir(t, scenarioRunHCL(key, "")), []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.BobKey},
		"apply", "-auto-approve", "-no-color", "-invoke=action.dataiku_scenario_run.smoke")
	if err == nil {
		t.Fatalf("bob ran the scenario:\n%s", out)
	}
	acctest.MustContain(t, out, "you may not run scenarios of project "+key, "run_scenarios")
	if runs := srv.ScenarioRuns(key, "SMOKE"); len(runs) != 0 {
		t.Fatalf("bob's run happened: %+v", runs)
	}
}

// interruptInvoke runs terraform apply -invoke=address in dir, sends it
// SIGINT (Ctrl-C) once started() holds, and waits for it to exit.
func interruptInvoke(t *testing.T, dir, address string, started func() bool) {
	t.Helper()
	setup := acctest.CliSetup(t)
	cmd := exec.Command(acctest.TerraformBinary(t), "apply", "-auto-approve", "-no-color", "-invoke="+address)
	cmd.Dir = dir
	cmd.Env = append(acctest.CleanTerraformEnv(), "HOME="+filepath.Join(setup, "home"), "TF_CLI_CONFIG_FILE="+filepath.Join(setup, "terraformrc"),
		"TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1", "DATAIKU_HOST="+acctest.Host(t), "DATAIKU_API_KEY="+acctest.APIKey)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	running := false
	for deadline := time.Now().Add(time.Minute); !running && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		running = started()
	}
	if !running {
		_ = cmd.Process.Kill()
		t.Logf("terraform killed: %v", <-done)
		t.Fatalf("%s never started:\n%s", address, out.String())
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		// Terraform 1.15 prints "Apply complete!" and exits 0 after an
		// interrupt, dropping the action's error: what counts is DSS.
		t.Logf("terraform exited (%v) after the interrupt:\n%s", err, acctest.Tail(out.String(), 1500))
	case <-time.After(time.Minute):
		_ = cmd.Process.Kill()
		t.Fatalf("terraform did not stop after the interrupt:\n%s", out.String())
	}
}

// Interrupting Terraform (Ctrl-C) while an action waits aborts what it
// started: Terraform stops the provider, which cancels the action's
// context, and the action aborts the run, job or build before returning.
// The emulator's state shows each aborted, not orphaned.
func TestAccActionInterruptAborts(t *testing.T) {
	srv, key, _ := startOpsTest(t, "ACT_IN")
	srv.SetBuildBehavior(key, "scored", emulator.OperationBehavior{DurationMs: 10 * 60 * 1000})

	interruptInvoke(t, acctest.InvokeDir(t, scenarioRunHCL(key, "")), "action.dataiku_scenario_run.smoke", func() bool {
		runs := srv.ScenarioRuns(key, "SMOKE")
		return len(runs) == 1 && runs[0].Running && len(runs[0].Jobs) == 1
	})
	requireRunAborted(t, srv, key, "the interrupt")

	interruptInvoke(t, acctest.InvokeDir(t, datasetBuildHCL(key, `["scored"]`, "")), "action.dataiku_dataset_build.rebuild", func() bool {
		jobs := srv.Jobs(key)
		return len(jobs) == 2 && jobs[1].State == emulator.JobRunning
	})
	requireLastJobAborted(t, srv, key, 2, "the interrupt")
}

// The cost of each action against the emulator: the requests one
// `terraform apply -invoke` sends (Configure's included) and its wall
// time, for a scenario of two 1 s steps and a build of two 1 s
// activities. With the poll starting at 250 ms and growing by half to a
// 5 s cap, a 2 s run takes about 6 polls.
func TestAccActionCosts(t *testing.T) {
	srv, key, _ := startOpsTest(t, "ACT_CO")
	for _, item := range []string{"orders", "scored"} {
		srv.SetBuildBehavior(key, item, emulator.OperationBehavior{DurationMs: 1000})
	}
	srv.SetStepBehavior(key, "SMOKE", "check", emulator.OperationBehavior{DurationMs: 1000})
	acctest.CliSetup(t) // the provider's build is not the action's cost
	measure := func(name, hcl, address string, maxRequests int64) {
		dir := acctest.InvokeDir(t, hcl)
		before := srv.Stats()
		start := time.Now()
		out, code := acctest.TerraformRun(t, dir, "apply", "-auto-approve", "-no-color", "-invoke="+address)
		wall := time.Since(start)
		if code != 0 {
			t.Fatalf("%s failed:\n%s", name, out)
		}
		after := srv.Stats()
		var routes []string
		for route, n := range after.ByRoute {
			if d := n - before.ByRoute[route]; d > 0 {
				routes = append(routes, fmt.Sprintf("%d %s", d, route))
			}
		}
		sort.Strings(routes)
		requests := after.Requests - before.Requests
		t.Logf("%s: %d requests, %s wall time for terraform apply -invoke\n  %s", name, requests, wall.Round(time.Millisecond), strings.Join(routes, "\n  "))
		if requests > maxRequests {
			t.Errorf("%s sent %d requests, more than %d", name, requests, maxRequests)
		}
	}
	measure("dataiku_scenario_run (2 steps of 1 s)", scenarioRunHCL(key, ""), "action.dataiku_scenario_run.smoke", 20)
	measure("dataiku_dataset_build (2 activities of 1 s)", datasetBuildHCL(key, `["orders", "scored"]`, ""), "action.dataiku_dataset_build.rebuild", 20)

	// Two rules, computed through DSS's future.
	c := acctest.Client(t)
	testTwoRules(t, c, key)
	measure("dataiku_data_quality_compute (2 rules)", dataQualityComputeHCL(key, "orders", ""), "action.dataiku_data_quality_compute.orders", 20)

	// A rebuild of a code env the emulator builds at once.
	env := "acc-act-cost-" + strings.ToLower(sdkacctest.RandStringFromCharSet(5, sdkacctest.CharSetAlpha))
	acctest.CodeEnvOutside(t, c, env, "DESIGN_MANAGED")
	measure("dataiku_code_env_update (force_rebuild)", codeEnvUpdateHCL(env), "action.dataiku_code_env_update.env", 20)
}

// dataiku_data_quality_compute: invoked directly it computes the rules
// (DSS records a MANUAL result per rule) and passes on OK and WARNING; a
// rule seeded to ERROR fails it listing the rule and its message;
// fail_on = "WARNING" fails on a warning; an unknown dataset gets DSS's
// message; triggered on create and on update it computes again.
func TestAccActionDataQualityCompute(t *testing.T) {
	srv, key, c := startOpsTest(t, "ACT_DQ")
	ctx := acctest.Ctx(t)
	testTwoRules(t, c, key)
	invoke := func(extra string, ok bool, what string, wants ...string) {
		acctest.InvokeAction(t, dataQualityComputeHCL(key, "orders", extra), "dataiku_data_quality_compute.orders", ok, what, wants...)
	}
	seed := func(outcomes map[string]emulator.SeededOutcome) {
		if err := srv.SeedDataQuality(key, "orders", emulator.DataQualitySeed{Outcomes: outcomes}); err != nil {
			t.Fatal(err)
		}
	}
	seed(map[string]emulator.SeededOutcome{"ids present": {Outcome: "OK"}, "amount positive": {Outcome: "WARNING", Message: "3 rows with amount <= 0"}})
	invoke("", true, "OK and WARNING with the default fail_on", `rule "ids present" OK`, `rule "amount positive" WARNING`)
	results, err := c.LastDataQualityResults(ctx, key, "orders", "")
	if err != nil || len(results) != 2 || results[0].RunOrigin != "MANUAL" {
		t.Fatalf("results in DSS: %+v %v", results, err)
	}
	invoke("    fail_on = \"WARNING\"\n", false, "a warning with fail_on = WARNING",
		"Action failed: action.dataiku_data_quality_compute.orders", `"amount positive"`, "3 rows with amount <= 0")
	seed(map[string]emulator.SeededOutcome{"ids present": {Outcome: "ERROR", Message: "12 rows with an empty id"}})
	invoke("", false, "an ERROR", "1 rule(s) of "+key+".orders failed", `"ids present"`, "ERROR: 12 rows with an empty id")

	acctest.InvokeAction(t, dataQualityComputeHCL(key, "nope", ""), "dataiku_data_quality_compute.orders", false, "an unknown dataset",
		"dataset does not exist: "+key+".nope")

	// A DSS without data-quality rules (the compute endpoint answers 404):
	// the dataset's metrics are computed and its checks run instead.
	ds := map[string]any{}
	if err := c.Get(ctx, dss.Path("projects", key, "datasets", "orders"), nil, &ds); err != nil {
		t.Fatal(err)
	}
	ds["metricsChecks"] = map[string]any{"checks": []any{map[string]any{"type": "numericRange", "meta": map[string]any{"name": "rows in range"}}}}
	if err := c.Put(ctx, dss.Path("projects", key, "datasets", "orders"), nil, ds, nil); err != nil {
		t.Fatal(err)
	}
	if err := srv.SetFaults([]emulator.FaultRule{{Method: "POST", PathRegex: "/data-quality/actions/compute-rules", Status: 404, Message: "No such API endpoint"}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.ClearFaults)
	invoke("", true, "the checks fallback", "this DSS has no data-quality rules; computing its metrics and checks", `rule "rows in range" OK`)
	srv.ClearFaults()

	seed(map[string]emulator.SeededOutcome{})
	// The computations DSS was asked for, counted by the emulator (this
	// test is the only one running).
	computations := func() int64 { return srv.Stats().ByRoute[computeRulesRoute] }
	computed := func(n int64) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := computations(); got != n {
				return fmt.Errorf("%d computations in DSS, want %d", got, n)
			}
			return nil
		}
	}
	before := computations()
	trigger := func(v string) string {
		return dataQualityComputeHCL(key, "orders", "") + triggeringData("rules", v, "[action.dataiku_data_quality_compute.orders]")
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps: []resource.TestStep{
			{Config: trigger("a"), Check: computed(before + 1)},
			{Config: trigger("b"), Check: computed(before + 2)},
		},
	})
}

const computeRulesRoute = "POST /public/api/projects/{projectKey}/datasets/{datasetName}/data-quality/actions/compute-rules"

// dataiku_code_env_update: it rebuilds an env through DSS's future,
// triggered on create and update too; a build DSS cannot do fails with
// DSS's message; an unknown env gets DSS's message.
func TestAccActionCodeEnvUpdate(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireActionsTerraform(t)
	requireEmulatorOps(t)
	c := acctest.Client(t)
	name := "acc-act-env-" + strings.ToLower(sdkacctest.RandStringFromCharSet(5, sdkacctest.CharSetAlpha))
	acctest.CodeEnvOutside(t, c, name, "DESIGN_MANAGED")
	acctest.InvokeAction(t, codeEnvUpdateHCL(name), "dataiku_code_env_update.env", true, "the rebuild", "PYTHON/"+name+": rebuilding it", "PYTHON/"+name+": done")

	if _, _, err := dss.CodeEnvDoc("PYTHON", name).Update(acctest.Ctx(t), c, func(e *dss.CodeEnv) error {
		e.SpecPackageList = "pandas\n" + emulator.UnavailablePackagePrefix + "internal-lib==1.0\n"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	acctest.InvokeAction(t, codeEnvUpdateHCL(name), "dataiku_code_env_update.env", false, "a build of an unavailable package",
		"Action failed: action.dataiku_code_env_update.env", emulator.UnavailablePackagePrefix+"internal-lib")
	acctest.InvokeAction(t, codeEnvUpdateHCL("no-such-env"), "dataiku_code_env_update.env", false, "an unknown env",
		"Action failed: action.dataiku_code_env_update.env", "no-such-env")

	// Interrupted while DSS builds: the build's future is aborted (DSS's
	// list of running futures is empty long before the build would end).
	if _, _, err := dss.CodeEnvDoc("PYTHON", name).Update(acctest.Ctx(t), c, func(e *dss.CodeEnv) error {
		e.SpecPackageList = "pandas\n"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	em := acctest.RequireEmulator(t)
	normal := em.Server.CodeEnvBuildTime()
	t.Cleanup(func() { em.Server.SetCodeEnvBuildTime(normal) })
	em.Server.SetCodeEnvBuildTime(10 * time.Minute)
	running := func() int {
		var futures []map[string]any
		if err := c.Get(acctest.Ctx(t), "/futures", nil, &futures); err != nil {
			t.Fatal(err)
		}
		return len(futures)
	}
	interruptInvoke(t, acctest.InvokeDir(t, codeEnvUpdateHCL(name)), "action.dataiku_code_env_update.env", func() bool { return running() == 1 })
	if n := running(); n != 0 {
		t.Fatalf("%d builds still running after the interrupt", n)
	}
}
