package project

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewScenarioRunAction returns the dataiku_scenario_run action.
func NewScenarioRunAction() action.Action {
	return &kit.Action[scenarioRunModel]{Name: "scenario_run", Run: invokeScenarioRun,
		Summary: func(m *scenarioRunModel) string {
			return fmt.Sprintf("cannot run scenario %s.%s", m.ProjectKey.ValueString(), m.ScenarioID.ValueString())
		},
		ActionSchema: schema.Schema{MarkdownDescription: "Runs a DSS scenario and, by default, waits for it, reporting each step as it starts and ends and the run's outcome. " +
			"The apply fails when the outcome is worse than `fail_on`, quoting the failed step's message. On timeout, or when Terraform is interrupted, " +
			"the run is aborted in DSS. Needs Terraform 1.14 or later (OpenTofu has no actions); the key's user needs the project's `run_scenarios` permission " +
			"(or write access).",
			Attributes: map[string]schema.Attribute{
				"project_key": schema.StringAttribute{Required: true, MarkdownDescription: "Key of the scenario's project."},
				"scenario_id": schema.StringAttribute{Required: true, MarkdownDescription: "Id of the scenario (`dataiku_scenario.x.id`), not its name."},
				"params": schema.DynamicAttribute{Optional: true, Validators: []validator.Dynamic{kit.HCLObjectValidator},
					MarkdownDescription: "Parameters for the run, an object such as `{ release = \"2024.06\" }`: DSS hands them to the scenario as its trigger's params. " +
						"A string holding a JSON object (`jsonencode({...})`, the form of earlier versions) is also read."},
				"wait": schema.BoolAttribute{Optional: true,
					MarkdownDescription: "Wait for the run to end (default `true`). With `false` the action returns once DSS has accepted the run, and neither `timeout` nor `fail_on` applies."},
				"timeout": kit.ActionTimeoutAttribute("the run", " A run still going then is aborted in DSS."),
				"fail_on": schema.StringAttribute{Optional: true,
					Validators:          []validator.String{stringvalidator.OneOf(dss.OutcomeFailed, dss.OutcomeWarning)},
					MarkdownDescription: "The mildest outcome that fails the apply: `FAILED` (default; a `WARNING` passes) or `WARNING` (stricter). An aborted run always fails."},
			}},
	}
}

type scenarioRunModel struct {
	ProjectKey types.String  `tfsdk:"project_key"`
	ScenarioID types.String  `tfsdk:"scenario_id"`
	Params     types.Dynamic `tfsdk:"params"`
	Wait       types.Bool    `tfsdk:"wait"`
	Timeout    types.String  `tfsdk:"timeout"`
	FailOn     types.String  `tfsdk:"fail_on"`
}

func invokeScenarioRun(ctx context.Context, c *dss.Client, m *scenarioRunModel, summary string, resp *action.InvokeResponse) error {
	key, id := m.ProjectKey.ValueString(), m.ScenarioID.ValueString()
	params, err := kit.HCLObjectDecode(m.Params)
	if err != nil {
		resp.Diagnostics.AddError(summary, "params: "+err.Error())
		return nil
	}
	// Read first: an unknown scenario or project fails here, with DSS's
	// message, before anything runs; and the settings name the steps.
	sc, err := dss.ScenarioDoc(key, id).Get(ctx, c)
	if err != nil {
		return err
	}
	timeout := kit.ActionTimeout(m.Timeout)
	wait := kit.BoolOr(m.Wait, true)
	failOn := dss.OutcomeFailed
	if !m.FailOn.IsNull() && m.FailOn.ValueString() != "" {
		failOn = m.FailOn.ValueString()
	}
	fire, err := c.RunScenario(ctx, key, id, params)
	if err != nil {
		return err
	}
	if fire.Cancelled {
		// No run will start from a cancelled fire; dataikuapi's docstring
		// says another firing may cancel it [V DSSTriggerFire].
		resp.Diagnostics.AddError(summary, fmt.Sprintf("DSS cancelled the run request (trigger run %s), so no run starts from it: "+
			"another trigger of the scenario may have fired at the same time. Run the action again.", fire.RunID))
		return nil
	}
	kit.Progress(resp, "Scenario %s.%s (%s): run requested (trigger run %s)", key, id, sc.Name, fire.RunID)
	if !wait {
		kit.Progress(resp, "Scenario %s.%s: not waiting for the run (wait = false)", key, id)
		return nil
	}
	runCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	f := &scenarioFollower{client: c, key: key, id: id, steps: len(sc.Params.Steps), resp: resp, seen: map[string]string{}}
	details, err := f.follow(runCtx, fire)
	what := fmt.Sprintf("the run of scenario %s.%s", key, id)
	if runCtx.Err() != nil {
		kit.AbortAfterStop(runCtx, &resp.Diagnostics, fmt.Sprintf("dataiku_scenario_run: scenario %s.%s did not finish", key, id), what, timeout,
			func(actx context.Context) error { return c.AbortScenario(actx, key, id) })
		return nil
	}
	if err != nil {
		kit.AddDSSError(&resp.Diagnostics, fmt.Sprintf("dataiku_scenario_run: cannot follow scenario %s.%s", key, id), err)
		return nil
	}
	outcome := details.ScenarioRun.Result.Outcome
	kit.Progress(resp, "Scenario %s.%s: run %s ended %s", key, id, details.ScenarioRun.RunID, outcome)
	if outcome == failOn || dss.OutcomeWorseThan(outcome, failOn) {
		resp.Diagnostics.AddError(fmt.Sprintf("dataiku_scenario_run: scenario %s.%s ended %s", key, id, outcome), runFailureDetail(details, failOn))
	}
	return nil
}

