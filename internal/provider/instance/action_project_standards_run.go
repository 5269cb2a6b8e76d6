package instance

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// dataiku_project_standards_run: a project's Project Standards checks as
// a quality gate, e.g. before a bundle is made or a deployment updated.
// DSS runs them as one task whose result is the report (dss/project.py
// start_run_project_standards_checks [V]); the action reports each check
// and fails when one found an issue at or above fail_on, or could not run.

type projectStandardsRunModel struct {
	ProjectKey types.String `tfsdk:"project_key"`
	CheckIDs   types.Set    `tfsdk:"check_ids"`
	FailOn     types.String `tfsdk:"fail_on"`
}

// NewProjectStandardsRunAction returns the dataiku_project_standards_run
// action.
func NewProjectStandardsRunAction() action.Action {
	return &kit.Action[projectStandardsRunModel]{Name: "project_standards_run",
		ActionSchema: schema.Schema{MarkdownDescription: "Runs a project's Project Standards checks (DSS 14+) and waits for DSS's report: each check's outcome is shown, " +
			"and the apply fails when a check found an issue of `fail_on`'s severity or above, or could not run (`RUN_ERROR`); a check that does not apply to the project passes. " +
			"A quality gate before a bundle or a deployment: trigger it from the `lifecycle` of a `dataiku_project_bundle` (`before_create`) or run it with `terraform apply -invoke`. " +
			"Without `check_ids`, DSS runs the checks of the project's scope and saves the report as the project's last one. " +
			"Needs a key that can read the project and Terraform 1.14 or later (OpenTofu has no actions).",
			Attributes: map[string]schema.Attribute{
				"project_key": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.RegexMatches(kit.ProjectKeyPattern, kit.ProjectKeyRule)},
					MarkdownDescription: "Key of the project whose checks run."},
				"check_ids": schema.SetAttribute{Optional: true, ElementType: types.StringType,
					Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
					MarkdownDescription: "Run only these checks (`dataiku_project_standards_check.x.id`) instead of the project's scope's; DSS then keeps the project's saved report as it was."},
				"fail_on": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf(dss.ProjectStandardsSeverities...)},
					MarkdownDescription: "The lowest severity that fails the apply: `" + strings.Join(dss.ProjectStandardsSeverities, "`, `") +
						"` (DSS's severities 1 to 5). Default `LOWEST`: any issue fails."},
			}},
		Summary: func(m *projectStandardsRunModel) string {
			return "project " + m.ProjectKey.ValueString() + " does not meet its Project Standards"
		},
		Run: invokeProjectStandardsRun,
	}
}

func invokeProjectStandardsRun(ctx context.Context, c *dss.Client, m *projectStandardsRunModel, summary string, resp *action.InvokeResponse) error {
	key := m.ProjectKey.ValueString()
	var ids []string
	if !m.CheckIDs.IsNull() && !m.CheckIDs.IsUnknown() {
		resp.Diagnostics.Append(m.CheckIDs.ElementsAs(ctx, &ids, false)...)
		if resp.Diagnostics.HasError() {
			return nil
		}
		sort.Strings(ids)
	}
	failOn := 1 + slices.Index(dss.ProjectStandardsSeverities, cmp.Or(kit.Optional(m.FailOn), dss.ProjectStandardsSeverities[0]))
	f, err := c.StartProjectStandardsRun(ctx, key, ids)
	if err != nil {
		return err
	}
	raw, err := kit.FollowFutureResult(ctx, c, f, summary, resp, "Project Standards of "+key, "running the checks")
	if err != nil || raw == nil {
		return err
	}
	report, err := dss.DecodeProjectStandardsReport(raw)
	if err != nil {
		return fmt.Errorf("reading DSS's report: %w", err)
	}
	failures := projectStandardsFailures(report, failOn, func(line string) { kit.Progress(resp, "%s", line) })
	if len(failures) > 0 {
		resp.Diagnostics.AddError(summary, fmt.Sprintf("%d of the %d checks of scope %q failed (fail_on = %s):\n  %s",
			len(failures), len(report.Runs), report.Scope, dss.ProjectStandardsSeverities[failOn-1], strings.Join(failures, "\n  ")))
	}
	return nil
}

// projectStandardsFailures reports each check of the report, in the order
// of their ids, and returns those that fail: a run error, or a severity of
// failOn (1 to 5) or above.
func projectStandardsFailures(report *dss.ProjectStandardsReport, failOn int, show func(string)) []string {
	ids := make([]string, 0, len(report.Runs))
	for id := range report.Runs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var failures []string
	for _, id := range ids {
		run := report.Runs[id]
		name := id
		if run.Check != nil && run.Check.Name != "" {
			name = fmt.Sprintf("%s (%s)", run.Check.Name, id)
		}
		outcome, failed := "no result", true
		if r := run.Result; r != nil {
			severity := 0
			if r.Severity != nil {
				severity = *r.Severity
			}
			switch {
			case r.Status == "RUN_ERROR":
				outcome = "could not run"
			case r.Status == "RUN_SUCCESS" && severity >= 1 && severity <= len(dss.ProjectStandardsSeverities):
				outcome, failed = "issue of severity "+dss.ProjectStandardsSeverities[severity-1], severity >= failOn
			case r.Status == "RUN_SUCCESS":
				outcome, failed = "no issue", false
			default:
				outcome, failed = strings.ToLower(strings.ReplaceAll(r.Status, "_", " ")), false
			}
			if r.Message != "" {
				outcome += ": " + r.Message
			}
		}
		line := "Check " + name + ": " + outcome
		show(line)
		if failed {
			failures = append(failures, line)
		}
	}
	return failures
}
