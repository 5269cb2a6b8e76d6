package emulator

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Jobs (dss-api.md §3.1 jobs rows, dataikuapi dss/job.py and
// project.py start_job): a build of datasets or managed folders. A job is
// a list of activities, one per output built, run one after the other on
// the wall clock; each takes the duration its item's behaviour gives
// (OperationBehavior, settable through /_emulator/operations or
// SetBuildBehavior) and ends as that behaviour says. Nothing is computed:
// a job's state is read from the clock each time it is asked for, so a
// test's waits are the configured milliseconds, never a fixed tick.
//
// What dataikuapi reads [V]: POST answers {id}; GET …/jobs/{id}/ answers a
// status whose baseStatus.state is NOT_STARTED, RUNNING, DONE, FAILED or
// ABORTED (DSSJobWaiter); GET …/log is text. The rest of the status
// (baseStatus.def, baseStatus.activities with their states and
// firstFailure, globalState counters) is [I]: the shape DSS's UI shows,
// not confirmed against a DSS.

// Job and activity states (internal/dss/names, shared with the client).
const (
	JobNotStarted = names.JobNotStarted
	JobRunning    = names.JobRunning
	JobDone       = names.JobDone
	JobFailed     = names.JobFailed
	JobAborted    = names.JobAborted
	// ActivitySkipped is an activity a failure before it left unrun [I].
	ActivitySkipped = "SKIPPED"
)

// Outcomes of a scenario run and of its steps (internal/dss/names).
const (
	OutcomeSuccess = names.OutcomeSuccess
	OutcomeWarning = names.OutcomeWarning
	OutcomeFailed  = names.OutcomeFailed
	OutcomeAborted = names.OutcomeAborted
)

// OperationBehavior is how one build activity, scenario step or
// custom-python scenario behaves: it takes DurationMs and then ends with
// Outcome (default SUCCESS), Message being the failure's (or warning's)
// text.
type OperationBehavior struct {
	DurationMs int64  `json:"durationMs"`
	Outcome    string `json:"outcome,omitempty"`
	Message    string `json:"message,omitempty"`
}

// OperationsConfig is every configured behaviour. Keys: Builds
// "PROJECT.item" (a dataset name or managed-folder id), Steps
// "PROJECT.scenarioId.stepId", Scenarios "PROJECT.scenarioId" (the whole
// run of a custom-python scenario, which has no steps). Anything not
// configured runs instantly and succeeds, as the emulator's runs always
// did. RunStartDelayMs is how long after a trigger fires its run starts
// (DSS: "a few seconds"; default 0).
type OperationsConfig struct {
	Builds          map[string]OperationBehavior `json:"builds,omitempty"`
	Steps           map[string]OperationBehavior `json:"steps,omitempty"`
	Scenarios       map[string]OperationBehavior `json:"scenarios,omitempty"`
	RunStartDelayMs int64                        `json:"runStartDelayMs,omitempty"`
}

func (b OperationBehavior) check() error {
	switch b.Outcome {
	case "", OutcomeSuccess, OutcomeWarning, OutcomeFailed:
	default:
		return fmt.Errorf("outcome %q: want SUCCESS, WARNING or FAILED", b.Outcome)
	}
	if b.DurationMs < 0 {
		return fmt.Errorf("durationMs %d is negative", b.DurationMs)
	}
	return nil
}

func (b OperationBehavior) duration() time.Duration {
	return time.Duration(b.DurationMs) * time.Millisecond
}

func (b OperationBehavior) outcome() string {
	if b.Outcome == "" {
		return OutcomeSuccess
	}
	return b.Outcome
}

// operations holds this process's jobs and scenario runs and the
// configured behaviours; like futures they are never persisted (a
// restarted DSS has lost its running jobs too). Lock order: s.mu before
// mu, never the reverse.
type operations struct {
	mu   sync.Mutex
	cfg  OperationsConfig
	jobs []*emuJob // oldest first
	runs []*emuRun // oldest first
}

// maxKeptOperations bounds the jobs and the runs kept: an emulator
// serving a CI for days must not grow without end. The oldest finished
// ones go first; running ones are always kept.
const maxKeptOperations = 1000

// prune drops the oldest finished jobs and runs beyond maxKeptOperations.
// Call with o.mu held.
func (o *operations) prune(now time.Time) {
	for extra, i := len(o.jobs)-maxKeptOperations, 0; extra > 0 && i < len(o.jobs); {
		if o.jobs[i].finished(now) {
			o.jobs = append(o.jobs[:i], o.jobs[i+1:]...)
			extra--
			continue
		}
		i++
	}
	for extra, i := len(o.runs)-maxKeptOperations, 0; extra > 0 && i < len(o.runs); {
		if o.runs[i].finished(now) {
			o.runs = append(o.runs[:i], o.runs[i+1:]...)
			extra--
			continue
		}
		i++
	}
}

func (o *operations) reset() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.cfg, o.jobs, o.runs = OperationsConfig{}, nil, nil
}

