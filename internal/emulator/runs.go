package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Scenario runs (dss-api-more.md §3.3, dataikuapi dss/scenario.py
// DSSScenario.run, DSSTriggerFire, DSSScenarioRun, DSSScenarioRunDetails).
//
// POST …/run fires a manual trigger and answers the trigger fire
// {trigger:{id}, runId, cancelled} [V], whose runId is the trigger run's,
// not the scenario run's. The run starts RunStartDelayMs later (DSS: "a
// few seconds"); until then get-run-for-trigger answers without
// scenarioRun [V]. A step-based run executes its steps one after the
// other on the wall clock, each as its run condition allows [V step
// fields; I for the evaluation]: a build_flowitem step starts a job
// (jobs.go) building its builds, and lasts and ends as that job does; any
// other step takes the duration and outcome configured for it (Steps in
// OperationsConfig; default instant SUCCESS). A custom-python run is one
// block configured under Scenarios. The run is running exactly while it
// has no result [V]; its outcome is the worst of its steps' (SUCCESS <
// WARNING < FAILED < ABORTED) [I: resetScenarioStatus is not applied].
//
// POST …/abort stops the scenario's running run now [V route; I reply {}]:
// the running step, and the job it runs, end ABORTED; later steps never
// start, and their jobs are never created.
//
// Like jobs, runs live in this process only.

// emuRun is one scenario run, scheduled when its trigger fires.
type emuRun struct {
	projectKey   string
	scenarioID   string
	runID        string
	triggerRunID string
	trigger      map[string]any
	params       map[string]any
	scenario     map[string]any // the scenario's identity as the run shows it
	login        string
	start        time.Time
	steps        []*emuStepRun
	// whole is the run's own behaviour when it has no steps.
	whole   OperationBehavior
	abortAt time.Time
}

type emuStepRun struct {
	runID    string
	step     map[string]any
	start    time.Time
	duration time.Duration
	outcome  string
	message  string
	job      *emuJob // a build_flowitem step's job
}

func (sr *emuStepRun) end() time.Time { return sr.start.Add(sr.duration) }

func (r *emuRun) end() time.Time {
	if len(r.steps) == 0 {
		return r.start.Add(r.whole.duration())
	}
	return r.steps[len(r.steps)-1].end()
}

func (r *emuRun) aborted(now time.Time) bool {
	return !r.abortAt.IsZero() && !r.abortAt.After(now) && r.abortAt.Before(r.end())
}

func (r *emuRun) finished(now time.Time) bool { return r.aborted(now) || !now.Before(r.end()) }

var outcomeRank = map[string]int{OutcomeSuccess: 0, OutcomeWarning: 1, OutcomeFailed: 2, OutcomeAborted: 3}

func worse(a, b string) string {
	if outcomeRank[b] > outcomeRank[a] {
		return b
	}
	return a
}

// stepOutcome is a step's outcome at now, "" while it runs.
func (r *emuRun) stepOutcome(sr *emuStepRun, now time.Time) string {
	if r.aborted(now) && r.abortAt.Before(sr.end()) {
		return OutcomeAborted
	}
	if now.Before(sr.end()) {
		return ""
	}
	return sr.outcome
}

// visibleSteps are the steps started by now (by the abort, if aborted).
func (r *emuRun) visibleSteps(now time.Time) []*emuStepRun {
	limit := now
	if r.aborted(now) {
		limit = r.abortAt
	}
	var out []*emuStepRun
	for _, sr := range r.steps {
		// A step starting exactly at the abort never started.
		if sr.start.Before(limit) || (!r.aborted(now) && !sr.start.After(limit)) {
			out = append(out, sr)
		}
	}
	return out
}

// outcome is the run's outcome once finished.
func (r *emuRun) outcome(now time.Time) string {
	if r.aborted(now) {
		return OutcomeAborted
	}
	if len(r.steps) == 0 {
		return r.whole.outcome()
	}
	out := OutcomeSuccess
	for _, sr := range r.steps {
		out = worse(out, sr.outcome)
	}
	return out
}

func thrown(message string) map[string]any {
	return map[string]any{"clazz": "com.dataiku.dip.scenario.StepFailedException", "title": message, "message": message,
		"stack": "", "code": "", "fixability": ""}
}

// info is the run as get-last-runs and get-run-for-trigger show it [V
// DSSScenarioRun.get_info fields].
func (r *emuRun) info(now time.Time) map[string]any {
	out := map[string]any{"runId": r.runID, "scenario": deepCopy(r.scenario), "start": millis(r.start), "end": int64(0),
		"trigger":   map[string]any{"trigger": deepCopy(r.trigger), "runId": r.triggerRunID, "params": deepCopy(r.params)},
		"runAsUser": map[string]any{"authSource": "PERSONAL_API_KEY", "realUserLogin": r.login}, "variables": map[string]any{}}
	if !r.finished(now) {
		return out
	}
	end := r.end()
	if r.aborted(now) {
		end = r.abortAt
	}
	out["end"] = millis(end)
	result := map[string]any{"type": "SCENARIO_DONE", "outcome": r.outcome(now), "start": millis(r.start), "end": millis(end),
		"target": map[string]any{"type": "SCENARIO", "projectKey": r.projectKey, "scenarioId": r.scenarioID}}
	for _, sr := range r.steps {
		if r.stepOutcome(sr, now) == OutcomeFailed {
			result["thrown"] = thrown(sr.message)
			break
		}
	}
	if len(r.steps) == 0 && r.whole.outcome() == OutcomeFailed && !r.aborted(now) {
		result["thrown"] = thrown(r.whole.Message)
	}
	out["result"] = result
	return out
}

// details is GET …/{runId}/ [V DSSScenarioRun.get_details].
func (r *emuRun) details(now time.Time) map[string]any {
	info := r.info(now)
	steps := []any{}
	for _, sr := range r.visibleSteps(now) {
		st := map[string]any{"runId": sr.runID, "step": deepCopy(sr.step), "retryIndex": 0, "start": millis(sr.start),
			"end": int64(0), "scenarioRun": info, "additionalReportItems": []any{}}
		if o := r.stepOutcome(sr, now); o != "" {
			end := sr.end()
			if o == OutcomeAborted {
				end = r.abortAt
			}
			st["end"] = millis(end)
			res := map[string]any{"type": "STEP_DONE", "outcome": o, "start": millis(sr.start), "end": millis(end)}
			if (o == OutcomeFailed || o == OutcomeWarning) && sr.message != "" {
				res["thrown"] = thrown(sr.message)
			}
			st["result"] = res
		}
		if sr.job != nil {
			item := map[string]any{"type": "JOB_EXECUTED", "jobId": sr.job.id, "projectKey": r.projectKey,
				"target": map[string]any{"type": "JOB", "projectKey": r.projectKey, "jobId": sr.job.id}}
			if js := sr.job.state(now); js == JobFailed || js == JobDone || js == JobAborted {
				item["outcome"] = map[string]string{JobDone: OutcomeSuccess, JobFailed: OutcomeFailed, JobAborted: OutcomeAborted}[js]
				if js == JobFailed {
					item["thrown"] = thrown(sr.message)
				}
			}
			st["additionalReportItems"] = []any{item}
		}
		steps = append(steps, st)
	}
	return map[string]any{"scenarioRun": info, "stepRuns": steps}
}

// stepRuns decides whether a step runs given the outcome so far [V field
// meanings; I: a RUN_CONDITIONALLY expression is not evaluated and runs
// unless the run has failed].
func stepRuns(step map[string]any, sofar string) bool {
	switch step["runConditionType"] {
	case "DISABLED":
		return false
	case "RUN_ALWAYS":
		return true
	case "RUN_IF_STATUS_MATCH", nil:
		statuses, ok := step["runConditionStatuses"].([]any)
		if !ok {
			statuses = []any{OutcomeSuccess, OutcomeWarning}
		}
		for _, s := range statuses {
			if s == sofar {
				return true
			}
		}
		return false
	}
	return sofar != OutcomeFailed
}

// scheduleRun lays out a run of the scenario doc of p starting at start.
// Call with s.mu read-held and s.ops.mu held.
func (s *Server) scheduleRun(p *Project, doc map[string]any, r *emuRun) {
	id := r.scenarioID
	if doc["type"] != ScenarioStepBased {
		r.whole = s.ops.cfg.Scenarios[p.ProjectKey+"."+id]
		return
	}
	params, _ := doc["params"].(map[string]any)
	steps, _ := params["steps"].([]any)
	t, sofar := r.start, OutcomeSuccess
	for i, raw := range steps {
		step, ok := raw.(map[string]any)
		if !ok || !stepRuns(step, sofar) {
			continue
		}
		stepID, _ := step["id"].(string)
		sr := &emuStepRun{runID: fmt.Sprintf("%s_%d", r.runID, i), step: copyDoc(step), start: t, outcome: OutcomeSuccess}
		b, configured := s.ops.cfg.Steps[p.ProjectKey+"."+id+"."+stepID]
		switch {
		case configured:
			sr.duration, sr.outcome, sr.message = b.duration(), b.outcome(), b.Message
			if sr.outcome == OutcomeFailed && sr.message == "" {
				sr.message = fmt.Sprintf("Step %s failed", stepID)
			}
		case step["type"] == "build_flowitem":
			s.scheduleBuildStep(p, step, sr, r)
		}
		r.steps = append(r.steps, sr)
		sofar = worse(sofar, sr.outcome)
		t = sr.end()
	}
}

// scheduleBuildStep makes a build_flowitem step's job: its params.builds
// [{type, itemId, partitionsSpec, projectKey}] and params.jobType, as
// DSS's step editor writes them [T real shapes]. A build of an item that
// does not exist fails the step at once with DSS's not-found message [I].
func (s *Server) scheduleBuildStep(p *Project, step map[string]any, sr *emuStepRun, r *emuRun) {
	params, _ := step["params"].(map[string]any)
	builds, _ := params["builds"].([]any)
	targets, err := buildTargets(p, builds, "itemId", "partitionsSpec")
	if err != nil {
		sr.outcome, sr.message = OutcomeFailed, err.Message
		return
	}
	typ, _ := params["jobType"].(string)
	if !slices.Contains(names.JobTypes, typ) {
		typ = "RECURSIVE_BUILD"
	}
	outputs := []any{}
	for _, t := range targets {
		outputs = append(outputs, map[string]any{"type": t.typ, "projectKey": t.projectKey, "id": t.id, "partition": t.partition})
	}
	def := map[string]any{"type": typ, "outputs": outputs, "initiator": r.login, "triggeredFrom": "SCENARIO",
		"scenarioId": r.scenarioID, "scenarioRunId": r.runID}
	j := s.scheduleJob(p, def, targets, sr.start)
	sr.job = j
	sr.duration = j.end().Sub(sr.start)
	if a := j.failed(j.end()); a != nil {
		sr.outcome, sr.message = OutcomeFailed, a.message
	}
	for _, a := range j.activities {
		if !a.skipped && a.outcome == OutcomeWarning && sr.outcome == OutcomeSuccess {
			sr.outcome, sr.message = OutcomeWarning, a.message
		}
	}
}

// canRunScenarios: DSS's RUN_SCENARIOS project permission, which write
// access and project admin imply [D permission docs].
func canRunScenarios(p *Project, c *Caller) bool {
	if canAccess(p, c, AccessWrite) {
		return true
	}
	for _, g := range grants(p, c) {
		if g["runScenarios"] == true {
			return true
		}
	}
	return false
}

// POST …/run with the trigger params as the body [V DSSScenario.run].
func (s *Server) handleRunScenario(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	key, id := r.PathValue("projectKey"), r.PathValue("scenarioId")
	params := map[string]any{}
	if r.ContentLength != 0 {
		body, ok := decodeObject(w, r)
		if !ok {
			return
		}
		params = body
	}
	s.answerRead(w, func(st *State) (any, error) {
		p, d, err := s.scenarioToRun(st, c, key, id)
		if err != nil {
			return nil, err
		}
		now := time.Now()
		trigger := map[string]any{"id": "manual", "type": "manual", "name": "Manual trigger", "active": true, "params": map[string]any{}}
		run := &emuRun{projectKey: key, scenarioID: id, trigger: trigger, params: params, login: c.Login,
			triggerRunID: randomID(12),
			runID:        now.UTC().Format("2006-01-02-15-04-05-000") + "-" + randomID(4),
			scenario: map[string]any{"projectKey": key, "id": id, "name": d["name"], "type": d["type"],
				"active": d["active"], "runAsUser": d["runAsUser"]}}
		s.ops.mu.Lock()
		defer s.ops.mu.Unlock()
		run.start = now.Add(time.Duration(s.ops.cfg.RunStartDelayMs) * time.Millisecond)
		s.scheduleRun(p, d, run)
		s.ops.runs = append(s.ops.runs, run)
		s.ops.prune(now)
		return map[string]any{"trigger": trigger, "runId": run.triggerRunID, "cancelled": false, "projectKey": key,
			"scenarioId": id, "timestamp": millis(now), "params": deepCopy(params),
			"triggerAuthCtx": map[string]any{"authSource": "PERSONAL_API_KEY", "realUserLogin": c.Login}}, nil
	})
}

// answerRuns answers what fn returns from the scenario's runs, newest
// first, those not started yet left out, after checking the caller may
// read the scenario.
func (s *Server) answerRuns(w http.ResponseWriter, r *http.Request, fn func(runs []*emuRun, now time.Time) (any, error)) {
	c := callerFrom(r.Context())
	key, id := r.PathValue("projectKey"), r.PathValue("scenarioId")
	s.answerRead(w, func(st *State) (any, error) {
		if _, _, err := s.docFor(scenarioKind, st, c, key, id, AccessRead); err != nil {
			return nil, err
		}
		s.ops.mu.Lock()
		defer s.ops.mu.Unlock()
		now := time.Now()
		var runs []*emuRun
		for i := len(s.ops.runs) - 1; i >= 0; i-- {
			run := s.ops.runs[i]
			if run.projectKey == key && run.scenarioID == id && !now.Before(run.start) {
				runs = append(runs, run)
			}
		}
		return fn(runs, now)
	})
}

// GET …/get-last-runs?limit=&onlyFinishedRuns= [V].
func (s *Server) handleScenarioRuns(w http.ResponseWriter, r *http.Request) {
	limit := 10
	if v := r.URL.Query().Get("limit"); v != "" {
		_, _ = fmt.Sscan(v, &limit)
	}
	onlyFinished := queryBool(r, "onlyFinishedRuns", false)
	s.answerRuns(w, r, func(runs []*emuRun, now time.Time) (any, error) {
		out := []any{}
		for _, run := range runs {
			if limit >= 0 && len(out) >= limit {
				break
			}
			if onlyFinished && !run.finished(now) {
				continue
			}
			out = append(out, run.info(now))
		}
		return out, nil
	})
}

// GET …/get-run-for-trigger?triggerId=&triggerRunId=: the run once it
// has started, no scenarioRun key before [V].
func (s *Server) handleScenarioRunForTrigger(w http.ResponseWriter, r *http.Request) {
	want := r.URL.Query().Get("triggerRunId")
	s.answerRuns(w, r, func(runs []*emuRun, now time.Time) (any, error) {
		out := map[string]any{"triggerRunId": want}
		for _, run := range runs {
			if run.triggerRunID == want {
				out["scenarioRun"] = run.info(now)
			}
		}
		return out, nil
	})
}

// GET /projects/{k}/scenarios/trigger/{scenarioId}/{triggerId}?triggerRunId=:
// the trigger fire, for DSSTriggerFire.is_cancelled [V]; a manual fire
// is never cancelled here.
func (s *Server) handleTriggerFire(w http.ResponseWriter, r *http.Request) {
	want := r.URL.Query().Get("triggerRunId")
	// Fires are kept with their run, started or not.
	s.answerRuns(w, r, func(_ []*emuRun, _ time.Time) (any, error) {
		var out map[string]any
		for _, run := range s.ops.runs {
			if run.projectKey == r.PathValue("projectKey") && run.scenarioID == r.PathValue("scenarioId") && run.triggerRunID == want {
				out = map[string]any{"trigger": deepCopy(run.trigger), "runId": run.triggerRunID, "cancelled": false,
					"params": deepCopy(run.params)}
			}
		}
		if out == nil {
			return nil, errNotFound(fmt.Sprintf("Trigger run %s of scenario %s does not exist", want, r.PathValue("scenarioId")))
		}
		return out, nil
	})
}

// GET …/{runId}/: the run with its step runs [V].
func (s *Server) handleScenarioRunDetails(w http.ResponseWriter, r *http.Request) {
	runID := r.PathValue("runId")
	s.answerRuns(w, r, func(runs []*emuRun, now time.Time) (any, error) {
		for _, run := range runs {
			if run.runID == runID {
				return run.details(now), nil
			}
		}
		return nil, errNotFound(fmt.Sprintf("Scenario run %s.%s/%s does not exist", r.PathValue("projectKey"), r.PathValue("scenarioId"), runID))
	})
}

// scenarioToRun finds scenario id of project key for c, who must be
// allowed to run (and abort) the project's scenarios.
func (s *Server) scenarioToRun(st *State, c *Caller, key, id string) (*Project, map[string]any, *APIError) {
	p, d, err := s.docFor(scenarioKind, st, c, key, id, AccessRead)
	if err != nil {
		return nil, nil, err
	}
	if !canRunScenarios(p, c) {
		return nil, nil, newError(s.opts.UnauthorizedStatus, ErrTypeUnauthorized,
			fmt.Sprintf("Action forbidden: you may not run scenarios of project %s", key))
	}
	return p, d, nil
}

// POST …/abort: aborts the scenario's running runs (and a fired one not
// started yet); a scenario not running is left alone [V docstring: "does
// nothing if the scenario is not currently running"].
func (s *Server) handleAbortScenario(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	key, id := r.PathValue("projectKey"), r.PathValue("scenarioId")
	s.answerRead(w, func(st *State) (any, error) {
		if _, _, err := s.scenarioToRun(st, c, key, id); err != nil {
			return nil, err
		}
		s.ops.mu.Lock()
		defer s.ops.mu.Unlock()
		now := time.Now()
		for _, run := range s.ops.runs {
			if run.projectKey == key && run.scenarioID == id && !run.finished(now) {
				s.abortRun(run, now)
			}
		}
		return map[string]any{}, nil
	})
}

// abortRun stops run at now: the running step's job is aborted, the jobs
// of steps not started are dropped. Call with s.ops.mu held.
func (s *Server) abortRun(run *emuRun, now time.Time) {
	if now.Before(run.start) {
		// Not started: it ends before it began.
		run.start = now
	}
	run.abortAt = now
	drop := map[*emuJob]bool{}
	for _, sr := range run.steps {
		if sr.job == nil {
			continue
		}
		if now.Before(sr.start) {
			drop[sr.job] = true
		} else if !sr.job.finished(now) {
			sr.job.abortAt = now
		}
	}
	if len(drop) == 0 {
		return
	}
	kept := s.ops.jobs[:0]
	for _, j := range s.ops.jobs {
		if !drop[j] {
			kept = append(kept, j)
		}
	}
	s.ops.jobs = kept
}

// ScenarioRunSummary is what tests read of a run.
type ScenarioRunSummary struct {
	RunID   string
	Running bool
	Outcome string // "" while running
	Params  map[string]any
	Jobs    []string // the ids of the jobs its steps started
}

// ScenarioRuns lists a scenario's runs, oldest first, as they are now
// (fired runs not started yet included, as running).
func (s *Server) ScenarioRuns(projectKey, scenarioID string) []ScenarioRunSummary {
	s.ops.mu.Lock()
	defer s.ops.mu.Unlock()
	now := time.Now()
	var out []ScenarioRunSummary
	for _, run := range s.ops.runs {
		if run.projectKey != projectKey || run.scenarioID != scenarioID {
			continue
		}
		sum := ScenarioRunSummary{RunID: run.runID, Running: !run.finished(now), Params: run.params}
		if !sum.Running {
			sum.Outcome = run.outcome(now)
		}
		for _, sr := range run.steps {
			if sr.job != nil && !now.Before(sr.start) {
				sum.Jobs = append(sum.Jobs, sr.job.id)
			}
		}
		out = append(out, sum)
	}
	return out
}

// SetStepBehavior sets how a step of a scenario behaves in the runs
// started from now on.
func (s *Server) SetStepBehavior(projectKey, scenarioID, stepID string, b OperationBehavior) {
	s.setBehavior(&s.ops.cfg.Steps, projectKey+"."+scenarioID+"."+stepID, b)
}

// SetScenarioBehavior sets how a whole custom-python scenario run
// behaves.
func (s *Server) SetScenarioBehavior(projectKey, scenarioID string, b OperationBehavior) {
	s.setBehavior(&s.ops.cfg.Scenarios, projectKey+"."+scenarioID, b)
}

// runRoutes adds the run routes the scenario routes (scenarios.go) do not
// register.
func (s *Server) runRoutes() {
	one := "/projects/{projectKey}/scenarios/{scenarioId}"
	s.handle("POST "+one+"/abort", s.handleAbortScenario)
	s.handle("GET "+one+"/{runId}", s.handleScenarioRunDetails)
	s.handle("GET /projects/{projectKey}/scenarios/trigger/{scenarioId}/{triggerId}", s.handleTriggerFire)
}

// serveOperationsControl serves /_emulator/operations: GET the configured
// behaviours, PUT replaces them, DELETE clears them; GET
// /_emulator/operations/jobs?projectKey= and
// /_emulator/operations/runs?projectKey=&scenarioId= list what ran.
func (s *Server) serveOperationsControl(w http.ResponseWriter, r *http.Request) bool {
	base := ControlPrefix + "/operations"
	switch r.Method + " " + r.URL.Path {
	case "GET " + base:
		writeJSON(w, http.StatusOK, s.Operations())
	case "PUT " + base, "POST " + base:
		setFromControl(w, r, s.SetOperations, "operations", "Operations set")
		return true
	case "DELETE " + base:
		_ = s.SetOperations(OperationsConfig{})
		writeMsg(w, "Operations cleared")
	case "GET " + base + "/jobs":
		writeJSON(w, http.StatusOK, s.Jobs(r.URL.Query().Get("projectKey")))
	case "GET " + base + "/runs":
		q := r.URL.Query()
		writeJSON(w, http.StatusOK, s.ScenarioRuns(q.Get("projectKey"), q.Get("scenarioId")))
	default:
		return false
	}
	return true
}
