package deployer

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// A deployment naming an infrastructure of another stage kind (issue 28,
// "What bad input gets"). [I] In DSS terms: the infrastructure's stage is
// not one of the stages the Project Deployer has (GET
// /project-deployer/stages), e.g. a stage an administrator removed from
// the deployer's settings after the infrastructure was created. DSS keeps
// such an infrastructure, but a deployment to it belongs to no stage of
// the deployer. Refused at plan time only when it cannot be a false alarm:
// an infrastructure planned in the same apply is judged by its planned
// stage (skipped while unknown), one missing from DSS is left alone (the
// apply may create it), and a key that cannot read the deployer skips it.

// CheckPlan records the stage of a created or changed infrastructure, for
// the plan checks of the deployments on it (no request).
func (deployerInfraKind) CheckPlan(ctx context.Context, c kit.CheckReader, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var id, stage types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("id"), &id)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("stage"), &stage)...)
	if kit.Known(id) {
		c.NotePlannedInfraStage(id.ValueString(), stage.ValueString(), kit.Known(stage))
	}
}

// CheckPlan refuses a deployment to an infrastructure whose stage the
// deployer does not have. It reads only when the deployment is created or
// moves to another infrastructure: the infrastructure's settings and the
// stages (cached for the command).
func (deploymentKind) CheckPlan(ctx context.Context, c kit.CheckReader, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var dep, infra, priorInfra types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("deployment_id"), &dep)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("infra_id"), &infra)...)
	if resp.Diagnostics.HasError() || !kit.Known(infra) {
		return
	}
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("infra_id"), &priorInfra)...)
		if priorInfra.Equal(infra) {
			return
		}
	}
	id := infra.ValueString()
	stage := ""
	if planned, ok := c.PlannedInfraStage(id); ok {
		if !planned.Known {
			return
		}
		stage = planned.Stage
	} else {
		var settings struct {
			Stage string `json:"stage"`
		}
		if err := c.Client.Get(ctx, dss.Path("project-deployer", "infras", id, "settings"), nil, &settings); err != nil {
			kit.SkipCheck(ctx, "deployment infrastructure stage", err)
			return
		}
		stage = settings.Stage
	}
	stages, err := c.DeployerStageIDs(ctx, stage)
	if err != nil {
		kit.SkipCheck(ctx, "deployer stages", err)
		return
	}
	if slices.Contains(stages, stage) {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("infra_id"), fmt.Sprintf("Cannot plan dataiku_project_deployment %q", dep.ValueString()), fmt.Sprintf(
		"infra_id: infrastructure %q has stage %q, which is not a stage of the Project Deployer (GET /project-deployer/stages lists %s). "+
			"A deployment must go to an infrastructure of one of the deployer's stages. Nothing was changed. "+
			"Deploy to an infrastructure of a current stage, or give infrastructure %q one (dataiku_project_deployer_infra's stage).",
		id, stage, kit.QuotedOrNone(stages), id))
}
