package project

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// A code studio's start and stop, as actions: DSS answers each with a
// future (dss/codestudio.py restart, stop [V]), followed until it ends.

type codeStudioActionModel struct {
	ProjectKey   types.String `tfsdk:"project_key"`
	CodeStudioID types.String `tfsdk:"code_studio_id"`
}

// codeStudioAction is the action that calls start (RestartCodeStudio or
// StopCodeStudio) on a studio: its type name, what it does, what its
// errors say it cannot do, and its progress messages' verb.
func codeStudioAction(name, does, cannot, doing string, start func(ctx context.Context, c *dss.Client, projectKey, id string) (*dss.Future, error)) action.Action {
	nonBlank := []validator.String{stringvalidator.LengthAtLeast(1)}
	return &kit.Action[codeStudioActionModel]{Name: name,
		ActionSchema: schema.Schema{MarkdownDescription: does + " DSS does it as a task, which the action follows until it ends; a failure fails the apply with DSS's messages, " +
			"and an interrupt aborts the task. The key's user needs write access to the project (DSS lets a project's administrators start and stop studios they do not own). " +
			"Trigger it from a `dataiku_code_studio`'s `lifecycle` (`action_trigger`) or a `terraform_data`, or run it with `terraform apply -invoke`. " +
			"Needs Terraform 1.14 or later (OpenTofu has no actions).",
			Attributes: map[string]schema.Attribute{
				"project_key":    schema.StringAttribute{Required: true, Validators: nonBlank, MarkdownDescription: "Key of the code studio's project."},
				"code_studio_id": schema.StringAttribute{Required: true, Validators: nonBlank, MarkdownDescription: "Id of the code studio (`dataiku_code_studio.x.id`), not its name."},
			}},
		Summary: func(m *codeStudioActionModel) string {
			return fmt.Sprintf("cannot %s code studio %s.%s", cannot, m.ProjectKey.ValueString(), m.CodeStudioID.ValueString())
		},
		Run: func(ctx context.Context, c *dss.Client, m *codeStudioActionModel, summary string, resp *action.InvokeResponse) error {
			key, id := m.ProjectKey.ValueString(), m.CodeStudioID.ValueString()
			f, err := start(ctx, c, key, id)
			if err != nil {
				return err
			}
			return kit.FollowFuture(ctx, c, f, summary, resp, "Code studio "+key+"."+id, doing)
		},
	}
}

// NewCodeStudioRestartAction returns the dataiku_code_studio_restart
// action.
func NewCodeStudioRestartAction() action.Action {
	return codeStudioAction("code_studio_restart",
		"Starts a code studio, or restarts it when it runs (its pod is made anew from the template's image), as its \"Start\" and \"Restart\" buttons do.",
		"restart", "starting", func(ctx context.Context, c *dss.Client, key, id string) (*dss.Future, error) {
			return c.RestartCodeStudio(ctx, key, id)
		})
}

// NewCodeStudioStopAction returns the dataiku_code_studio_stop action.
func NewCodeStudioStopAction() action.Action {
	return codeStudioAction("code_studio_stop",
		"Stops a running code studio, as its \"Stop\" button does (files of its pod that were not synchronized back to DSS are lost); a stopped studio stays stopped.",
		"stop", "stopping", func(ctx context.Context, c *dss.Client, key, id string) (*dss.Future, error) {
			return c.StopCodeStudio(ctx, key, id)
		})
}
