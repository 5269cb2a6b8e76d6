package kit

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
	"weak"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Singletons: dataiku_instance_settings and dataiku_instance_variables each
// describe one document of the whole DSS instance, so two instances of one
// of them in a configuration would fight over it, each apply undoing the
// other; so would two execution configs of one name, or two execution
// defaults of one project (the kinds count their plans under a name that
// holds the key). The framework shows a resource nothing of the other resource
// blocks, so the check counts plans instead.
//
// Terraform configures a provider once per graph walk (plan, apply), on a
// fresh process or, when the provider is served in-process (the acceptance
// tests), with a fresh Configure on the same server; within a walk it plans
// each resource instance once (PlanResourceChange). Configure builds a new
// *ProviderData each time, so counting the plans of a type per
// *ProviderData counts the instances of that type the walk holds for one
// provider configuration: a second one is an error. Plans of a destroy
// (null configuration) are not counted. Two provider configurations (two
// aliases) get two counts: they usually target two DSS instances, and when
// they target the same one the check cannot see it (documented).

// SingletonPlans counts, per configured provider, the planned instances of
// each singleton type. Keys are weak, so a provider configuration that is
// gone takes its counts with it.
var SingletonPlans sync.Map // weak.Pointer[ProviderData] → *singletonCount

type singletonCount struct {
	mu     sync.Mutex
	counts map[string]int
	tokens map[string]bool // the plan tokens issued in this walk
}

// CountSingletonPlan records one plan of TypeName for data and returns how
// many instances of it the walk has planned so far, this one included.
//
// Terraform plans one instance twice in a walk when it replaces it (-replace,
// a tainted instance): again with a null prior state, passing the private
// data of the first plan. So each counted plan gets a token, returned to be
// kept in the plan's private data, and a plan that arrives with a token
// issued in this walk is the same instance again: not counted. A token
// from an earlier walk (in the state's private data) is not one of these.
func CountSingletonPlan(data *ProviderData, typeName string, priorToken string) (n int, token string) {
	key := weak.Make(data)
	v, loaded := SingletonPlans.LoadOrStore(key, &singletonCount{counts: map[string]int{}, tokens: map[string]bool{}})
	if !loaded {
		runtime.AddCleanup(data, func(k weak.Pointer[ProviderData]) { SingletonPlans.Delete(k) }, key)
	}
	c, _ := v.(*singletonCount)
	c.mu.Lock()
	defer c.mu.Unlock()
	if priorToken != "" && c.tokens[priorToken] {
		return c.counts[typeName], priorToken
	}
	token = rand.Text()
	c.tokens[token] = true
	c.counts[typeName]++
	return c.counts[typeName], token
}

// singletonPrivateKey is the private-data key holding the plan token.
const singletonPrivateKey = "singleton_plan"

// CheckSingletonPlan is the plan check of a singleton kind: data is the
// provider's configuration for this walk (nil before it is configured).
func CheckSingletonPlan(ctx context.Context, data *ProviderData, typeName string, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	// A destroy, or a provider not configured yet (nothing to count
	// against: the next walk checks).
	if req.Plan.Raw.IsNull() || req.Config.Raw.IsNull() || data == nil {
		return
	}
	var prior string
	if req.Private != nil {
		if b, _ := req.Private.GetKey(ctx, singletonPrivateKey); len(b) > 0 {
			_ = json.Unmarshal(b, &prior)
		}
	}
	n, token := CountSingletonPlan(data, typeName, prior)
	if resp.Private != nil {
		b, _ := json.Marshal(token)
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, singletonPrivateKey, b)...)
	}
	if n > 1 {
		resp.Diagnostics.AddError("Only one "+typeName+" per DSS instance", fmt.Sprintf(
			"This configuration declares %s at least %d times for the same provider configuration (two resource blocks, or count or for_each making more than one instance). "+
				"It manages a single document of the whole DSS instance, so several instances would overwrite each other on every apply. "+
				"Keep one resource block, without count or for_each, and put every key in it.", typeName, n))
	}
}

// CheckKeyedSingletonPlan is CheckSingletonPlan for one object of a kind
// named by key (an execution config's name, a project's execution
// defaults): a second plan of typeName and key in the walk is an error on
// attribute at, saying summary and detail. A destroy, or a provider not
// configured yet, is not counted.
func CheckKeyedSingletonPlan(ctx context.Context, data *ProviderData, typeName, key string, at path.Path, summary, detail string,
	req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
) {
	if req.Plan.Raw.IsNull() || data == nil {
		return
	}
	var inner resource.ModifyPlanResponse
	inner.Private = resp.Private
	CheckSingletonPlan(ctx, data, typeName+" "+key, req, &inner)
	if inner.Diagnostics.HasError() {
		resp.Diagnostics.AddAttributeError(at, summary, detail)
	}
}
