package emulator

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

const opsBase = "/public/api/projects/OPS/"

// startOps starts an emulator holding project OPS with datasets orders
// and scored and a step-based scenario NIGHTLY: a build_flowitem step
// building scored, then a notify step. It returns the emulator and its URL.
func startOps(t *testing.T) (*Running, string) {
	t.Helper()
	rn := startTest(t, testOpts())
	u := rn.URL()
	expectOK(t, createProject(t, u, "OPS", testAdmin, map[string]any{"owner": "bob"}))
	for _, n := range []string{"orders", "scored"} {
		ds := fsDataset(n)
		ds["projectKey"] = "OPS"
		expectOK(t, createDataset(t, u, "OPS", testAdmin, ds))
	}
	expectOK(t, call(t, u, "POST", opsBase+"scenarios/", testAdmin, map[string]any{
		"id": "NIGHTLY", "name": "Nightly", "type": "step_based", "params": map[string]any{"steps": []any{
			map[string]any{"id": "build", "type": "build_flowitem", "name": "Build scored",
				"params": map[string]any{"builds": []any{map[string]any{"type": "DATASET", "itemId": "scored", "partitionsSpec": ""}}, "jobType": "RECURSIVE_BUILD"}},
			map[string]any{"id": "notify", "type": "custom_python", "name": "Notify"},
		}}}))
	return rn, u
}

// waitFor polls cond every 10 ms for up to 5 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func jobState(t *testing.T, u, id string) map[string]any {
	t.Helper()
	r := call(t, u, "GET", opsBase+"jobs/"+id+"/", testAdmin, nil)
	expectOK(t, r)
	return r.obj()["baseStatus"].(map[string]any)
}

func textGet(t *testing.T, u, path string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", u+path, nil)
	req.SetBasicAuth(testAdmin, "")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, res.StatusCode, b)
	}
	return string(b)
}

// A job runs its activities on the wall clock: RUNNING, then DONE, with
// the id start_job reads and the baseStatus.state DSSJobWaiter reads.
func TestJobRunsOnTheClock(t *testing.T) {
	rn, u := startOps(t)
	rn.Server.SetBuildBehavior("OPS", "scored", OperationBehavior{DurationMs: 150})
	started := pyRequest(t, u, testAdmin, "POST", opsBase+"jobs/",
		`{"type": "NON_RECURSIVE_FORCED_BUILD", "refreshHiveMetastore": true, "outputs": [{"type": "DATASET", "id": "scored", "projectKey": "OPS", "partition": null}]}`).obj()
	id, _ := started["id"].(string)
	if id == "" {
		t.Fatalf("start_job reads id: %v", started)
	}
	if st := jobState(t, u, id); st["state"] != JobRunning {
		t.Fatalf("a 150 ms job just started: %v", st["state"])
	}
	waitFor(t, "the job to end", func() bool { return jobState(t, u, id)["state"] == JobDone })
	st := jobState(t, u, id)
	act := st["activities"].(map[string]any)["compute_scored_NP"].(map[string]any)
	if act["state"] != JobDone || st["jobEndTime"].(float64) < st["jobStartTime"].(float64)+140 {
		t.Fatalf("status: %v", st)
	}
	if log := textGet(t, u, opsBase+"jobs/"+id+"/log"); !strings.Contains(log, "Job done") {
		t.Fatalf("log: %s", log)
	}
	if jobs := rn.Server.Jobs("OPS"); len(jobs) != 1 || jobs[0].State != JobDone || jobs[0].Outputs[0] != "scored" || jobs[0].Initiator != "admin" {
		t.Fatalf("jobs: %+v", jobs)
	}
	// Bad definitions: an unknown type, no outputs, a missing dataset.
	expectError(t, call(t, u, "POST", opsBase+"jobs/", testAdmin, map[string]any{"type": "FAST_BUILD", "outputs": []any{map[string]any{"id": "scored"}}}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", opsBase+"jobs/", testAdmin, map[string]any{"type": "RECURSIVE_BUILD", "outputs": []any{}}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", opsBase+"jobs/", testAdmin, map[string]any{"outputs": []any{map[string]any{"type": "DATASET", "id": "nope"}}}), 404, ErrTypeNotFound)
	// carol cannot see the project; bob owns it.
	if r := call(t, u, "POST", opsBase+"jobs/", testCarol, map[string]any{"outputs": []any{map[string]any{"id": "scored"}}}); r.status != 403 {
		t.Fatalf("carol builds: %d", r.status)
	}
}

