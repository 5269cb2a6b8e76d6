package project

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
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
	// kept marks a right of a newer DSS (15) than the first release
	// modelled: left out of a grant's configuration, it is not managed
	// (DSS's value is kept, the state holds null) rather than planned
	// false. False would revoke, at the first apply after an upgrade of the
	// provider, a right granted in DSS; and an adopted grant would plan a
	// change for a right an older DSS does not have.
	kept bool
}

// projectPermissionFlags are the grant rights the schema models: the 13
// documented by Dataiku, and DSS 15's two (kept). Rights DSS has beyond
// these stay in the grant's Extra, untouched on update.
var projectPermissionFlags = []projectPermissionFlag{
	{"admin", "Administer the project (implies every other right in DSS). DSS flag `admin`.",
		func(g *dss.ProjectGrant) **bool { return &g.Admin }, false},
	{"read_project_content", "Read the project's content. DSS flag `readProjectContent`.",
		func(g *dss.ProjectGrant) **bool { return &g.ReadProjectContent }, false},
	{"write_project_content", "Edit the project's content. DSS flag `writeProjectContent`.",
		func(g *dss.ProjectGrant) **bool { return &g.WriteProjectContent }, false},
	{"export_datasets_data", "Export datasets' data. DSS flag `exportDatasetsData`.",
		func(g *dss.ProjectGrant) **bool { return &g.ExportDatasetsData }, false},
	{"read_dashboards", "Read dashboards. DSS flag `readDashboards`.",
		func(g *dss.ProjectGrant) **bool { return &g.ReadDashboards }, false},
	{"write_dashboards", "Write dashboards. DSS flag `writeDashboards`.",
		func(g *dss.ProjectGrant) **bool { return &g.WriteDashboards }, false},
	{"moderate_dashboards", "Moderate dashboards. DSS flag `moderateDashboards`.",
		func(g *dss.ProjectGrant) **bool { return &g.ModerateDashboards }, false},
	{"run_scenarios", "Run scenarios. DSS flag `runScenarios`.",
		func(g *dss.ProjectGrant) **bool { return &g.RunScenarios }, false},
	{"manage_dashboard_authorizations", "Manage the objects dashboards may show. DSS flag `manageDashboardAuthorizations`.",
		func(g *dss.ProjectGrant) **bool { return &g.ManageDashboardAuthorizations }, false},
	{"manage_exposed_elements", "Manage the objects exposed to other projects. DSS flag `manageExposedElements`.",
		func(g *dss.ProjectGrant) **bool { return &g.ManageExposedElements }, false},
	{"manage_additional_dashboard_users", "Manage additional dashboard users. DSS flag `manageAdditionalDashboardUsers`.",
		func(g *dss.ProjectGrant) **bool { return &g.ManageAdditionalDashboardUsers }, false},
	{"share_to_workspaces", "Share objects to workspaces. DSS flag `shareToWorkspaces`.",
		func(g *dss.ProjectGrant) **bool { return &g.ShareToWorkspaces }, false},
	{"execute_app", "Execute the project as a Dataiku application. DSS flag `executeApp`.",
		func(g *dss.ProjectGrant) **bool { return &g.ExecuteApp }, false},
	{"edit_permissions", "Edit the project's permissions (DSS 15 or later). DSS flag `editPermissions`.",
		func(g *dss.ProjectGrant) **bool { return &g.EditPermissions }, true},
	{"publish_to_data_collections", "Publish the project's datasets to data collections (DSS 15 or later; with the group capability `may_publish_to_data_collections`). DSS flag `publishToDataCollections`.",
		func(g *dss.ProjectGrant) **bool { return &g.PublishToDataCollections }, true},
}

// grantAttributes are one grant's attributes: group, user and the
// permission flags, for an element of dataiku_project's permissions and,
// standalone, for dataiku_project_grant. Standalone, a change of group or
// user replaces the grant, and a flag not kept has its default false
// (top-level attributes); in a set element defaults are unreliable in the
// framework, and grantFlagsDefaultFalse fills them on the set.
func grantAttributes(standalone bool) map[string]schema.Attribute {
	principal := func(what string) schema.StringAttribute {
		a := schema.StringAttribute{Optional: true,
			MarkdownDescription: what + " this grant is for. Exactly one of `group` and `user` must be set.",
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}}
		if standalone {
			a.MarkdownDescription += " Changing it replaces the grant."
			a.PlanModifiers = []planmodifier.String{stringplanmodifier.RequiresReplace()}
			a.Validators = append(a.Validators, stringvalidator.ExactlyOneOf(path.MatchRoot("group"), path.MatchRoot("user")))
		}
		return a
	}
	attrs := map[string]schema.Attribute{"group": principal("DSS group"), "user": principal("Login of the DSS user")}
	for _, f := range projectPermissionFlags {
		if f.kept {
			attrs[f.attr] = schema.BoolAttribute{Optional: true,
				MarkdownDescription: f.desc + " When not set, the grant does not manage it: DSS's value is kept, and the state holds null."}
			continue
		}
		flag := schema.BoolAttribute{Optional: true, Computed: true, MarkdownDescription: f.desc + " Defaults to `false`."}
		if standalone {
			flag.Default = booldefault.StaticBool(false)
		}
		attrs[f.attr] = flag
	}
	return attrs
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

// keptRightsIn says which kept rights a permissions set (the plan, or the
// prior state) manages, by principal: those its grant for the principal
// sets. A grant's other kept rights read as null, as configured.
func keptRightsIn(perms types.Set) func(principal, attr string) bool {
	managed := map[string]bool{}
	for _, e := range perms.Elements() {
		obj, ok := e.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		g := plannedGrant(obj)
		for _, f := range projectPermissionFlags {
			if f.kept && *f.flag(&g) != nil {
				managed[g.Principal()+" "+f.attr] = true
			}
		}
	}
	return func(principal, attr string) bool { return managed[principal+" "+attr] }
}

// allKeptRights shows every kept right: a data source's read.
func allKeptRights(string, string) bool { return true }

// grantsValue turns DSS's grants into the permissions set. Grants with
// neither a group nor a user are not modelled and are left out. A kept
// right reads as DSS holds it where shown says it is managed, else null.
func grantsValue(grants []dss.ProjectGrant, shown func(principal, attr string) bool) (types.Set, diag.Diagnostics) {
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
			if f.kept && !shown(g.Principal(), f.attr) {
				vals[f.attr] = types.BoolNull()
				continue
			}
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
		if f.kept && !kit.Known(b) {
			continue // not managed: nil, DSS's value is kept
		}
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
			switch planned := f.flag(&g); {
			case *planned == nil: // a kept right not managed
				*planned = *f.flag(&cur)
			case *f.flag(&cur) == nil && !**planned:
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
// configuration but the kept ones, so a grant's planned object equals what
// a read returns.
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
			if f.kept {
				continue // null stays null: not managed
			}
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
