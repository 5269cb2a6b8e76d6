package acctest

import (
	"context"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// PlanCheckFunc runs a function as a plan check: a hook between the plan
// and the apply.
type PlanCheckFunc func()

func (f PlanCheckFunc) CheckPlan(context.Context, plancheck.CheckPlanRequest, *plancheck.CheckPlanResponse) {
	f()
}

// PlanAssert is a plan check written as a function of the plan: its error
// fails the step. For what plancheck's own checks cannot say (a forget).
type PlanAssert func(plan *tfjson.Plan) error

func (f PlanAssert) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f(req.Plan)
}
