package deployer

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewProjectDeploymentUpdateAction returns the
// dataiku_project_deployment_update action.
func NewProjectDeploymentUpdateAction() action.Action {
	return &kit.Action[deploymentUpdateModel]{Name: "project_deployment_update", Run: invokeDeploymentUpdate,
		Summary: func(m *deploymentUpdateModel) string {
			return fmt.Sprintf("cannot update deployment %s", m.DeploymentID.ValueString())
		},
		ActionSchema: schema.Schema{MarkdownDescription: "Runs a Project Deployer deployment's update again and waits for it: the bundle its settings name is imported and activated " +
			"on the automation node once more, e.g. after a change made there by hand or a connection fixed on that node. The apply fails with DSS's " +
			"report when the update fails. Needs Terraform 1.14 or later (OpenTofu has no actions) and an administrator of the Project Deployer.",
			Attributes: map[string]schema.Attribute{
				"deployment_id": schema.StringAttribute{Required: true, MarkdownDescription: "Id of the deployment (`dataiku_project_deployment.x.deployment_id`)."},
				"timeout":       kit.ActionTimeoutAttribute("the update", ""),
			}},
	}
}

type deploymentUpdateModel struct {
	DeploymentID types.String `tfsdk:"deployment_id"`
	Timeout      types.String `tfsdk:"timeout"`
}

func invokeDeploymentUpdate(ctx context.Context, c *dss.Client, m *deploymentUpdateModel, _ string, resp *action.InvokeResponse) error {
	id := m.DeploymentID.ValueString()
	kit.Progress(resp, "Deployment %s: updating", id)
	if err := runDeploymentUpdate(ctx, c, id, kit.ActionTimeout(m.Timeout), actionFailedNext); err != nil {
		return err
	}
	st, err := c.GetDeploymentStatus(ctx, id)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("Deployment %s: bundle %s deployed, health %s", id, st.DeployedBundleID, st.Health)
	var notes []string
	for _, n := range st.HealthMessages.Messages {
		if n.Message != "" {
			notes = append(notes, n.Message)
		}
	}
	if len(notes) > 0 {
		msg += " (" + strings.Join(notes, "; ") + ")"
	}
	kit.Progress(resp, "%s", msg)
	return nil
}
