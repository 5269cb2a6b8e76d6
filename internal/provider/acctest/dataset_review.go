package acctest

import (
	"context"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// PlanCheckFunc runs a function as a plan check: a hook between the plan
// and the apply.
type PlanCheckFunc func()

func (f PlanCheckFunc) CheckPlan(context.Context, plancheck.CheckPlanRequest, *plancheck.CheckPlanResponse) {
	f()
}