// A failing activity fails the job with its message in firstFailure and
// the log; the activities after it are skipped.
func TestJobFailure(t *testing.T) {
	rn, u := startOps(t)
	rn.Server.SetBuildBehavior("OPS", "orders", OperationBehavior{DurationMs: 30, Outcome: OutcomeFailed, Message: "Division by zero in recipe compute_orders"})
	id := call(t, u, "POST", opsBase+"jobs/", testBob, map[string]any{"type": "RECURSIVE_BUILD",
		"outputs": []any{map[string]any{"type": "DATASET", "id": "orders"}, map[string]any{"type": "DATASET", "id": "scored"}}}).obj()["id"].(string)
	waitFor(t, "the job to fail", func() bool { return jobState(t, u, id)["state"] == JobFailed })
	acts := jobState(t, u, id)["activities"].(map[string]any)
	failed := acts["compute_orders_NP"].(map[string]any)
	if failed["state"] != JobFailed || failed["firstFailure"].(map[string]any)["message"] != "Division by zero in recipe compute_orders" {
		t.Fatalf("failed activity: %v", failed)
	}
	if acts["compute_scored_NP"].(map[string]any)["state"] != ActivitySkipped {
		t.Fatalf("the activity after the failure: %v", acts["compute_scored_NP"])
	}
	if log := textGet(t, u, opsBase+"jobs/"+id+"/log?activity=compute_orders_NP"); !strings.Contains(log, "Division by zero") {
		t.Fatalf("activity log: %s", log)
	}
}

// Aborting a running job ends it ABORTED at once, its running activity
// too; aborting it again changes nothing.
func TestJobAbort(t *testing.T) {
	rn, u := startOps(t)
	rn.Server.SetBuildBehavior("OPS", "scored", OperationBehavior{DurationMs: 60_000})
	id := call(t, u, "POST", opsBase+"jobs/", testAdmin, map[string]any{"outputs": []any{map[string]any{"type": "DATASET", "id": "scored"}}}).obj()["id"].(string)
	expectOK(t, call(t, u, "POST", opsBase+"jobs/"+id+"/abort", testAdmin, nil))
	st := jobState(t, u, id)
	if st["state"] != JobAborted || st["activities"].(map[string]any)["compute_scored_NP"].(map[string]any)["state"] != JobAborted {
		t.Fatalf("after abort: %v", st)
	}
	expectOK(t, call(t, u, "POST", opsBase+"jobs/"+id+"/abort", testAdmin, nil))
	expectError(t, call(t, u, "GET", opsBase+"jobs/nope/", testAdmin, nil), 404, ErrTypeNotFound)
}