// emuJob is one job. Its activities are scheduled when it is created; its
// state at any moment follows from the clock and abortAt.
type emuJob struct {
	projectKey string
	id         string
	def        map[string]any
	created    time.Time
	activities []*emuActivity
	abortAt    time.Time // zero: never aborted
}

type emuActivity struct {
	id        string
	target    map[string]any // {type, projectKey, id, partition}
	recipe    string
	recipeTyp string
	start     time.Time
	duration  time.Duration
	outcome   string // SUCCESS, WARNING or FAILED once it ran to its end
	message   string
	skipped   bool // a failure before it: it never runs
}

func (a *emuActivity) end() time.Time { return a.start.Add(a.duration) }

// end is when the job ends unless aborted: its last activity to run.
func (j *emuJob) end() time.Time {
	end := j.created
	for _, a := range j.activities {
		if !a.skipped {
			end = a.end()
		}
	}
	return end
}

// aborted reports whether the job was aborted before it ended, as seen at
// now.
func (j *emuJob) aborted(now time.Time) bool {
	return !j.abortAt.IsZero() && !j.abortAt.After(now) && j.abortAt.Before(j.end())
}

func (j *emuJob) finished(now time.Time) bool { return j.aborted(now) || !now.Before(j.end()) }

// state is the job's state at now.
func (j *emuJob) state(now time.Time) string {
	switch {
	case j.aborted(now):
		return JobAborted
	case now.Before(j.created):
		return JobNotStarted
	case now.Before(j.end()):
		return JobRunning
	}
	for _, a := range j.activities {
		if !a.skipped && a.outcome == OutcomeFailed {
			return JobFailed
		}
	}
	return JobDone
}

// activityState is an activity's state at now.
func (j *emuJob) activityState(a *emuActivity, now time.Time) string {
	if a.skipped {
		if j.finished(now) {
			return ActivitySkipped
		}
		return JobNotStarted
	}
	if j.aborted(now) && j.abortAt.Before(a.end()) {
		return JobAborted
	}
	switch {
	case now.Before(a.start):
		return JobNotStarted
	case now.Before(a.end()):
		return JobRunning
	case a.outcome == OutcomeFailed:
		return JobFailed
	}
	return JobDone
}

// failed is the activity that failed the job, nil if none (yet).
func (j *emuJob) failed(now time.Time) *emuActivity {
	for _, a := range j.activities {
		if j.activityState(a, now) == JobFailed {
			return a
		}
	}
	return nil
}

func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// status is GET …/jobs/{id}/ at now.
func (j *emuJob) status(now time.Time) map[string]any {
	acts := map[string]any{}
	counts := map[string]int{}
	for _, a := range j.activities {
		st := j.activityState(a, now)
		counts[st]++
		act := map[string]any{"activityId": a.id, "activityType": "recipe", "recipeName": a.recipe, "recipeType": a.recipeTyp,
			"state": st, "targets": []any{deepCopy(a.target)}, "startTime": int64(0), "endTime": int64(0)}
		if st != JobNotStarted && st != ActivitySkipped {
			act["startTime"] = millis(a.start)
		}
		switch st {
		case JobDone, JobFailed:
			act["endTime"] = millis(a.end())
		case JobAborted:
			act["endTime"] = millis(j.abortAt)
		}
		if st == JobFailed {
			act["firstFailure"] = map[string]any{"clazz": "com.dataiku.dip.exceptions.ProcessDiedException", "message": a.message, "title": a.message}
		}
		if st == JobDone && a.outcome == OutcomeWarning {
			act["warnings"] = map[string]any{"totalCount": 1, "warnings": []any{map[string]any{"message": a.message}}}
		}
		acts[a.id] = act
	}
	state := j.state(now)
	base := map[string]any{"def": deepCopy(j.def), "state": state, "activities": acts,
		"jobInitTime": millis(j.created), "jobStartTime": millis(j.created), "jobEndTime": int64(0)}
	switch state {
	case JobDone, JobFailed:
		base["jobEndTime"] = millis(j.end())
	case JobAborted:
		base["jobEndTime"] = millis(j.abortAt)
	}
	return map[string]any{"baseStatus": base, "globalState": map[string]any{
		"total": len(j.activities), "done": counts[JobDone], "failed": counts[JobFailed], "running": counts[JobRunning],
		"notStarted": counts[JobNotStarted], "aborted": counts[JobAborted], "skipped": counts[ActivitySkipped]}}
}

