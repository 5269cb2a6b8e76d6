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

// A project's push and pull, as actions: dataikuapi's DSSProjectGit push
// and pull [V] answer {success, logs, output} rather than an error when
// git fails, so the actions turn success false into a failed apply
// quoting DSS's output and logs.

type projectGitPushModel struct {
	ProjectKey    types.String `tfsdk:"project_key"`
	Branch        types.String `tfsdk:"branch"`
	CommitMessage types.String `tfsdk:"commit_message"`
}

type projectGitPullModel struct {
	ProjectKey types.String `tfsdk:"project_key"`
	Branch     types.String `tfsdk:"branch"`
}

func projectGitActionAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"project_key": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.RegexMatches(kit.ProjectKeyPattern, kit.ProjectKeyRule)},
			MarkdownDescription: "Key of the project whose repository is pushed or pulled."},
		"branch": schema.StringAttribute{Optional: true, Validators: nonBlankValidators(),
			MarkdownDescription: "The branch (DSS's `branchName`); by default the project's current branch."},
	}
}

// projectGitOutcome reports a push's or a pull's answer: its output as
// progress, and a failure (success false) as an error under summary.
func projectGitOutcome(resp *action.InvokeResponse, summary, what string, r *dss.ProjectGitResult) {
	if !r.Success {
		resp.Diagnostics.AddError(summary, fmt.Sprintf("DSS could not %s (git answered success = false):\n%s", what, r.Message()))
		return
	}
	kit.Progress(resp, "%s: done. %s", what, r.Output)
}

func projectGitSummary(verb string, key, branch types.String) string {
	s := fmt.Sprintf("cannot %s project %s", verb, key.ValueString())
	if b := branch.ValueString(); b != "" {
		s += " (branch " + b + ")"
	}
	return s
}

// NewProjectGitPushAction returns the dataiku_project_git_push action.
func NewProjectGitPushAction() action.Action {
	attrs := projectGitActionAttributes()
	attrs["commit_message"] = schema.StringAttribute{Optional: true, Validators: nonBlankValidators(),
		MarkdownDescription: "When set, the project's pending changes are committed with this message before the push (DSS's commit); " +
			"with nothing pending, no commit is made and the push goes on. When not set, only what is already committed is pushed."}
	return &kit.Action[projectGitPushModel]{Name: "project_git_push",
		ActionSchema: schema.Schema{MarkdownDescription: "Pushes a project's Git repository to its remote (`origin`, see `dataiku_project_git_remote`), " +
			"optionally committing its pending changes first: the CI step after a change to a project. " +
			"When git fails (no remote, a rejected push, an unreachable server) the apply fails with DSS's output and logs. " +
			"The key's user needs write access to the project. Trigger it from a resource's `lifecycle` (`action_trigger`) or a `terraform_data`, " +
			"or run it with `terraform apply -invoke`. Needs Terraform 1.14 or later (OpenTofu has no actions).",
			Attributes: attrs},
		Summary: func(m *projectGitPushModel) string { return projectGitSummary("push", m.ProjectKey, m.Branch) },
		Run: func(ctx context.Context, c *dss.Client, m *projectGitPushModel, summary string, resp *action.InvokeResponse) error {
			key := m.ProjectKey.ValueString()
			if msg := m.CommitMessage.ValueString(); msg != "" {
				if err := c.CommitProjectGit(ctx, key, msg); err != nil {
					return err
				}
				kit.Progress(resp, "Project %s: pending changes committed", key)
			}
			r, err := c.PushProjectGit(ctx, key, m.Branch.ValueString())
			if err != nil {
				return err
			}
			projectGitOutcome(resp, summary, "push project "+key, r)
			return nil
		},
	}
}

// NewProjectGitPullAction returns the dataiku_project_git_pull action.
func NewProjectGitPullAction() action.Action {
	return &kit.Action[projectGitPullModel]{Name: "project_git_pull",
		ActionSchema: schema.Schema{MarkdownDescription: "Pulls a project's Git repository from its remote and rebases the project's own commits on what it fetched " +
			"(DSS's pull with rebase); with nothing new it succeeds and changes nothing. When git fails (no remote, a conflict, an unreachable server) " +
			"the apply fails with DSS's output and logs. The key's user needs write access to the project. Trigger it from a resource's `lifecycle` " +
			"(`action_trigger`) or a `terraform_data`, or run it with `terraform apply -invoke`. Needs Terraform 1.14 or later (OpenTofu has no actions).",
			Attributes: projectGitActionAttributes()},
		Summary: func(m *projectGitPullModel) string { return projectGitSummary("pull", m.ProjectKey, m.Branch) },
		Run: func(ctx context.Context, c *dss.Client, m *projectGitPullModel, summary string, resp *action.InvokeResponse) error {
			key := m.ProjectKey.ValueString()
			r, err := c.PullProjectGit(ctx, key, m.Branch.ValueString())
			if err != nil {
				return err
			}
			projectGitOutcome(resp, summary, "pull project "+key, r)
			return nil
		},
	}
}