// The shapes dataikuapi reads of a run: the fire's trigger.id and runId,
// get-run-for-trigger without scenarioRun before the run starts, a run
// without result while it runs, details with stepRuns whose build step
// names the job it ran (DSSStepRunDetails.job_ids).
func TestScenarioRunExecutesBuildSteps(t *testing.T) {
	rn, u := startOps(t)
	sc := opsBase + "scenarios/NIGHTLY/"
	if err := rn.Server.SetOperations(OperationsConfig{RunStartDelayMs: 50,
		Builds: map[string]OperationBehavior{"OPS.scored": {DurationMs: 100}},
		Steps:  map[string]OperationBehavior{"OPS.NIGHTLY.notify": {DurationMs: 50, Outcome: OutcomeWarning, Message: "mail server slow"}}}); err != nil {
		t.Fatal(err)
	}
	fire := pyRequest(t, u, testAdmin, "POST", sc+"run", `{"env": "prod"}`).obj()
	trigger, _ := fire["trigger"].(map[string]any)
	triggerRunID, _ := fire["runId"].(string)
	if trigger["id"] == nil || triggerRunID == "" || fire["cancelled"] != false {
		t.Fatalf("fire: %v", fire)
	}
	forTrigger := func() map[string]any {
		return pyRequest(t, u, testAdmin, "GET", sc+"get-run-for-trigger?triggerId="+trigger["id"].(string)+"&triggerRunId="+triggerRunID, "").obj()
	}
	if _, ok := forTrigger()["scenarioRun"]; ok {
		t.Fatal("the run exists before its start delay")
	}
	if f := pyRequest(t, u, testAdmin, "GET", opsBase+"scenarios/trigger/NIGHTLY/"+trigger["id"].(string)+"?triggerRunId="+triggerRunID, "").obj(); f["cancelled"] != false {
		t.Fatalf("trigger fire: %v", f)
	}
	var run map[string]any
	waitFor(t, "the run to start", func() bool { run, _ = forTrigger()["scenarioRun"].(map[string]any); return run != nil })
	if _, done := run["result"]; done || run["end"].(float64) != 0 || run["trigger"].(map[string]any)["params"].(map[string]any)["env"] != "prod" {
		t.Fatalf("a running run: %v", run)
	}
	if last := pyRequest(t, u, testAdmin, "GET", sc+"get-last-runs?limit=1&onlyFinishedRuns=True", "").body.([]any); len(last) != 0 {
		t.Fatalf("finished runs while running: %v", last)
	}
	runID := run["runId"].(string)
	var details map[string]any
	waitFor(t, "the run to end", func() bool {
		details = pyRequest(t, u, testAdmin, "GET", sc+runID+"/", "").obj()
		_, done := details["scenarioRun"].(map[string]any)["result"]
		return done
	})
	if o := details["scenarioRun"].(map[string]any)["result"].(map[string]any)["outcome"]; o != OutcomeWarning {
		t.Fatalf("outcome %v, want WARNING", o)
	}
	steps := details["stepRuns"].([]any)
	if len(steps) != 2 {
		t.Fatalf("step runs: %v", steps)
	}
	build := steps[0].(map[string]any)
	item := build["additionalReportItems"].([]any)[0].(map[string]any)
	if item["type"] != "JOB_EXECUTED" || build["result"].(map[string]any)["outcome"] != OutcomeSuccess {
		t.Fatalf("build step: %v", build)
	}
	if st := jobState(t, u, item["jobId"].(string)); st["state"] != JobDone || st["def"].(map[string]any)["triggeredFrom"] != "SCENARIO" {
		t.Fatalf("the step's job: %v", st)
	}
	if notify := steps[1].(map[string]any)["result"].(map[string]any); notify["thrown"].(map[string]any)["message"] != "mail server slow" {
		t.Fatalf("notify step: %v", notify)
	}
	if runs := rn.Server.ScenarioRuns("OPS", "NIGHTLY"); len(runs) != 1 || runs[0].Outcome != OutcomeWarning || len(runs[0].Jobs) != 1 {
		t.Fatalf("summaries: %+v", runs)
	}
}

// A failed build fails its step with the job's message; the next step,
// whose condition wants SUCCESS or WARNING, does not run.
func TestScenarioRunFailure(t *testing.T) {
	rn, u := startOps(t)
	rn.Server.SetBuildBehavior("OPS", "scored", OperationBehavior{DurationMs: 20, Outcome: OutcomeFailed, Message: "Column amount not found"})
	expectOK(t, call(t, u, "POST", opsBase+"scenarios/NIGHTLY/run", testAdmin, map[string]any{}))
	var runs []ScenarioRunSummary
	waitFor(t, "the run to end", func() bool { runs = rn.Server.ScenarioRuns("OPS", "NIGHTLY"); return !runs[0].Running })
	if runs[0].Outcome != OutcomeFailed {
		t.Fatalf("outcome: %+v", runs[0])
	}
	d := call(t, u, "GET", opsBase+"scenarios/NIGHTLY/"+runs[0].RunID, testAdmin, nil).obj()
	res := d["scenarioRun"].(map[string]any)["result"].(map[string]any)
	if res["thrown"].(map[string]any)["message"] != "Column amount not found" || len(d["stepRuns"].([]any)) != 1 {
		t.Fatalf("details: %v", d)
	}
}