// log is GET …/jobs/{id}/log at now, for one activity or all ("").
func (j *emuJob) log(now time.Time, activity string) string {
	var b strings.Builder
	line := func(t time.Time, level, msg string) {
		fmt.Fprintf(&b, "[%s] [%s] %s\n", t.UTC().Format("2006/01/02-15:04:05.000"), level, msg)
	}
	if activity == "" && !now.Before(j.created) {
		line(j.created, "INFO", fmt.Sprintf("Job %s started (%v)", j.id, j.def["type"]))
	}
	for _, a := range j.activities {
		if activity != "" && a.id != activity {
			continue
		}
		st := j.activityState(a, now)
		if st == JobNotStarted || st == ActivitySkipped {
			continue
		}
		line(a.start, "INFO", fmt.Sprintf("Running activity %s (recipe %s)", a.id, a.recipe))
		switch st {
		case JobDone:
			if a.outcome == OutcomeWarning {
				line(a.end(), "WARN", a.message)
			}
			line(a.end(), "INFO", "Activity "+a.id+" done")
		case JobFailed:
			line(a.end(), "ERROR", a.message)
			line(a.end(), "ERROR", "Activity "+a.id+" failed")
		case JobAborted:
			line(j.abortAt, "WARN", "Activity "+a.id+" aborted")
		}
	}
	if activity == "" {
		switch j.state(now) {
		case JobDone:
			line(j.end(), "INFO", "Job done")
		case JobFailed:
			line(j.end(), "ERROR", "Job failed")
		case JobAborted:
			line(j.abortAt, "WARN", "Job aborted")
		}
	}
	return b.String()
}

// JobSummary is what tests read of a job.
type JobSummary struct {
	ID        string
	State     string
	Type      string
	Outputs   []string // item ids, in order
	Initiator string
}

// Jobs lists a project's jobs as they are now, oldest first (jobs a
// scenario run has scheduled but not started are not listed).
func (s *Server) Jobs(projectKey string) []JobSummary {
	s.ops.mu.Lock()
	defer s.ops.mu.Unlock()
	now := time.Now()
	var out []JobSummary
	for _, j := range s.ops.jobs {
		if j.projectKey != projectKey || now.Before(j.created) {
			continue
		}
		js := JobSummary{ID: j.id, State: j.state(now), Initiator: fmt.Sprint(j.def["initiator"])}
		js.Type, _ = j.def["type"].(string)
		for _, a := range j.activities {
			js.Outputs = append(js.Outputs, fmt.Sprint(a.target["id"]))
		}
		out = append(out, js)
	}
	return out
}

// SetBuildBehavior sets how building item (a dataset name or a managed
// folder id) of projectKey behaves from now on.
func (s *Server) SetBuildBehavior(projectKey, item string, b OperationBehavior) {
	s.setBehavior(&s.ops.cfg.Builds, projectKey+"."+item, b)
}

// setBehavior sets (*behaviors)[key], making the map when there is none,
// under the operations' lock.
func (s *Server) setBehavior(behaviors *map[string]OperationBehavior, key string, b OperationBehavior) {
	s.ops.mu.Lock()
	defer s.ops.mu.Unlock()
	ensureMap(behaviors)
	(*behaviors)[key] = b
}

// SetOperations replaces every configured behaviour.
func (s *Server) SetOperations(cfg OperationsConfig) error {
	for _, m := range []map[string]OperationBehavior{cfg.Builds, cfg.Steps, cfg.Scenarios} {
		for k, b := range m {
			if err := b.check(); err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
		}
	}
	if cfg.RunStartDelayMs < 0 {
		return fmt.Errorf("runStartDelayMs %d is negative", cfg.RunStartDelayMs)
	}
	s.ops.mu.Lock()
	defer s.ops.mu.Unlock()
	s.ops.cfg = cfg
	return nil
}

// Operations returns the configured behaviours.
func (s *Server) Operations() OperationsConfig {
	s.ops.mu.Lock()
	defer s.ops.mu.Unlock()
	return s.ops.cfg
}

func (s *Server) jobRoutes() {
	jobs := "/projects/{projectKey}/jobs"
	one := jobs + "/{jobId}"
	s.handle("GET "+jobs, s.handleListJobs)
	s.handle("POST "+jobs, s.handleStartJob)
	s.handle("GET "+one, s.handleJobStatus)
	s.handle("GET "+one+"/log", s.handleJobLog)
	s.handle("POST "+one+"/abort", s.handleAbortJob)
}

