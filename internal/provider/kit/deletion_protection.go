package kit

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// DeletionProtection is embedded in the model of a kind whose deletion
// loses what Terraform does not hold (a project's Flow, notebooks and
// dashboards; the datasets that use a connection), with
// DeletionProtectionAttribute in its schema. The kit owns it: it is
// Terraform's alone, never sent to DSS nor read from it, and it lives in
// the state, which is what lifecycle { prevent_destroy } cannot do: that
// one goes with the resource block, so removing the block (or the module
// call that holds it) deletes the object.
type DeletionProtection struct {
	DeletionProtection types.Bool `tfsdk:"deletion_protection"`
}

func (p *DeletionProtection) deletionProtection() *types.Bool { return &p.DeletionProtection }

// protectable is a model that embeds DeletionProtection.
type protectable interface{ deletionProtection() *types.Bool }

// DeletionProtectionAttributeName is the attribute's name, for data
// sources that leave it out and for dss-adopt's defaults.
const DeletionProtectionAttributeName = "deletion_protection"

// DeletionProtectionAttribute is the schema attribute of DeletionProtection;
// what names the object and what its deletion loses ("the project and
// everything in it").
func DeletionProtectionAttribute(what string) schema.BoolAttribute {
	return OptionalBool(false, fmt.Sprintf("Whether Terraform refuses to delete %s. With `true`, a plan that would delete it "+
		"(`terraform destroy`, or its resource block or module call removed from the configuration) fails, and so does an apply that would "+
		"replace it. It is kept in the state, not in DSS, so unlike `lifecycle { prevent_destroy = true }` it still holds when the block is gone. "+
		"To delete the object, set it to `false` and apply first. To stop managing the object without deleting it, use a `removed` block "+
		"with `lifecycle { destroy = false }`. Default `false`. Changing it changes nothing in DSS. It takes effect once the object is created: "+
		"an object whose creation failed half-way (tainted) is not protected, so that the next apply can replace it.", what))
}

// protectedModel reports whether m, a model, holds deletion_protection = true.
func protectedModel(m any) bool {
	p, ok := m.(protectable)
	return ok && p.deletionProtection().ValueBool()
}

// keepDeletionProtection gives m the deletion_protection of from (the
// prior state on a read, the plan on a create or update), false when from
// has none (an import): DSS knows nothing of it, so whatever a kind's
// conversion from DSS left there is not its value.
func keepDeletionProtection(m, from any) {
	p, ok := m.(protectable)
	if !ok {
		return
	}
	v := types.BoolValue(false)
	if f, ok := from.(protectable); ok && Known(*f.deletionProtection()) {
		v = *f.deletionProtection()
	}
	*p.deletionProtection() = v
}

// refuseProtectedDestroy fails the plan of a protected object's deletion:
// a destroy plan is one whose planned state is null.
func refuseProtectedDestroy[M any](ctx context.Context, labelOf func(*M) string, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) bool {
	// Only a kind that embeds DeletionProtection has the state decoded:
	// every other kind's destroy plan costs nothing more.
	if _, ok := any(new(M)).(protectable); !ok || !req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return false
	}
	var state M
	if req.State.Get(ctx, &state).HasError() || !protectedModel(&state) {
		return false
	}
	label := labelOf(&state)
	resp.Diagnostics.AddAttributeError(path.Root(DeletionProtectionAttributeName), "Cannot delete "+label+": deletion_protection is on",
		fmt.Sprintf("The state of %s holds deletion_protection = true, and this plan would delete it (terraform destroy, or its resource block "+
			"or module call removed from the configuration). To delete it, set deletion_protection = false in its configuration and apply, then "+
			"destroy or remove it. To stop managing it without deleting it, use a removed block with lifecycle { destroy = false }.", label))
	return true
}

// refuseProtectedDelete fails the deletion of a protected object at apply:
// what the plan could not see, a replacement, which deletes the object
// first. Nothing is deleted.
func refuseProtectedDelete(label string, m any, diags *diag.Diagnostics) bool {
	if !protectedModel(m) {
		return false
	}
	diags.AddAttributeError(path.Root(DeletionProtectionAttributeName), "Cannot delete "+label+": deletion_protection is on",
		fmt.Sprintf("The state of %s holds deletion_protection = true, and this apply would delete it: a replacement (a change of an argument "+
			"that cannot change in place, or -replace) deletes the object before creating the new one. Nothing was deleted. To replace it, "+
			"set deletion_protection = false and apply first; otherwise change the argument back.", label))
	return true
}