// runFailureDetail names the steps that did not succeed, with DSS's
// messages, and the rule that failed the apply.
func runFailureDetail(d *dss.ScenarioRunDetails, failOn string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Run %s of the scenario ended %s", d.ScenarioRun.RunID, d.ScenarioRun.Result.Outcome)
	if failOn == dss.OutcomeWarning {
		b.WriteString(" (fail_on = \"WARNING\": a warning fails the apply too)")
	}
	b.WriteString(".")
	quoted := false
	for _, st := range d.StepRuns {
		if st.Result == nil || st.Result.Outcome == dss.OutcomeSuccess {
			continue
		}
		fmt.Fprintf(&b, "\nStep %s ended %s", stepLabel(st), st.Result.Outcome)
		if msg := stepMessage(st); msg != "" {
			fmt.Fprintf(&b, ": %s", msg)
			quoted = true
		}
	}
	if !quoted {
		if msg := d.ScenarioRun.Result.Thrown.Text(); msg != "" {
			fmt.Fprintf(&b, "\nDSS: %s", msg)
		}
	}
	return b.String()
}

func stepLabel(st dss.StepRun) string {
	if st.Step.Name != "" && st.Step.Name != st.Step.ID {
		return fmt.Sprintf("%q (%s)", st.Step.Name, st.Step.ID)
	}
	return fmt.Sprintf("%q", st.Step.ID)
}

// stepMessage is the step's error, or the failed job's it ran.
func stepMessage(st dss.StepRun) string {
	if msg := st.Result.Thrown.Text(); msg != "" {
		return msg
	}
	for _, item := range st.AdditionalReportItems {
		if msg := item.Thrown.Text(); msg != "" {
			return msg
		}
	}
	return ""
}

// scenarioFollower polls a run and reports its steps once each as they
// start and end.
type scenarioFollower struct {
	client *dss.Client
	key    string
	id     string
	steps  int
	resp   *action.InvokeResponse
	seen   map[string]string // step run id → "started" or its outcome
}

// follow waits for the fire's run to start, then for it to end; it
// returns the final details, or ctx's error.
func (f *scenarioFollower) follow(ctx context.Context, fire *dss.TriggerFire) (*dss.ScenarioRunDetails, error) {
	var run *dss.ScenarioRun
	if err := kit.PollUntil(ctx, func() (bool, error) {
		var err error
		run, err = f.client.ScenarioRunForTrigger(ctx, f.key, f.id, fire)
		return run != nil, err
	}); err != nil {
		return nil, err
	}
	kit.Progress(f.resp, "Scenario %s.%s: run %s started", f.key, f.id, run.RunID)
	var d *dss.ScenarioRunDetails
	if err := kit.PollUntil(ctx, func() (bool, error) {
		var err error
		if d, err = f.client.ScenarioRunDetails(ctx, f.key, f.id, run.RunID); err != nil {
			return false, err
		}
		f.report(d)
		return d.ScenarioRun.Result != nil, nil
	}); err != nil {
		return nil, err
	}
	return d, nil
}

func (f *scenarioFollower) report(d *dss.ScenarioRunDetails) {
	for i, st := range d.StepRuns {
		prev := f.seen[st.RunID]
		if prev == "" {
			kit.Progress(f.resp, "Scenario %s.%s: step %d/%d %s started", f.key, f.id, i+1, max(f.steps, len(d.StepRuns)), stepLabel(st))
			f.seen[st.RunID] = "started"
		}
		if st.Result != nil && (prev == "" || prev == "started") {
			msg := ""
			if m := stepMessage(st); m != "" && st.Result.Outcome != dss.OutcomeSuccess {
				msg = ": " + m
			}
			kit.Progress(f.resp, "Scenario %s.%s: step %s ended %s%s", f.key, f.id, stepLabel(st), st.Result.Outcome, msg)
			f.seen[st.RunID] = st.Result.Outcome
		}
	}
}
