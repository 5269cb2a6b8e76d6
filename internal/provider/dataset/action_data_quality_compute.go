package dataset

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewDataQualityComputeAction returns the dataiku_data_quality_compute
// action.
func NewDataQualityComputeAction() action.Action {
	return &kit.Action[dataQualityComputeModel]{Name: "data_quality_compute", Run: invokeDataQualityCompute,
		Summary: func(m *dataQualityComputeModel) string {
			return fmt.Sprintf("cannot compute the rules of %s.%s", m.ProjectKey.ValueString(), m.DatasetName.ValueString())
		},
		ActionSchema: schema.Schema{MarkdownDescription: "Computes a dataset's data-quality rules (`dataiku_data_quality_rule`) and waits for DSS, reporting each rule's outcome. " +
			"The apply fails when a rule ends in `ERROR` (or `WARNING`, with `fail_on = \"WARNING\"`), listing each failing rule with its message. " +
			"On a DSS without data-quality rules it computes the dataset's metrics and runs its checks instead, reading each check's outcome as a rule's. " +
			"Needs Terraform 1.14 or later (OpenTofu has no actions).",
			Attributes: map[string]schema.Attribute{
				"project_key":  schema.StringAttribute{Required: true, MarkdownDescription: "Key of the dataset's project."},
				"dataset_name": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the dataset whose rules to compute."},
				"fail_on": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("ERROR", "WARNING")},
					MarkdownDescription: "The mildest rule outcome that fails the apply: `ERROR` (default) or `WARNING` (stricter)."},
			}},
	}
}

type dataQualityComputeModel struct {
	ProjectKey  types.String `tfsdk:"project_key"`
	DatasetName types.String `tfsdk:"dataset_name"`
	FailOn      types.String `tfsdk:"fail_on"`
}

// Rule outcomes DSS reports, mildest first [V DSSDataQualityRuleResult].
var ruleOutcomeRank = map[string]int{"OK": 0, "EMPTY": 0, "WARNING": 1, "ERROR": 2}

func invokeDataQualityCompute(ctx context.Context, c *dss.Client, m *dataQualityComputeModel, _ string, resp *action.InvokeResponse) error {
	key, name := m.ProjectKey.ValueString(), m.DatasetName.ValueString()
	failOn := "ERROR"
	if v := m.FailOn.ValueString(); v != "" {
		failOn = v
	}
	// The dataset first: an unknown one fails with DSS's message before
	// anything is computed.
	if err := c.Get(ctx, dss.Path("projects", key, "datasets", name), nil, nil); err != nil {
		return err
	}
	kit.Progress(resp, "Dataset %s.%s: computing its data-quality rules", key, name)
	wctx, cancel := context.WithTimeout(ctx, kit.FutureActionTimeout)
	defer cancel()
	var results []dss.DataQualityResult
	_, err := c.ComputeDataQualityRules(wctx, key, name, "", "")
	switch {
	case rulesUnsupported(err):
		// A DSS before data-quality rules: its metrics and checks are
		// what it has.
		kit.Progress(resp, "Dataset %s.%s: this DSS has no data-quality rules; computing its metrics and checks", key, name)
		results, err = computeMetricsAndChecks(wctx, c, key, name)
	case err == nil:
		results, err = c.LastDataQualityResults(ctx, key, name, "")
	}
	if err != nil {
		return err
	}
	var failing []string
	for _, r := range results {
		label := r.Name
		if label == "" {
			label = r.ID
		}
		kit.Progress(resp, "Dataset %s.%s: rule %q %s", key, name, label, r.Outcome)
		rank, known := ruleOutcomeRank[r.Outcome]
		if !known || rank >= ruleOutcomeRank[failOn] {
			line := fmt.Sprintf("- %q (%s): %s", label, r.ID, r.Outcome)
			if r.Message != "" {
				line += ": " + r.Message
			}
			failing = append(failing, line)
		}
	}
	if len(results) == 0 {
		kit.Progress(resp, "Dataset %s.%s: no data-quality rules to compute", key, name)
	}
	if len(failing) > 0 {
		resp.Diagnostics.AddError(fmt.Sprintf("dataiku_data_quality_compute: %d rule(s) of %s.%s failed", len(failing), key, name),
			fmt.Sprintf("Rules ending %s or worse:\n%s", failOn, strings.Join(failing, "\n")))
	}
	return nil
}

// rulesUnsupported reports whether DSS answered the rules computation as
// an API it does not have: a 404 on the compute-rules endpoint itself
// (the dataset was checked first, so it is not the dataset missing).
func rulesUnsupported(err error) bool {
	var apiErr *dss.APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound && strings.HasSuffix(apiErr.Path, "/data-quality/actions/compute-rules")
}

// computeMetricsAndChecks computes a dataset's metrics, then runs its
// checks, and reads each check's outcome as a rule's.
func computeMetricsAndChecks(ctx context.Context, c *dss.Client, key, name string) ([]dss.DataQualityResult, error) {
	if _, err := c.ComputeDatasetMetrics(ctx, key, name, ""); err != nil {
		return nil, err
	}
	raw, err := c.RunDatasetChecks(ctx, key, name, "")
	if err != nil {
		return nil, err
	}
	var report struct {
		Results []struct {
			Check struct {
				Meta struct {
					Name string `json:"name"`
				} `json:"meta"`
			} `json:"check"`
			Value struct {
				Outcome string `json:"outcome"`
				Message string `json:"message"`
			} `json:"value"`
		} `json:"results"`
	}
	if err := json.Unmarshal(raw, &report); err != nil {
		return nil, fmt.Errorf("decoding DSS's checks report: %w", err)
	}
	out := make([]dss.DataQualityResult, 0, len(report.Results))
	for _, r := range report.Results {
		out = append(out, dss.DataQualityResult{ID: "check", Name: r.Check.Meta.Name, Outcome: r.Value.Outcome, Message: r.Value.Message})
	}
	return out, nil
}
