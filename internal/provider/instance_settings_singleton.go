package provider

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"weak"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Singletons: dataiku_instance_settings and dataiku_instance_variables each
// describe one document of the whole DSS instance, so two instances of one
// of them in a configuration would fight over it, each apply undoing the
// other. The framework shows a resource nothing of the other resource
// blocks, so the check counts plans instead.
//
// Terraform configures a provider once per graph walk (plan, apply), on a
// fresh process or, when the provider is served in-process (the acceptance
// tests), with a fresh Configure on the same server; within a walk it plans
// each resource instance once (PlanResourceChange). Configure builds a new
// *providerData each time, so counting the plans of a type per
// *providerData counts the instances of that type the walk holds for one
// provider configuration: a second one is an error. Plans of a destroy
// (null configuration) are not counted. Two provider configurations (two
// aliases) get two counts: they usually target two DSS instances, and when
// they target the same one the check cannot see it (documented).

// singletonPlans counts, per configured provider, the planned instances of
// each singleton type. Keys are weak, so a provider configuration that is
// gone takes its counts with it.
var singletonPlans sync.Map // weak.Pointer[providerData] → *singletonCount

type singletonCount struct {
	mu     sync.Mutex
	counts map[string]int
}

// countSingletonPlan records one plan of typeName for data and returns how
// many instances of it the walk has planned so far, this one included.
func countSingletonPlan(data *providerData, typeName string) int {
	key := weak.Make(data)
	v, loaded := singletonPlans.LoadOrStore(key, &singletonCount{counts: map[string]int{}})
	if !loaded {
		runtime.AddCleanup(data, func(k weak.Pointer[providerData]) { singletonPlans.Delete(k) }, key)
	}
	c, _ := v.(*singletonCount)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts[typeName]++
	return c.counts[typeName]
}

// singletonResource is a kit resource with the singleton check added to
// its plan.
type singletonResource[M any] struct {
	*kitResource[M]
	data *providerData
}

var (
	_ resource.ResourceWithConfigure      = (*singletonResource[struct{}])(nil)
	_ resource.ResourceWithImportState    = (*singletonResource[struct{}])(nil)
	_ resource.ResourceWithModifyPlan     = (*singletonResource[struct{}])(nil)
	_ resource.ResourceWithValidateConfig = (*singletonResource[struct{}])(nil)
)

func newSingletonResource[M any](k kind[M]) resource.Resource {
	return &singletonResource[M]{kitResource: &kitResource[M]{kind: k}}
}

func (r *singletonResource[M]) Configure(ctx context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.kitResource.Configure(ctx, req, resp)
	r.data, _ = req.ProviderData.(*providerData)
}

func (r *singletonResource[M]) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.kitResource.ModifyPlan(ctx, req, resp)
	// A destroy, or a provider not configured yet (nothing to count
	// against: the next walk checks).
	if req.Plan.Raw.IsNull() || req.Config.Raw.IsNull() || r.data == nil {
		return
	}
	typeName := r.kind.typeName()
	if n := countSingletonPlan(r.data, typeName); n > 1 {
		resp.Diagnostics.AddError("Only one "+typeName+" per DSS instance", fmt.Sprintf(
			"This configuration declares %s at least %d times for the same provider configuration (two resource blocks, or count or for_each making more than one instance). "+
				"It manages a single document of the whole DSS instance, so several instances would overwrite each other on every apply. "+
				"Keep one resource block, without count or for_each, and put every key in it.", typeName, n))
	}
}
