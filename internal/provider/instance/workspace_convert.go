package instance

import (
	"cmp"
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Workspace settings ↔ models, shared by the dataiku_workspace resource
// and data source.

// WorkspaceModel is the dataiku_workspace resource; the data source has
// the same attributes.
type WorkspaceModel struct {
	ID           types.String `tfsdk:"id"`
	WorkspaceKey types.String `tfsdk:"workspace_key"`
	DisplayName  types.String `tfsdk:"display_name"`
	Description  types.String `tfsdk:"description"`
	Color        types.String `tfsdk:"color"`
	Permissions  types.Set    `tfsdk:"permissions"`
}

// workspacePermissionModel is one element of permissions. Group and User
// are null when the entry does not name one.
type workspacePermissionModel struct {
	Group types.String `tfsdk:"group"`
	User  types.String `tfsdk:"user"`
	Admin types.Bool   `tfsdk:"admin"`
	Write types.Bool   `tfsdk:"write"`
	Read  types.Bool   `tfsdk:"read"`
}

var workspacePermissionType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"group": types.StringType, "user": types.StringType, "admin": types.BoolType, "write": types.BoolType, "read": types.BoolType,
}}

// workspaceFlags are an entry's flags, in the order of the model's.
var workspaceFlags = []func(*dss.WorkspacePermission) **bool{
	func(p *dss.WorkspacePermission) **bool { return &p.Admin },
	func(p *dss.WorkspacePermission) **bool { return &p.Write },
	func(p *dss.WorkspacePermission) **bool { return &p.Read },
}

// flagSet is a flag as DSS applies it: one an entry lacks is not granted.
func flagSet(b *bool) bool { return b != nil && *b }

// workspacePermissionsValue turns DSS's entries into the permissions set:
// each flag as DSS holds it (one DSS's entry lacks is false), never
// normalised (an entry with write but not read stays so).
func workspacePermissionsValue(ctx context.Context, perms []dss.WorkspacePermission) (types.Set, diag.Diagnostics) {
	elems := []workspacePermissionModel{}
	for _, p := range perms {
		if p.Principal() == "" {
			continue
		}
		e := workspacePermissionModel{Group: types.StringNull(), User: types.StringNull(),
			Admin: types.BoolValue(flagSet(p.Admin)), Write: types.BoolValue(flagSet(p.Write)), Read: types.BoolValue(flagSet(p.Read))}
		if p.Group != "" {
			e.Group = types.StringValue(p.Group)
		} else {
			e.User = types.StringValue(p.User)
		}
		elems = append(elems, e)
	}
	return types.SetValueFrom(ctx, workspacePermissionType, elems)
}

// WorkspaceFromDSS fills m from DSS's settings. The permissions are read
// when m manages them (known) or when imported; DSS sends none to a caller
// who is not an administrator of the workspace (dataikuapi: redacted to
// None), and then m keeps what it held, as nothing can be compared.
func WorkspaceFromDSS(ctx context.Context, w *dss.Workspace, m *WorkspaceModel, imported bool) diag.Diagnostics {
	key := cmp.Or(w.WorkspaceKey, m.WorkspaceKey.ValueString())
	m.ID = types.StringValue(key)
	m.WorkspaceKey = types.StringValue(key)
	m.DisplayName = types.StringValue(w.DisplayName)
	m.Description = types.StringValue(kit.StringOrEmpty(w.Description))
	m.Color = types.StringValue(kit.StringOrEmpty(w.Color))
	if w.Permissions == nil || (!imported && !kit.Known(m.Permissions)) {
		if imported {
			m.Permissions = types.SetNull(workspacePermissionType)
		}
		return nil
	}
	set, diags := workspacePermissionsValue(ctx, *w.Permissions)
	m.Permissions = set
	return diags
}

// plannedWorkspacePermissions is the plan's permissions as DSS's entries,
// every flag explicit as dataikuapi's DSSWorkspacePermissionItem writes
// them.
func plannedWorkspacePermissions(ctx context.Context, set types.Set) ([]dss.WorkspacePermission, diag.Diagnostics) {
	var elems []workspacePermissionModel
	diags := set.ElementsAs(ctx, &elems, false)
	out := make([]dss.WorkspacePermission, 0, len(elems))
	for _, e := range elems {
		out = append(out, dss.WorkspacePermission{Group: e.Group.ValueString(), User: e.User.ValueString(),
			Admin: new(e.Admin.ValueBool()), Write: new(e.Write.ValueBool()), Read: new(e.Read.ValueBool())})
	}
	return out, diags
}

// mergeWorkspacePermissions is the permission list to write: exactly the
// planned entries (authoritative), each built on DSS's entry for the same
// group or user (one with the same flags first), so that what an entry
// holds beyond the modelled fields is kept and a flag DSS's entry lacks
// stays absent while it is planned false. DSS's order is kept for the
// entries that stay; new ones follow in the plan's order.
func mergeWorkspacePermissions(planned, held []dss.WorkspacePermission) []dss.WorkspacePermission {
	taken := make([]bool, len(planned))
	sameFlags := func(a, b *dss.WorkspacePermission) bool {
		for _, f := range workspaceFlags {
			if flagSet(*f(a)) != flagSet(*f(b)) {
				return false
			}
		}
		return true
	}
	match := func(cur *dss.WorkspacePermission, exact bool) int {
		for i := range planned {
			if !taken[i] && planned[i].Principal() == cur.Principal() && (!exact || sameFlags(&planned[i], cur)) {
				return i
			}
		}
		return -1
	}
	out := []dss.WorkspacePermission{}
	for _, cur := range held {
		i := match(&cur, true)
		if i < 0 {
			i = match(&cur, false)
		}
		if i < 0 {
			continue
		}
		taken[i] = true
		for _, f := range workspaceFlags {
			if want := *f(&planned[i]); flagSet(*f(&cur)) != flagSet(want) {
				*f(&cur) = want
			}
		}
		out = append(out, cur)
	}
	for i, p := range planned {
		if !taken[i] {
			out = append(out, p)
		}
	}
	return out
}

// ApplyWorkspace writes the plan into DSS's settings. What the plan leaves
// unknown (a color DSS picks) is left as DSS has it, and an empty
// description is not added to a document that lacks one.
func ApplyWorkspace(ctx context.Context, plan *WorkspaceModel, w *dss.Workspace) diag.Diagnostics {
	kit.SetKnownString(plan.DisplayName, &w.DisplayName)
	setOptional := func(v types.String, field **string) {
		if kit.Known(v) && (*field != nil || v.ValueString() != "") {
			*field = new(v.ValueString())
		}
	}
	setOptional(plan.Description, &w.Description)
	setOptional(plan.Color, &w.Color)
	if !kit.Known(plan.Permissions) {
		return nil
	}
	planned, diags := plannedWorkspacePermissions(ctx, plan.Permissions)
	var held []dss.WorkspacePermission
	if w.Permissions != nil {
		held = *w.Permissions
	}
	merged := mergeWorkspacePermissions(planned, held)
	w.Permissions = &merged
	return diags
}
