package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Checks at plan time against DSS (issue 26 point 3): only what cannot be
// a false alarm. An object that does not exist yet is never an error here,
// since the same apply may create it.

// kindAdminOnly is a kind DSS serves to administrators only: its whole
// API lives under /admin (users, groups, connections, global API keys,
// instance settings and variables). Code envs are not among them: DSS
// lets a group's permissions (create or manage code envs) give them to
// other users, so a non-admin key may well manage one.
type kindAdminOnly interface {
	// adminAPI is the API path DSS serves only to administrators.
	adminAPI() string
}

func (userKind) adminAPI() string       { return "/admin/users/" }
func (groupKind) adminAPI() string      { return "/admin/groups/" }
func (connectionKind) adminAPI() string { return "/admin/connections/" }
func (apiKeyKind) adminAPI() string     { return "/admin/global-api-keys/" }

func (k instanceDocKind[M]) adminAPI() string {
	if k.name == "dataiku_instance_variables" {
		return "/admin/variables"
	}
	return "/admin/general-settings"
}

// refuseAdminOnly refuses, at plan time, a change to an admin-only kind
// planned with a key that is not an administrator's. It reuses the GET
// /auth/info of the provider's Configure (no request of its own), and
// says nothing when that answer is not known yet (an unconfigured
// provider) or when nothing changes (a refresh with a read-only key is
// the read's to judge). It reports whether it refused.
func refuseAdminOnly(kind any, typeName string, caller *dss.AuthInfo, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) bool {
	k, ok := kind.(kindAdminOnly)
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
	who := caller.AssociatedDSSUser
	if who == "" {
		who = caller.AuthIdentifier
	}
	resp.Diagnostics.AddError(typeName+" needs an administrator's API key", fmt.Sprintf(
		"This plan would %s a %s, which DSS lets only administrators change (its API, %s, is admin-only), "+
			"but the provider's API key belongs to %q, who is not a DSS administrator (GET /auth/info says admin = false). "+
			"Nothing was changed. Configure the provider with an administrator's key for this resource (a second provider block with an alias), or remove it.",
		action, typeName, k.adminAPI(), who))
	return true
}

// kindWithDSSPlanCheck is a kind that checks its plan against DSS with
// read calls through the command's checkCache.
type kindWithDSSPlanCheck interface {
	checkPlan(ctx context.Context, c checkReader, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse)
}

// checkPlan refuses a dataset planned on a connection that exists and
// whose type cannot hold the dataset type. It reads only when the dataset
// is created or its type or connection changes, so a plan with nothing
// to do sends no request for it; a connection missing from DSS is left to
// the check before the POST, since the same apply may create it.
// A connection the same plan creates or replaces is judged by the type
// planned for it (notePlannedConnection), not by what DSS holds now.
func (datasetKind) checkPlan(ctx context.Context, c checkReader, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var key, name, typ, conn, priorType, priorConn types.String
	for p, v := range map[string]*types.String{"project_key": &key, "name": &name, "type": &typ, "connection_name": &conn} {
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(p), v)...)
	}
	if resp.Diagnostics.HasError() || !known(typ) || !known(conn) {
		return
	}
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("type"), &priorType)...)
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("connection_name"), &priorConn)...)
		if priorType.Equal(typ) && priorConn.Equal(conn) {
			return
		}
	}
	summary := fmt.Sprintf("Cannot plan dataiku_dataset %q", key.ValueString()+"."+name.ValueString())
	if planned, ok := c.plannedConnectionType(conn.ValueString()); ok {
		if want, checked := names.ConnectionTypeFor(typ.ValueString()); checked && planned != want {
			resp.Diagnostics.AddAttributeError(path.Root("connection_name"), summary, fmt.Sprintf(
				"connection_name: this plan gives connection %q the type %s, but a %s dataset needs a %s connection. "+
					"Use a %s connection, or set type to the dataset type of connection %q.",
				conn.ValueString(), planned, typ.ValueString(), want, want, conn.ValueString()))
		}
		return
	}
	checkDatasetConnection(ctx, c, typ.ValueString(), conn.ValueString(), summary, false, &resp.Diagnostics)
}

// checkPlan records the type a created, replaced or changed connection is
// planned with, for the plan checks of the datasets on it (no request).
func (connectionKind) checkPlan(ctx context.Context, c checkReader, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var name, typ types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("type"), &typ)...)
	if known(name) && known(typ) {
		c.notePlannedConnection(name.ValueString(), typ.ValueString())
	}
}

// kindValue exposes the kind, for the test that compares the checks guide
// with the kinds.
func (r *kitResource[M]) kindValue() any { return r.kind }

// typeName is the resource's type name, for the same test.
func (r *kitResource[M]) typeName() string { return r.kind.address().typeName }
