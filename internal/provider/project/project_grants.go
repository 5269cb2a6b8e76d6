package project

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// project names, logins, group names, tags

// projectPermissionFlag maps one right of a project grant to its Terraform
// attribute.
type projectPermissionFlag struct {
	attr, desc string
	// flag is the right in a grant: nil when DSS's entry lacks it.
	flag func(g *dss.ProjectGrant) **bool
}

// projectPermissionFlags are the grant rights the schema models (the 13
// documented by Dataiku). Rights DSS has beyond these (such as DSS 15's
// editPermissions) stay in the grant's Extra, untouched on update.
var projectPermissionFlags = []projectPermissionFlag{
	{"admin", "Administer the project (implies every other right in DSS). DSS flag `admin`.",
		func(g *dss.ProjectGrant) **bool { return &g.Admin }},
	{"read_project_content", "Read the project's content. DSS flag `readProjectContent`.",
		func(g *dss.ProjectGrant) **bool { return &g.ReadProjectContent }},
	{"write_project_content", "Edit the project's content. DSS flag `writeProjectContent`.",
		func(g *dss.ProjectGrant) **bool { return &g.WriteProjectContent }},
	{"export_datasets_data", "Export datasets' data. DSS flag `exportDatasetsData`.",
		func(g *dss.ProjectGrant) **bool { return &g.ExportDatasetsData }},
	{"read_dashboards", "Read dashboards. DSS flag `readDashboards`.",
		func(g *dss.ProjectGrant) **bool { return &g.ReadDashboards }},
	{"write_dashboards", "Write dashboards. DSS flag `writeDashboards`.",
		func(g *dss.ProjectGrant) **bool { return &g.WriteDashboards }},
	{"moderate_dashboards", "Moderate dashboards. DSS flag `moderateDashboards`.",
		func(g *dss.ProjectGrant) **bool { return &g.ModerateDashboards }},
	{"run_scenarios", "Run scenarios. DSS flag `runScenarios`.",
		func(g *dss.ProjectGrant) **bool { return &g.RunScenarios }},
	{"manage_dashboard_authorizations", "Manage the objects dashboards may show. DSS flag `manageDashboardAuthorizations`.",
		func(g *dss.ProjectGrant) **bool { return &g.ManageDashboardAuthorizations }},
	{"manage_exposed_elements", "Manage the objects exposed to other projects. DSS flag `manageExposedElements`.",
		func(g *dss.ProjectGrant) **bool { return &g.ManageExposedElements }},
	{"manage_additional_dashboard_users", "Manage additional dashboard users. DSS flag `manageAdditionalDashboardUsers`.",
		func(g *dss.ProjectGrant) **bool { return &g.ManageAdditionalDashboardUsers }},
	{"share_to_workspaces", "Share objects to workspaces. DSS flag `shareToWorkspaces`.",
		func(g *dss.ProjectGrant) **bool { return &g.ShareToWorkspaces }},
	{"execute_app", "Execute the project as a Dataiku application. DSS flag `executeApp`.",
		func(g *dss.ProjectGrant) **bool { return &g.ExecuteApp }},
}

// projectGrantAttrTypes is the object type of one element of permissions.
func projectGrantAttrTypes() map[string]attr.Type {
	m := map[string]attr.Type{"group": types.StringType, "user": types.StringType}
	for _, f := range projectPermissionFlags {
		m[f.attr] = types.BoolType
	}
	return m
}

func projectGrantObjectType() types.ObjectType {
	return types.ObjectType{AttrTypes: projectGrantAttrTypes()}
}

// grantsValue turns DSS's grants into the permissions set. Grants with
// neither a group nor a user are not modelled and are left out.
func grantsValue(grants []dss.ProjectGrant) (types.Set, diag.Diagnostics) {
	elems := []attr.Value{}
	for _, g := range grants {
		if g.Principal() == "" {
			continue
		}
		vals := map[string]attr.Value{"group": types.StringNull(), "user": types.StringNull()}
		if g.Group != "" {
			vals["group"] = types.StringValue(g.Group)
		} else {
			vals["user"] = types.StringValue(g.User)
		}
		for _, f := range projectPermissionFlags {
			// A right DSS's entry lacks is false (DSS grants it not).
			b := *f.flag(&g)
			vals[f.attr] = types.BoolValue(b != nil && *b)
		}
		obj, d := types.ObjectValue(projectGrantAttrTypes(), vals)
		if d.HasError() {
			return types.SetNull(projectGrantObjectType()), d
		}
		elems = append(elems, obj)
	}
	return types.SetValue(projectGrantObjectType(), elems)
}