// buildTarget is one output to build, as the job definition names it.
type buildTarget struct {
	typ, projectKey, id, partition string
}

// scheduleJob makes a job of targets starting at start, reading the
// producing recipes from p and the behaviours from the configuration.
// Call with s.mu read-held and s.ops.mu held.
func (s *Server) scheduleJob(p *Project, def map[string]any, targets []buildTarget, start time.Time) *emuJob {
	j := &emuJob{projectKey: p.ProjectKey, def: def, created: start}
	j.id = fmt.Sprintf("build_%s_%s", start.UTC().Format("2006-01-02T15-04-05.000"), randomID(6))
	def["id"], def["projectKey"] = j.id, p.ProjectKey
	t := start
	failed := false
	for _, tg := range targets {
		a := &emuActivity{id: activityID(tg), start: t, skipped: failed,
			target: map[string]any{"type": tg.typ, "projectKey": tg.projectKey, "id": tg.id, "partition": tg.partition}}
		if r := recipeWriting(p, tg.id, ""); r != "" {
			a.recipe = r
			a.recipeTyp, _ = recipePart(p.Recipes[r])["type"].(string)
		}
		b := s.ops.cfg.Builds[tg.projectKey+"."+tg.id]
		a.duration, a.outcome, a.message = b.duration(), b.outcome(), b.Message
		if a.outcome == OutcomeFailed && a.message == "" {
			a.message = fmt.Sprintf("Job failed: the recipe building %s.%s failed", tg.projectKey, tg.id)
		}
		if !a.skipped {
			t = a.end()
			failed = a.outcome == OutcomeFailed
		}
		j.activities = append(j.activities, a)
	}
	s.ops.jobs = append(s.ops.jobs, j)
	s.ops.prune(time.Now())
	return j
}

// activityID names an activity as DSS's job pages do [I]:
// compute_<item>_NP for a non-partitioned build, compute_<item>_<partition>
// otherwise.
func activityID(t buildTarget) string {
	part := "NP"
	if t.partition != "" {
		part = t.partition
	}
	return "compute_" + t.id + "_" + part
}

// buildableTypes are the types of the items a job builds, as dataikuapi
// names them: with_output's docstring lists DATASET, MANAGED_FOLDER,
// SAVED_MODEL, STREAMING_ENDPOINT and KNOWLEDGE_BANK; a knowledge bank's
// build() sends RETRIEVABLE_KNOWLEDGE, an evaluation store's
// MODEL_EVALUATION_STORE, and a recipe's run() maps its first output to
// one of these [V].
var buildableTypes = []string{"DATASET", "MANAGED_FOLDER", "SAVED_MODEL", "STREAMING_ENDPOINT", "MODEL_EVALUATION_STORE", "RETRIEVABLE_KNOWLEDGE", "KNOWLEDGE_BANK"}

// buildableObjects are, by type, the objects of p a job may build other
// than its datasets and managed folders.
func buildableObjects(p *Project) map[string]map[string]map[string]any {
	return map[string]map[string]map[string]any{
		"SAVED_MODEL": p.SavedModels, "STREAMING_ENDPOINT": p.StreamingEndpoints, "MODEL_EVALUATION_STORE": p.EvaluationStores,
		"RETRIEVABLE_KNOWLEDGE": p.KnowledgeBanks, "KNOWLEDGE_BANK": p.KnowledgeBanks,
	}
}

// buildTargets reads a job definition's outputs, or a build_flowitem
// step's builds, checking each exists in p.
func buildTargets(p *Project, items []any, idKey, partKey string) ([]buildTarget, *APIError) {
	var out []buildTarget
	for _, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			return nil, errIllegalArgument("each output must be an object")
		}
		t := buildTarget{projectKey: p.ProjectKey}
		t.typ, _ = m["type"].(string)
		t.id, _ = m[idKey].(string)
		t.partition, _ = m[partKey].(string)
		if pk, _ := m["projectKey"].(string); pk != "" {
			t.projectKey = pk
		}
		t.typ = cmp.Or(t.typ, "DATASET")
		if t.projectKey != p.ProjectKey {
			return nil, errIllegalArgument(fmt.Sprintf("Cannot build %s.%s from project %s: a job builds its own project's items", t.projectKey, t.id, p.ProjectKey))
		}
		switch t.typ {
		case "DATASET":
			if _, ok := p.Datasets[t.id]; !ok {
				return nil, datasetNotFound(p.ProjectKey, t.id)
			}
		case "MANAGED_FOLDER":
			if _, ok := p.ManagedFolders[t.id]; !ok {
				return nil, managedFolderNotFound(p.ProjectKey, t.id)
			}
		default:
			held, known := buildableObjects(p)[t.typ]
			if !known {
				return nil, errIllegalArgument(fmt.Sprintf("Cannot build an item of type %q (expected one of %s)", t.typ, strings.Join(buildableTypes, ", ")))
			}
			if _, ok := held[t.id]; !ok {
				return nil, errNotFound(fmt.Sprintf("%s %s does not exist in project %s", t.typ, t.id, p.ProjectKey))
			}
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, errIllegalArgument("The job has no outputs to build")
	}
	return out, nil
}

