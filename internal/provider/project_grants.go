package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// projectKeyPattern is DSS's project key rule as the provider checks it at
// plan time (dss-api.md §6.3): letters, digits and underscores. DSS remains
// the final judge.
var projectKeyPattern = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

// Length limits the provider checks at plan time. DSS documents none; these
// are far above real use (DSS's own keys and names are short, and keys end
// up in file paths and SQL table prefixes) and catch an interpolation gone
// wrong before anything is sent.
const (
	maxProjectKeyLength  = 64
	maxDatasetNameLength = 128
	maxNameLength        = 256 // project names, logins, group names, tags
)

const projectKeyRule = "must be made only of letters, digits and underscores (DSS's project key rule), for example SALES_2024"

// projectPermissionFlag maps one boolean of a DSS project grant to its
// Terraform attribute.
type projectPermissionFlag struct {
	attr, dss, desc string
}

// projectPermissionFlags are the grant booleans the schema models (the 13
// documented by Dataiku). Flags DSS has beyond these (such as DSS 15's
// editPermissions) are kept untouched on update.
var projectPermissionFlags = []projectPermissionFlag{
	{"admin", "admin", "Administer the project (implies every other right in DSS)."},
	{"read_project_content", "readProjectContent", "Read the project's content."},
	{"write_project_content", "writeProjectContent", "Edit the project's content."},
	{"export_datasets_data", "exportDatasetsData", "Export datasets' data."},
	{"read_dashboards", "readDashboards", "Read dashboards."},
	{"write_dashboards", "writeDashboards", "Write dashboards."},
	{"moderate_dashboards", "moderateDashboards", "Moderate dashboards."},
	{"run_scenarios", "runScenarios", "Run scenarios."},
	{"manage_dashboard_authorizations", "manageDashboardAuthorizations", "Manage the objects dashboards may show."},
	{"manage_exposed_elements", "manageExposedElements", "Manage the objects exposed to other projects."},
	{"manage_additional_dashboard_users", "manageAdditionalDashboardUsers", "Manage additional dashboard users."},
	{"share_to_workspaces", "shareToWorkspaces", "Share objects to workspaces."},
	{"execute_app", "executeApp", "Execute the project as a Dataiku application."},
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

// grantPrincipal identifies a DSS grant: "group:<name>" or "user:<login>".
// Grants with neither are not modelled and are dropped by an authoritative
// update.
func grantPrincipal(m map[string]any) string {
	if g, _ := m["group"].(string); g != "" {
		return "group:" + g
	}
	if u, _ := m["user"].(string); u != "" {
		return "user:" + u
	}
	return ""
}

// grantsValue turns DSS's raw grant list into the permissions set.
func grantsValue(raw any) (types.Set, diag.Diagnostics) {
	list, _ := raw.([]any)
	elems := []attr.Value{}
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok || grantPrincipal(m) == "" {
			continue
		}
		vals := map[string]attr.Value{"group": types.StringNull(), "user": types.StringNull()}
		if g, _ := m["group"].(string); g != "" {
			vals["group"] = types.StringValue(g)
		} else {
			u, _ := m["user"].(string)
			vals["user"] = types.StringValue(u)
		}
		for _, f := range projectPermissionFlags {
			b, _ := m[f.dss].(bool)
			vals[f.attr] = types.BoolValue(b)
		}
		obj, d := types.ObjectValue(projectGrantAttrTypes(), vals)
		if d.HasError() {
			return types.SetNull(projectGrantObjectType()), d
		}
		elems = append(elems, obj)
	}
	return types.SetValue(projectGrantObjectType(), elems)
}

// mergeGrants computes the raw grant list to PUT: exactly the planned grants
// (authoritative), each built on DSS's existing grant object for the same
// principal so that flags and fields the schema does not know survive. DSS's
// order is kept for grants that stay; new grants follow, sorted.
func mergeGrants(planned types.Set, existing any) ([]any, diag.Diagnostics) {
	var diags diag.Diagnostics
	want := map[string]map[string]any{}
	var newOrder []string
	for _, e := range planned.Elements() {
		obj, ok := e.(types.Object)
		if !ok {
			continue
		}
		a := obj.Attributes()
		g := map[string]any{}
		if s, ok := a["group"].(types.String); ok && !s.IsNull() && s.ValueString() != "" {
			g["group"] = s.ValueString()
		} else if s, ok := a["user"].(types.String); ok && !s.IsNull() {
			g["user"] = s.ValueString()
		}
		for _, f := range projectPermissionFlags {
			b, _ := a[f.attr].(types.Bool)
			g[f.dss] = b.ValueBool()
		}
		p := grantPrincipal(g)
		if _, dup := want[p]; dup {
			diags.AddError("Duplicate project grant", fmt.Sprintf("permissions holds two grants for %s; give each group or user one grant.", p))
			continue
		}
		want[p] = g
		newOrder = append(newOrder, p)
	}
	out := []any{}
	done := map[string]bool{}
	list, _ := existing.([]any)
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		p := grantPrincipal(m)
		g, keep := want[p]
		if !keep || done[p] {
			continue
		}
		merged := make(map[string]any, len(m))
		for k, v := range m {
			merged[k] = v
		}
		for k, v := range g {
			merged[k] = v
		}
		out = append(out, merged)
		done[p] = true
	}
	sort.Strings(newOrder)
	for _, p := range newOrder {
		if !done[p] {
			out = append(out, want[p])
		}
	}
	return out, diags
}

// jsonObjectValue renders a DSS JSON object as a normalised JSON string.
func jsonObjectValue(v any) (jsontypes.Normalized, error) {
	if v == nil {
		v = map[string]any{}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return jsontypes.NewNormalizedNull(), err
	}
	return jsontypes.NewNormalizedValue(string(b)), nil
}

// unmanagedWhenNull is the plan modifier of optional+computed attributes
// where null means "Terraform does not manage this": with no value in the
// configuration the plan keeps whatever the state holds (null on create),
// so an unmanaged attribute never shows as "(known after apply)" and never
// causes a diff.
type unmanagedWhenNull struct{}

func (unmanagedWhenNull) Description(context.Context) string {
	return "When not configured, the value in state is kept and Terraform leaves it alone in DSS."
}

func (m unmanagedWhenNull) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (unmanagedWhenNull) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	if req.State.Raw.IsNull() {
		resp.PlanValue = types.StringNull()
		return
	}
	resp.PlanValue = req.StateValue
}

func (unmanagedWhenNull) PlanModifySet(_ context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
	if !req.ConfigValue.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	if req.State.Raw.IsNull() {
		resp.PlanValue = types.SetNull(req.PlanValue.ElementType(context.Background()))
		return
	}
	resp.PlanValue = req.StateValue
}

// grantFlagsDefaultFalse plans false for every grant flag left out of the
// configuration, so a grant's planned object equals what a read returns.
type grantFlagsDefaultFalse struct{}

func (grantFlagsDefaultFalse) Description(context.Context) string {
	return "Permission flags not set in a grant are false."
}

func (m grantFlagsDefaultFalse) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (grantFlagsDefaultFalse) PlanModifySet(ctx context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
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
		vals := make(map[string]attr.Value, len(obj.Attributes()))
		for k, v := range obj.Attributes() {
			vals[k] = v
		}
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
}
