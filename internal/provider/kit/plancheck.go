package kit

import (
	"cmp"
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// Checks at plan time against DSS (issue 26 point 3): only what cannot be
// a false alarm. An object that does not exist yet is never an error here,
// since the same apply may create it.

// KindAdminOnly is a kind DSS serves to administrators only: its whole
// API lives under /admin (users, groups, connections, global API keys,
// instance settings and variables). Code envs are not among them: DSS
// lets a group's permissions (create or manage code envs) give them to
// other users, so a non-admin key may well manage one.
type KindAdminOnly interface {
	// AdminAPI is the API path DSS serves only to administrators.
	AdminAPI() string
}

// refuseAdminOnly refuses, at plan time, a change to an admin-only kind
// planned with a key that is not an administrator's. It reuses the GET
// /auth/info of the provider's Configure (no request of its own), and
// says nothing when that answer is not known yet (an unconfigured
// provider) or when nothing changes (a refresh with a read-only key is
// the read's to judge). It reports whether it refused.
func refuseAdminOnly(kind any, typeName string, caller *dss.AuthInfo, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) bool {
	k, ok := kind.(KindAdminOnly)
	if !ok || caller == nil || caller.Admin {
		return false
	}
	action := ""
	switch {
	case req.State.Raw.IsNull():
		action = "create"
	case req.Plan.Raw.IsNull():
		action = "destroy"
	case !req.Plan.Raw.Equal(req.State.Raw):
		action = "update"
	default:
		return false
	}
	who := cmp.Or(caller.AssociatedDSSUser, caller.AuthIdentifier)
	resp.Diagnostics.AddError(typeName+" needs an administrator's API key", fmt.Sprintf(
		"This plan would %s a %s, which DSS lets only administrators change (its API, %s, is admin-only), "+
			"but the provider's API key belongs to %q, who is not a DSS administrator (GET /auth/info says admin = false). "+
			"Nothing was changed. Configure the provider with an administrator's key for this resource (a second provider block with an alias), or remove it.",
		action, typeName, k.AdminAPI(), who))
	return true
}

// kindWithDSSPlanCheck is a kind that checks its plan against DSS with
// read calls through the command's CheckCache.
type kindWithDSSPlanCheck interface {
	CheckPlan(ctx context.Context, c CheckReader, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse)
}

// KindValue exposes the kind, for the test that compares the checks guide
// with the kinds.
func (r *Resource[M]) KindValue() any { return r.Kind }

// TypeName is the resource's type name, for the same test.
func (r *Resource[M]) TypeName() string { return r.Kind.Address().TypeName }