// POST /projects/{k}/jobs/ with {type, outputs:[{type, id, projectKey,
// partition}], …} [V JobDefinitionBuilder]: starts the job at once and
// answers its definition with its id (start_job reads id [V]). Building
// needs write access to the project [I].
func (s *Server) handleStartJob(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	s.answerInProject(w, r, s.read, AccessWrite, func(p *Project) (any, error) {
		typ, _ := body["type"].(string)
		typ = cmp.Or(typ, "NON_RECURSIVE_FORCED_BUILD")
		if !slices.Contains(names.JobTypes, typ) {
			return nil, errIllegalArgument(fmt.Sprintf("Unknown job type %s (expected one of %s)", typ, strings.Join(names.JobTypes, ", ")))
		}
		outputs, _ := body["outputs"].([]any)
		targets, aerr := buildTargets(p, outputs, "id", "partition")
		if aerr != nil {
			return nil, aerr
		}
		def := copyDoc(body)
		def["type"], def["initiator"], def["triggeredFrom"] = typ, c.Login, "API"
		s.ops.mu.Lock()
		j := s.scheduleJob(p, def, targets, time.Now())
		out := copyDoc(j.def)
		s.ops.mu.Unlock()
		return out, nil
	})
}

// jobFor finds a started job the caller may read (write for abort).
func (s *Server) jobFor(r *http.Request, need Access, fn func(j *emuJob, now time.Time)) error {
	c := callerFrom(r.Context())
	key, id := r.PathValue("projectKey"), r.PathValue("jobId")
	return s.read(func(st *State) error {
		if _, err := s.projectForCaller(st, c, key, need); err != nil {
			return err
		}
		s.ops.mu.Lock()
		defer s.ops.mu.Unlock()
		now := time.Now()
		for _, j := range s.ops.jobs {
			if j.projectKey == key && j.id == id && !now.Before(j.created) {
				fn(j, now)
				return nil
			}
		}
		return errNotFound(fmt.Sprintf("Job %s.%s does not exist", key, id))
	})
}

func (s *Server) handleJobStatus(w http.ResponseWriter, r *http.Request) {
	var out map[string]any
	err := s.jobFor(r, AccessRead, func(j *emuJob, now time.Time) { out = j.status(now) })
	answer(w, err, out)
}

// GET …/log?activity=: the log as text [V _perform_text].
func (s *Server) handleJobLog(w http.ResponseWriter, r *http.Request) {
	var out string
	activity := r.URL.Query().Get("activity")
	if err := s.jobFor(r, AccessRead, func(j *emuJob, now time.Time) { out = j.log(now, activity) }); err != nil {
		writeErr(w, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain;charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(out))
}

// POST …/abort: a running job stops now; a finished one stays as it
// ended [I]. The answer is an empty object.
func (s *Server) handleAbortJob(w http.ResponseWriter, r *http.Request) {
	err := s.jobFor(r, AccessWrite, func(j *emuJob, now time.Time) {
		if !j.finished(now) {
			j.abortAt = now
		}
	})
	answer(w, err, map[string]any{})
}

// GET /projects/{k}/jobs/: the started jobs, newest first, as their
// baseStatus [I].
func (s *Server) handleListJobs(w http.ResponseWriter, r *http.Request) {
	s.answerInProject(w, r, s.read, AccessRead, func(p *Project) (any, error) {
		s.ops.mu.Lock()
		defer s.ops.mu.Unlock()
		now := time.Now()
		var list []*emuJob
		for _, j := range s.ops.jobs {
			if j.projectKey == p.ProjectKey && !now.Before(j.created) {
				list = append(list, j)
			}
		}
		sort.SliceStable(list, func(a, b int) bool { return list[a].created.After(list[b].created) })
		out := []any{}
		for _, j := range list {
			out = append(out, j.status(now)["baseStatus"])
		}
		return out, nil
	})
}
