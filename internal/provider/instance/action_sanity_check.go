package instance

import (
	"cmp"
	"context"
	"fmt"
	"slices"
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

// dataiku_instance_sanity_check: DSS's instance sanity check as a health
// gate, e.g. after a platform configuration is applied or DSS upgraded.
// DSS runs it as one task whose result is its findings (dssclient.py
// perform_instance_sanity_check [V]); the action shows each finding and
// fails when one is at or above fail_on, or DSS calls the report fatal.

type sanityCheckModel struct {
	Exclusions types.Set    `tfsdk:"exclusions"`
	FailOn     types.String `tfsdk:"fail_on"`
}

// sanityCheckFailOn are the severities fail_on takes: those of DSS's
// findings that are not good news.
var sanityCheckFailOn = []string{"WARNING", "ERROR"}

// NewInstanceSanityCheckAction returns the dataiku_instance_sanity_check
// action.
func NewInstanceSanityCheckAction() action.Action {
	return &kit.Action[sanityCheckModel]{Name: "instance_sanity_check",
		ActionSchema: schema.Schema{MarkdownDescription: "Runs DSS's instance sanity check (Administration > Maintenance > Sanity check) and waits for its findings: " +
			"each one is shown with its code, and the apply fails when one is of `fail_on`'s severity or above, or DSS calls the report fatal. " +
			"A health gate after a platform change: trigger it from the `lifecycle` of a `dataiku_instance_settings` or `dataiku_container_exec_config` " +
			"(`action_trigger { events = [after_create, after_update] }`), or run it with `terraform apply -invoke`. " +
			"Needs an admin API key and Terraform 1.14 or later (OpenTofu has no actions).",
			Attributes: map[string]schema.Attribute{
				"exclusions": schema.SetAttribute{Optional: true, ElementType: types.StringType,
					Validators: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
					MarkdownDescription: "Codes of the findings to leave out, as the action shows them (e.g. a known warning you accept). " +
						"DSS does not report them; a code DSS does not know is passed to it as written."},
				"fail_on": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf(sanityCheckFailOn...)},
					MarkdownDescription: "The lowest severity that fails the apply: `WARNING` or `ERROR`. Default `ERROR`: warnings are shown, not failed on. " +
						"A finding of a severity the provider does not know fails the apply, as an error would."},
			}},
		Summary: func(*sanityCheckModel) string { return "the DSS instance's sanity check found problems" },
		Run:     invokeSanityCheck,
	}
}

func invokeSanityCheck(ctx context.Context, c *dss.Client, m *sanityCheckModel, summary string, resp *action.InvokeResponse) error {
	excluded, diags := kit.StringsFromSet(ctx, m.Exclusions)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return nil
	}
	failOn := cmp.Or(kit.Optional(m.FailOn), "ERROR")
	f, err := c.StartSanityCheck(ctx, excluded)
	if err != nil {
		return err
	}
	raw, err := kit.FollowFutureResult(ctx, c, f, summary, resp, "Sanity check", "running")
	if err != nil || raw == nil {
		return err
	}
	report, err := dss.DecodeSanityCheckReport(raw)
	if err != nil {
		return fmt.Errorf("reading DSS's report: %w", err)
	}
	failures := sanityCheckFailures(report, failOn, func(line string) { kit.Progress(resp, "%s", line) })
	if len(failures) > 0 {
		resp.Diagnostics.AddError(summary, fmt.Sprintf("%d of the %d findings fail the check (fail_on = %s); leave one out with exclusions = [\"<code>\"] once it is understood:\n  %s",
			len(failures), len(report.Messages), failOn, strings.Join(failures, "\n  ")))
	}
	return nil
}

// sanityCheckFailures shows each finding, in DSS's order, and returns
// those that fail: of failOn's severity or above, or any finding of a
// fatal report (a fatal report with no finding is one failure too).
func sanityCheckFailures(report *dss.SanityCheckReport, failOn string, show func(string)) []string {
	threshold := slices.Index(dss.SanityCheckSeverities, failOn)
	if len(report.Messages) == 0 {
		show("Sanity check: no finding")
	}
	var failures []string
	for _, msg := range report.Messages {
		line := sanityCheckLine(msg)
		show(line)
		rank := slices.Index(dss.SanityCheckSeverities, msg.Severity)
		// A severity DSS has that the provider does not know counts as an
		// error: the gate errs on the safe side.
		if rank < 0 {
			rank = len(dss.SanityCheckSeverities)
		}
		if report.Fatal || msg.IsFatal || rank >= threshold {
			failures = append(failures, line)
		}
	}
	if report.Fatal && len(report.Messages) == 0 {
		failures = append(failures, "DSS reports the sanity check as fatal, with no finding")
	}
	return failures
}

// sanityCheckLine is one finding as the action shows it:
// "SEVERITY [code] title: message (details)".
func sanityCheckLine(m dss.SanityCheckMessage) string {
	line := cmp.Or(m.Severity, "UNKNOWN")
	if m.Code != "" {
		line += " [" + m.Code + "]"
	}
	parts := []string{}
	for _, s := range []string{m.Title, m.Message} {
		if s != "" && !slices.Contains(parts, s) {
			parts = append(parts, s)
		}
	}
	if len(parts) > 0 {
		line += " " + strings.Join(parts, ": ")
	}
	if m.Details != "" && !slices.Contains(parts, m.Details) {
		line += " (" + m.Details + ")"
	}
	return line
}
