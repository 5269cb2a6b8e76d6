package kit

import (
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Arguments DSS never sees (deletion_protection, timeouts, a kind's
// StateOnlyAttrs): a change of them alone is Terraform's and the
// provider's business, planned as the prior state with their new values
// and applied without a request.

// kindWithStateOnlyAttrs is a kind with arguments DSS never holds: sent
// with the delete only (ignore_pre_delete_errors), or steering what the
// provider does at destroy. Like deletion_protection and timeouts, which
// any kind may have, a change of them alone plans and applies without
// DSS (stateOnlyAttrs).
type kindWithStateOnlyAttrs interface {
	StateOnlyAttrs() []string
}

// stateOnlyAttrs are kind's top-level attributes that DSS never sees.
func stateOnlyAttrs(kind any) []string {
	attrs := []string{DeletionProtectionAttributeName, "timeouts"}
	if k, ok := kind.(kindWithStateOnlyAttrs); ok {
		attrs = append(attrs, k.StateOnlyAttrs()...)
	}
	return attrs
}

// stateOnlyPath reports whether p is one of attrs (top-level attributes).
func stateOnlyPath(p *tftypes.AttributePath, attrs []string) bool {
	steps := p.Steps()
	if len(steps) != 1 {
		return false
	}
	name, ok := steps[0].(tftypes.AttributeName)
	return ok && slices.Contains(attrs, string(name))
}

// valueAt is v's value at p; ok is false where v has none.
func valueAt(v tftypes.Value, p *tftypes.AttributePath) (tftypes.Value, bool) {
	w, _, err := tftypes.WalkAttributePath(v, p)
	if err != nil {
		return tftypes.Value{}, false
	}
	value, ok := w.(tftypes.Value)
	return value, ok
}

// onlyStateOnlyChanged reports whether an update's plan differs from the
// prior state in attrs alone, and does differ; a plan with an unknown
// value (something DSS computes again) does not.
func onlyStateOnlyChanged(attrs []string, plan, prior tftypes.Value) bool {
	rest, err := tftypes.Transform(plan, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if held, ok := valueAt(prior, p); ok && stateOnlyPath(p, attrs) {
			return held, nil
		}
		return v, nil
	})
	return err == nil && !plan.Equal(prior) && rest.Equal(prior)
}

// stateOnlyChanged reports whether plan gives one of attrs a known value
// other than prior's.
func stateOnlyChanged(attrs []string, plan, prior tftypes.Value) bool {
	for _, a := range attrs {
		at := tftypes.NewAttributePath().WithAttributeName(a)
		planned, ok1 := valueAt(plan, at)
		held, ok2 := valueAt(prior, at)
		if ok1 && ok2 && planned.IsFullyKnown() && !planned.Equal(held) {
			return true
		}
	}
	return false
}

// planStateOnlyChange makes the plan of a change of attrs alone the prior
// state with their new values. The framework marks every computed
// attribute unknown once anything changes, and a kind whose apply runs
// DSS work on unknown results (a deployment's health: an update) would
// run it for a change DSS never sees. The kinds' own plan hooks run
// after, so a retry they plan (an update after a failed one) still
// happens.
func planStateOnlyChange(attrs []string, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	plan, prior, config := req.Plan.Raw, req.State.Raw, req.Config.Raw
	if plan.IsNull() || prior.IsNull() || !stateOnlyChanged(attrs, plan, prior) {
		return
	}
	// The plan with attrs as held, and each unknown the configuration does
	// not set (a computed value the framework marked) as held: the prior
	// state when nothing else changes. An unknown the configuration sets
	// (a reference to what this apply creates) is a change.
	rest, err := tftypes.Transform(plan, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		held, ok := valueAt(prior, p)
		if !ok {
			return v, nil
		}
		if stateOnlyPath(p, attrs) {
			return held, nil
		}
		if configured, set := valueAt(config, p); !v.IsKnown() && (!set || configured.IsNull()) {
			return held, nil
		}
		return v, nil
	})
	if err != nil || !rest.Equal(prior) {
		return
	}
	newPlan, err := tftypes.Transform(prior, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if planned, ok := valueAt(plan, p); ok && stateOnlyPath(p, attrs) {
			return planned, nil
		}
		return v, nil
	})
	if err == nil {
		resp.Plan.Raw = newPlan
	}
}

// planNoChangeAsPrior makes a plan that changes nothing the prior state.
// The framework marks every computed attribute unknown as soon as the
// configuration differs from the state, before the attributes' plan
// modifiers run; when those then plan the prior value (a free object's
// settings = {} after { k = "v" }: it writes no key, so the state keeps
// what it holds, HCLObjectKeysPlan), the unknowns stayed: an update that
// writes nothing, planned again after every apply (id and versions known
// after apply, forever). Each unknown the configuration does not set is
// the prior's value again when nothing else differs; an unknown the
// configuration sets (a reference to what this apply creates) is a change.
func planNoChangeAsPrior(req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	plan, prior, config := resp.Plan.Raw, req.State.Raw, req.Config.Raw
	if plan.IsNull() || prior.IsNull() || plan.Equal(prior) {
		return
	}
	rest, err := tftypes.Transform(plan, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		held, ok := valueAt(prior, p)
		if !ok || v.IsKnown() {
			return v, nil
		}
		if configured, set := valueAt(config, p); !set || configured.IsNull() {
			return held, nil
		}
		return v, nil
	})
	if err == nil && rest.Equal(prior) {
		resp.Plan.Raw = prior
	}
}
