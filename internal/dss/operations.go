package dss

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Scenario runs and jobs (dss-api-more.md §3.3, dataikuapi dss/scenario.py
// and dss/job.py): what the actions start, follow and abort.

// Outcomes of a scenario run or step, mildest first (internal/dss/names,
// shared with the emulator).
const (
	OutcomeSuccess = names.OutcomeSuccess
	OutcomeWarning = names.OutcomeWarning
	OutcomeFailed  = names.OutcomeFailed
	OutcomeAborted = names.OutcomeAborted
)

// OutcomeWorseThan reports whether outcome is worse than limit in the
// order SUCCESS < WARNING < FAILED < ABORTED. An outcome DSS adds later
// counts as the worst, so that it fails rather than passes silently.
func OutcomeWorseThan(outcome, limit string) bool {
	rank := map[string]int{OutcomeSuccess: 0, OutcomeWarning: 1, OutcomeFailed: 2, OutcomeAborted: 3}
	r, ok := rank[outcome]
	if !ok {
		r = 4
	}
	return r > rank[limit]
}

// TriggerFire is what POST …/run answers: the manual trigger that fired
// and its trigger-run id (not the scenario run's id) [V DSSTriggerFire].
type TriggerFire struct {
	Trigger struct {
		ID string `json:"id"`
	} `json:"trigger"`
	RunID     string `json:"runId"`
	Cancelled bool   `json:"cancelled"`
}

// ScenarioRunResult is a finished run's or step's result.
type ScenarioRunResult struct {
	Outcome string       `json:"outcome"`
	Thrown  *ThrownError `json:"thrown,omitempty"`
}

// ThrownError is DSS's serialised exception [V first_error_details].
type ThrownError struct {
	Clazz   string `json:"clazz"`
	Title   string `json:"title"`
	Message string `json:"message"`
}

// Text is the exception's message, or its title when it has none.
func (t *ThrownError) Text() string {
	if t == nil {
		return ""
	}
	if t.Message != "" {
		return t.Message
	}
	return t.Title
}

// ScenarioRun is a run as get-last-runs and get-run-for-trigger show it;
// it is running exactly while Result is nil [V].
type ScenarioRun struct {
	RunID  string             `json:"runId"`
	Start  int64              `json:"start"`
	End    int64              `json:"end"`
	Result *ScenarioRunResult `json:"result,omitempty"`
}

// StepRun is one step's run in the run details.
type StepRun struct {
	RunID string `json:"runId"`
	Step  struct {
		ID   string `json:"id"`
		Name string `json:"name"`
		Type string `json:"type"`
	} `json:"step"`
	Start                 int64              `json:"start"`
	End                   int64              `json:"end"`
	Result                *ScenarioRunResult `json:"result,omitempty"`
	AdditionalReportItems []struct {
		Type    string       `json:"type"`
		JobID   string       `json:"jobId"`
		Outcome string       `json:"outcome"`
		Thrown  *ThrownError `json:"thrown,omitempty"`
	} `json:"additionalReportItems"`
}

// ScenarioRunDetails is GET …/{runId}/ [V get_details].
type ScenarioRunDetails struct {
	ScenarioRun ScenarioRun `json:"scenarioRun"`
	StepRuns    []StepRun   `json:"stepRuns"`
}

// RunScenario fires a scenario's manual trigger with params (nil: none).
func (c *Client) RunScenario(ctx context.Context, projectKey, id string, params map[string]any) (*TriggerFire, error) {
	if params == nil {
		params = map[string]any{}
	}
	var fire TriggerFire
	if err := c.Post(ctx, Path("projects", projectKey, "scenarios", id, "run"), nil, params, &fire); err != nil {
		return nil, err
	}
	if fire.RunID == "" {
		return nil, errors.New("DSS fired the scenario's trigger but its answer has no runId")
	}
	return &fire, nil
}

// ScenarioRunForTrigger is the run a trigger fire started, nil while it
// has not started (DSS answers without scenarioRun then).
func (c *Client) ScenarioRunForTrigger(ctx context.Context, projectKey, id string, fire *TriggerFire) (*ScenarioRun, error) {
	var out struct {
		ScenarioRun *ScenarioRun `json:"scenarioRun"`
	}
	q := url.Values{"triggerId": {fire.Trigger.ID}, "triggerRunId": {fire.RunID}}
	if err := c.Get(ctx, Path("projects", projectKey, "scenarios", id, "get-run-for-trigger"), q, &out); err != nil {
		return nil, err
	}
	return out.ScenarioRun, nil
}

// ScenarioRunDetails reads a run with its step runs.
func (c *Client) ScenarioRunDetails(ctx context.Context, projectKey, id, runID string) (*ScenarioRunDetails, error) {
	return callAs[ScenarioRunDetails](ctx, c, http.MethodGet, Path("projects", projectKey, "scenarios", id, runID)+"/", nil, nil)
}

// AbortScenario aborts the scenario's running run (DSS does nothing when
// it is not running).
func (c *Client) AbortScenario(ctx context.Context, projectKey, id string) error {
	return c.Post(ctx, Path("projects", projectKey, "scenarios", id, "abort"), nil, nil, nil)
}

// Job states (internal/dss/names, shared with the emulator).
const (
	JobNotStarted = names.JobNotStarted
	JobRunning    = names.JobRunning
	JobDone       = names.JobDone
	JobFailed     = names.JobFailed
	JobAborted    = names.JobAborted
)

// JobTypes are the job types DSS's job API names (internal/dss/names).
var JobTypes = names.JobTypes

// JobOutput is one item a job builds.
type JobOutput struct {
	Type       string `json:"type"` // DATASET or MANAGED_FOLDER
	ID         string `json:"id"`
	ProjectKey string `json:"projectKey"`
	Partition  string `json:"partition,omitempty"`
}

// JobDefinition is the body of POST /projects/{k}/jobs/ as
// JobDefinitionBuilder sends it.
type JobDefinition struct {
	Type                 string      `json:"type"`
	RefreshHiveMetastore bool        `json:"refreshHiveMetastore"`
	Outputs              []JobOutput `json:"outputs"`
}

// JobActivity is one activity of a job's status [I shape beyond state].
type JobActivity struct {
	ActivityID   string `json:"activityId"`
	RecipeName   string `json:"recipeName"`
	State        string `json:"state"`
	FirstFailure *struct {
		Message string `json:"message"`
		Title   string `json:"title"`
	} `json:"firstFailure,omitempty"`
}

// JobStatus is GET …/jobs/{id}/: baseStatus.state [V] and its activities.
type JobStatus struct {
	BaseStatus struct {
		State      string                 `json:"state"`
		Activities map[string]JobActivity `json:"activities"`
	} `json:"baseStatus"`
}

// SortedActivities lists the activities by id, for stable reports.
func (s *JobStatus) SortedActivities() []JobActivity {
	out := make([]JobActivity, 0, len(s.BaseStatus.Activities))
	for id, a := range s.BaseStatus.Activities {
		a.ActivityID = cmp.Or(a.ActivityID, id)
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ActivityID < out[j].ActivityID })
	return out
}

