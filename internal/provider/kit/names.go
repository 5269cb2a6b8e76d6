package kit

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// ProjectKeyPattern is DSS's project key rule as the provider checks it at
// plan time (internal/dss/names, shared with the emulator): letters,
// digits and underscores, with no length limit, since DSS documents none
// (issue 23: the provider once refused a 67-character key DSS holds). DSS
// remains the final judge.
var ProjectKeyPattern = names.ProjectKeyPattern

// No name, label or tag has a length limit at plan time: neither DSS's
// reference nor Dataiku's client documents one (dss-api.md §6.3 lists the
// identifier rules, none a length), and one DSS accepted must always be
// managed and imported, so DSS alone judges a long one. A kind refuses
// what DSS cannot hold: an empty name, a slash in a path segment.

const ProjectKeyRule = "must " + names.ProjectKeyRule

// unmanagedWhenNullRule is what UnmanagedWhenNull plans.
const unmanagedWhenNullRule = "When not configured, the value in state is kept and Terraform leaves it alone in DSS."

// UnmanagedWhenNull is the plan modifier of optional+computed attributes
// where null means "Terraform does not manage this": with no value in the
// configuration the plan keeps whatever the state holds (null on create),
// so an unmanaged attribute never shows as "(known after apply)" and never
// causes a diff. A configured value, even one unknown until apply, is
// planned as configured.
var UnmanagedWhenNull = StringPlan(unmanagedWhenNullRule, func(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	planUnmanagedWhenNull(req.ConfigValue, req.StateValue, req.Plan.Raw, req.State.Raw, types.StringNull, &resp.PlanValue)
})

// UnmanagedSetWhenNull is UnmanagedWhenNull for a set.
var UnmanagedSetWhenNull = SetPlan(unmanagedWhenNullRule, func(ctx context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
	planUnmanagedWhenNull(req.ConfigValue, req.StateValue, req.Plan.Raw, req.State.Raw,
		func() types.Set { return types.SetNull(req.PlanValue.ElementType(ctx)) }, &resp.PlanValue)
})

// UnmanagedListWhenNull is UnmanagedWhenNull for a list.
var UnmanagedListWhenNull = ListPlan(unmanagedWhenNullRule, func(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	planUnmanagedWhenNull(req.ConfigValue, req.StateValue, req.Plan.Raw, req.State.Raw,
		func() types.List { return types.ListNull(req.PlanValue.ElementType(ctx)) }, &resp.PlanValue)
})

// planUnmanagedWhenNull is UnmanagedWhenNull's rule for an attribute of
// any type: a configured value, known or not, is planned as configured;
// a null one plans the state, or null (the attribute type's, from null)
// on create, and nothing on destroy (plan null).
func planUnmanagedWhenNull[V nullableValue](config, state V, plan, prior tftypes.Value, null func() V, planned *V) {
	if config.IsUnknown() {
		*planned = config
		return
	}
	if !config.IsNull() || plan.IsNull() {
		return
	}
	if prior.IsNull() {
		*planned = null()
		return
	}
	*planned = state
}

// nullableValue is a framework value of any type: null, unknown or known.
type nullableValue interface {
	IsNull() bool
	IsUnknown() bool
}
