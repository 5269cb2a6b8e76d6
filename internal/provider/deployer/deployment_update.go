package deployer

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// What the deployments of both deployers share: DSS's update after their
// settings are written (a future the apply waits for), the state a failed
// update leaves, and the health that makes the next plan run it again.

const defaultDeploymentUpdateTimeout = 30 * time.Minute

// runUpdate runs deployment id's update (update, which waits for DSS's
// future) under timeout and words its failure, ending with next: what the
// caller's failure leaves and what runs the update again.
func runUpdate(ctx context.Context, id string, timeout time.Duration, update func(ctx context.Context, id string) error, next string) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	err := update(ctx, id)
	switch {
	case err == nil:
		return nil
	case dss.IsFutureTimeout(err):
		return fmt.Errorf("the update of deployment %s did not finish within %s: %w. Raise the timeouts if updates take longer. %s", id, timeout, err, next)
	}
	return fmt.Errorf("the update of deployment %s failed: %w. %s", id, err, next)
}

// What a failed update leaves, by what ran it.
const (
	// An update of the resource: the state holds the new settings with
	// the health that makes the next plan run the update again.
	updateFailedNext = "Its settings are saved; the next apply runs the update again."
	// A creation: Terraform marks a resource whose create failed tainted,
	// so the next apply replaces it rather than updating it.
	createFailedNext = "The deployment exists with its settings, but Terraform marks a resource whose creation failed as tainted: " +
		"the next apply deletes it (disabling it first) and creates it again, which runs the update again."
	// A destroy: the deployment is disabled, not deleted.
	deleteFailedNext = "The deployment is disabled and still exists; the next destroy runs the update again, then deletes it."
	// An action: nothing in the state depends on it.
	actionFailedNext = "The deployment's settings are unchanged."
)

// runDeploymentUpdate runs a Project Deployer deployment's update.
func runDeploymentUpdate(ctx context.Context, c *dss.Client, id string, timeout time.Duration, next string) error {
	return runUpdate(ctx, id, timeout, c.UpdateDeployment, next)
}

// healthMessageList is DSS's health messages as health_messages shows
// them: each message's text, or its title when it has none.
func healthMessageList(msgs []dss.Message) types.List {
	out := []attr.Value{}
	for _, msg := range msgs {
		if text := cmp.Or(msg.Message, msg.Title); text != "" {
			out = append(out, types.StringValue(text))
		}
	}
	return types.ListValueMust(types.StringType, out)
}

// updateFixes are the healths a deployment's update can fix, which make
// the next plan run it again. dataikuapi's get_health (projectdeployer.py)
// lists UNKNOWN, ERROR, WARNING, HEALTHY, UNHEALTHY and OUT_OF_SYNC [V];
// apideployer.py's reads the same status field, without a list.
// OUT_OF_SYNC is settings saved but not deployed; ERROR is a last update
// that failed (the provider records ERROR itself when an update fails).
// WARNING and UNHEALTHY come from what is deployed, and UNKNOWN from a
// deployment DSS cannot judge (disabled, a node that cannot be reached):
// an update changes none of them, and replanning on them would plan an
// update forever. They stay visible in health and health_messages.
var updateFixes = []string{"OUT_OF_SYNC", "ERROR"}

// healthReplanDoc is the rule of updateFixes in the deployments' health
// descriptions.
const healthReplanDoc = "`OUT_OF_SYNC` and `ERROR` make the next plan run the update again; " +
	"the others plan nothing, since an update does not change them."

// replanWhenUnhealthy is a deployment's ModifyPlan: when the last update
// left it in a health an update fixes (updateFixes), the plan runs the
// update again, and health, health_messages and the other attributes the
// update sets (also) become unknown until the apply.
func replanWhenUnhealthy(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, also ...string) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var health types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("health"), &health)...)
	if !slices.Contains(updateFixes, health.ValueString()) {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("health"), types.StringUnknown())...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("health_messages"), types.ListUnknown(types.StringType))...)
	for _, a := range also {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(a), types.StringUnknown())...)
	}
}

// deploymentUpdate is how a deployment kind's update runs and is read.
type deploymentUpdate[M any] struct {
	// Run runs deployment id's update and waits for it.
	Run func(ctx context.Context, id string) error
	// Failed makes prior, the state an update that fails leaves, the plan
	// (DSS holds its settings now) with the health of a failed update.
	Failed func(prior, plan *M)
	// ReadStatus reads the deployment's health into m, changing nothing
	// when it fails.
	ReadStatus func(ctx context.Context, m *M) error
}

// updateAfterSettings is the end of a deployment's apply, once its
// settings are written: the update, waited for under the create or update
// timeout. A failed update leaves the new settings in the state, with the
// health DSS reports (or ERROR), which makes the next plan retry it: a
// deployment is never recorded as deployed when it is not.
func updateAfterSettings[M any](ctx context.Context, op *kit.ApplyOp[M], t timeouts.Value, id string, u deploymentUpdate[M]) {
	if op.Prior != nil {
		u.Failed(op.Prior, op.Plan)
	}
	timeout, d := t.Create(ctx, defaultDeploymentUpdateTimeout)
	if op.Prior != nil {
		timeout, d = t.Update(ctx, defaultDeploymentUpdateTimeout)
	}
	if op.Diags.Append(d...); d.HasError() {
		return
	}
	next := createFailedNext
	if op.Prior != nil {
		next = updateFailedNext
	}
	if err := runUpdate(ctx, id, timeout, u.Run, next); err != nil {
		if op.Prior != nil {
			_ = u.ReadStatus(ctx, op.Prior) // the ERROR health stays when unreadable
		}
		op.Fail(err)
		return
	}
	op.Fail(u.ReadStatus(ctx, op.Plan))
}