// plannedGrant is the grant one element of the permissions set describes.
func plannedGrant(obj types.Object) dss.ProjectGrant {
	a := obj.Attributes()
	var g dss.ProjectGrant
	if s, ok := a["group"].(types.String); ok {
		g.Group = s.ValueString()
	}
	if g.Group == "" {
		if s, ok := a["user"].(types.String); ok {
			g.User = s.ValueString()
		}
	}
	for _, f := range projectPermissionFlags {
		b, _ := a[f.attr].(types.Bool)
		*f.flag(&g) = new(b.ValueBool())
	}
	return g
}

// mergeGrants computes the grants to write: exactly the planned ones
// (authoritative), each built on DSS's existing grant for the same principal
// so that rights and fields the schema does not know survive, and a right
// DSS's entry lacks stays absent while it is planned false (a read takes
// it as false, and an older DSS has no such right: writing an explicit
// false for it on another right's change was a write DSS did not ask
// for). DSS's order is kept for grants that stay; new grants follow,
// sorted, every right explicit, as DSS writes its own entries.
func mergeGrants(planned types.Set, existing []dss.ProjectGrant) ([]dss.ProjectGrant, diag.Diagnostics) {
	var diags diag.Diagnostics
	want := map[string]dss.ProjectGrant{}
	for _, e := range planned.Elements() {
		obj, ok := e.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		g := plannedGrant(obj)
		p := g.Principal()
		if _, dup := want[p]; dup {
			diags.AddError("Duplicate project grant", fmt.Sprintf("permissions holds two grants for %s; give each group or user one grant.", p))
			continue
		}
		want[p] = g
	}
	out := []dss.ProjectGrant{}
	for _, cur := range existing {
		p := cur.Principal()
		g, keep := want[p]
		if !keep {
			continue
		}
		delete(want, p)
		g.Extra = cur.Extra
		for _, f := range projectPermissionFlags {
			if planned := f.flag(&g); *f.flag(&cur) == nil && !**planned {
				*planned = nil
			}
		}
		out = append(out, g)
	}
	for _, p := range slices.Sorted(maps.Keys(want)) {
		out = append(out, want[p])
	}
	return out, diags
}

// grantPrincipalValidator refuses at plan time a grant that names neither
// a group nor a user (and one that names both).
var grantPrincipalValidator = kit.GroupOrUserValidator("grant", "Invalid project grant")

// grantFlagsDefaultFalse plans false for every grant flag left out of the
// configuration, so a grant's planned object equals what a read returns.
var grantFlagsDefaultFalse = kit.SetPlan("Permission flags not set in a grant are false.", func(_ context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
	if req.ConfigValue.IsNull() || resp.PlanValue.IsNull() || resp.PlanValue.IsUnknown() {
		return
	}
	elems := make([]attr.Value, 0, len(resp.PlanValue.Elements()))
	for _, e := range resp.PlanValue.Elements() {
		obj, ok := e.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			elems = append(elems, e)
			continue
		}
		vals := maps.Clone(obj.Attributes())
		for _, f := range projectPermissionFlags {
			if v := vals[f.attr]; v == nil || v.IsNull() || v.IsUnknown() {
				vals[f.attr] = types.BoolValue(false)
			}
		}
		o, d := types.ObjectValue(projectGrantAttrTypes(), vals)
		resp.Diagnostics.Append(d...)
		elems = append(elems, o)
	}
	set, d := types.SetValue(projectGrantObjectType(), elems)
	resp.Diagnostics.Append(d...)
	if !resp.Diagnostics.HasError() {
		resp.PlanValue = set
	}
})