// StartJob starts a build and returns the job's id.
func (c *Client) StartJob(ctx context.Context, projectKey string, def JobDefinition) (string, error) {
	return postCreatedKey[createdID](ctx, c, Path("projects", projectKey, "jobs")+"/", nil, def, "started the job")
}

// GetJobStatus reads a job's status.
func (c *Client) GetJobStatus(ctx context.Context, projectKey, id string) (*JobStatus, error) {
	return callAs[JobStatus](ctx, c, http.MethodGet, Path("projects", projectKey, "jobs", id)+"/", nil, nil)
}

// JobLog reads a job's log (text), of one activity when activity is set.
func (c *Client) JobLog(ctx context.Context, projectKey, id, activity string) (string, error) {
	var q url.Values
	if activity != "" {
		q = url.Values{"activity": {activity}}
	}
	var out textAnswer
	if err := c.Get(ctx, Path("projects", projectKey, "jobs", id, "log"), q, &out); err != nil {
		return "", err
	}
	return string(out), nil
}

// AbortJob aborts a job.
func (c *Client) AbortJob(ctx context.Context, projectKey, id string) error {
	return c.Post(ctx, Path("projects", projectKey, "jobs", id, "abort"), nil, nil, nil)
}

// textAnswer receives an answer that is not JSON (a log) as it came: Do
// hands it the bytes instead of decoding them.
type textAnswer []byte

// OperationPoll is how often a run or a job is polled: quickly at first,
// for the short ones, then backing off by half each time to a cap. The cap
// is dataikuapi's own scenario poll (5 s): a progress line is then never
// more than 5 s late, and an hour-long run costs about 720 polls.
var (
	OperationPollStart = 250 * time.Millisecond
	OperationPollMax   = 5 * time.Second
)

// NextPoll is the interval after wait.
func NextPoll(wait time.Duration) time.Duration { return min(wait*3/2, OperationPollMax) }