// Aborting a scenario stops its run now: the running build's job is
// aborted, the later step never runs, and the outcome is ABORTED.
func TestScenarioAbort(t *testing.T) {
	rn, u := startOps(t)
	rn.Server.SetBuildBehavior("OPS", "scored", OperationBehavior{DurationMs: 60_000})
	expectOK(t, call(t, u, "POST", opsBase+"scenarios/NIGHTLY/run", testBob, map[string]any{}))
	// carol may not abort (she cannot see the project).
	if r := call(t, u, "POST", opsBase+"scenarios/NIGHTLY/abort", testCarol, nil); r.status != 403 {
		t.Fatalf("carol aborts: %d", r.status)
	}
	expectOK(t, call(t, u, "POST", opsBase+"scenarios/NIGHTLY/abort", testBob, nil))
	runs := rn.Server.ScenarioRuns("OPS", "NIGHTLY")
	if len(runs) != 1 || runs[0].Running || runs[0].Outcome != OutcomeAborted {
		t.Fatalf("after abort: %+v", runs)
	}
	if jobs := rn.Server.Jobs("OPS"); len(jobs) != 1 || jobs[0].State != JobAborted {
		t.Fatalf("jobs after abort: %+v", jobs)
	}
	d := call(t, u, "GET", opsBase+"scenarios/NIGHTLY/"+runs[0].RunID, testAdmin, nil).obj()
	steps := d["stepRuns"].([]any)
	if len(steps) != 1 || steps[0].(map[string]any)["result"].(map[string]any)["outcome"] != OutcomeAborted {
		t.Fatalf("steps after abort: %v", steps)
	}
	// Aborting a scenario that is not running does nothing.
	expectOK(t, call(t, u, "POST", opsBase+"scenarios/NIGHTLY/abort", testBob, nil))
}

// A user with only the run-scenarios permission may run but not build;
// a reader may do neither. The control endpoint configures behaviours.
func TestRunRightsAndControl(t *testing.T) {
	rn, u := startOps(t)
	perms := call(t, u, "GET", opsBase+"permissions", testAdmin, nil).obj()
	perms["permissions"] = []any{map[string]any{"group": "readers", "readProjectContent": true, "runScenarios": true}}
	expectOK(t, call(t, u, "PUT", opsBase+"permissions", testAdmin, perms))
	expectOK(t, call(t, u, "POST", opsBase+"scenarios/NIGHTLY/run", testCarol, map[string]any{}))
	if r := call(t, u, "POST", opsBase+"jobs/", testCarol, map[string]any{"outputs": []any{map[string]any{"id": "scored"}}}); r.status != 403 {
		t.Fatalf("carol builds: %d", r.status)
	}
	perms["permissions"] = []any{map[string]any{"group": "readers", "readProjectContent": true}}
	expectOK(t, call(t, u, "PUT", opsBase+"permissions", testAdmin, perms))
	r := call(t, u, "POST", opsBase+"scenarios/NIGHTLY/run", testCarol, map[string]any{})
	expectError(t, r, 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "POST", opsBase+"scenarios/NOPE/run", testAdmin, map[string]any{}), 404, ErrTypeNotFound)

	expectOK(t, call(t, u, "PUT", ControlPrefix+"/operations", testAdmin, map[string]any{"builds": map[string]any{"OPS.scored": map[string]any{"durationMs": 5}}}))
	if got := rn.Server.Operations().Builds["OPS.scored"].DurationMs; got != 5 {
		t.Fatalf("configured duration: %d", got)
	}
	expectError(t, call(t, u, "PUT", ControlPrefix+"/operations", testAdmin, map[string]any{"steps": map[string]any{"OPS.X.y": map[string]any{"outcome": "MAYBE"}}}), 400, ErrTypeIllegalArgument)
	expectOK(t, call(t, u, "DELETE", ControlPrefix+"/operations", testAdmin, nil))
	if len(rn.Server.Operations().Builds) != 0 {
		t.Fatal("operations not cleared")
	}
}

// Finished jobs beyond the kept number are forgotten, oldest first;
// running ones stay.
func TestOperationsArePruned(t *testing.T) {
	o := &operations{}
	now := time.Now()
	running := &emuJob{id: "running", created: now, activities: []*emuActivity{{start: now, duration: time.Hour}}}
	o.jobs = append(o.jobs, running)
	for i := 0; i < maxKeptOperations+5; i++ {
		o.jobs = append(o.jobs, &emuJob{id: fmt.Sprint(i), created: now.Add(-time.Minute)})
	}
	o.prune(now)
	if len(o.jobs) != maxKeptOperations || o.jobs[0] != running || o.jobs[1].id != "6" {
		t.Fatalf("after pruning: %d jobs, first %s, second %s", len(o.jobs), o.jobs[0].id, o.jobs[1].id)
	}
}
