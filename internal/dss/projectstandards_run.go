package dss

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
)

// Running a project's Project Standards checks (dataikuapi dss/project.py
// start_run_project_standards_checks and get_project_standards_last_report;
// DSSProjectStandardsRunReport and its run infos [V]).

// ProjectStandardsCheckResult is a check's result: status RUN_SUCCESS,
// RUN_ERROR or NOT_APPLICABLE; severity 0 (no issue) to 5 (critical),
// null unless the run succeeded.
type ProjectStandardsCheckResult struct {
	Status   string `json:"status"`
	Severity *int   `json:"severity"`
	Message  string `json:"message"`
}

// ProjectStandardsSeverities names the severities 1 to 5 [V
// severity_category]; 0 is no issue.
var ProjectStandardsSeverities = []string{"LOWEST", "LOW", "MEDIUM", "HIGH", "CRITICAL"}

// ProjectStandardsCheckRun is one check's run in a report.
type ProjectStandardsCheckRun struct {
	Check      *ProjectStandardsCheck       `json:"check"`
	Result     *ProjectStandardsCheckResult `json:"result"`
	DurationMs int64                        `json:"durationMs"`
}

// ProjectStandardsReport is a run's report: each check's run by check id.
type ProjectStandardsReport struct {
	ProjectKey string                              `json:"projectKey"`
	Scope      string                              `json:"scope"`
	Runs       map[string]ProjectStandardsCheckRun `json:"bundleChecksRunInfo"`
}

// StartProjectStandardsRun starts a run of the project's checks: its
// scope's, or checkIDs when given (then DSS keeps its saved report).
func (c *Client) StartProjectStandardsRun(ctx context.Context, projectKey string, checkIDs []string) (*Future, error) {
	var q url.Values
	if len(checkIDs) > 0 {
		q = url.Values{"checkIds": checkIDs}
	}
	return c.futureCall(ctx, "POST", Path("projects", projectKey, "project-standards", "actions", "run"), q, nil)
}

// DecodeProjectStandardsReport reads a run's future result.
func DecodeProjectStandardsReport(raw json.RawMessage) (*ProjectStandardsReport, error) {
	var r ProjectStandardsReport
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// ProjectStandardsLastReport reads the project's saved report; nil when
// its checks never ran (DSS answers no body).
func (c *Client) ProjectStandardsLastReport(ctx context.Context, projectKey string) (*ProjectStandardsReport, error) {
	var raw textAnswer
	if err := c.Get(ctx, Path("projects", projectKey, "project-standards", "last-report"), nil, &raw); err != nil {
		return nil, err
	}
	if body := bytes.TrimSpace(raw); len(body) == 0 || string(body) == "null" {
		return nil, nil
	}
	return DecodeProjectStandardsReport(json.RawMessage(raw))
}
