package instance

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Data collection settings ↔ models, shared by the resource and the data
// source.

// dataCollectionModel is the dataiku_data_collection resource; the data
// source has the same attributes.
type dataCollectionModel struct {
	ID          types.String `tfsdk:"id"`
	DisplayName types.String `tfsdk:"display_name"`
	Description types.String `tfsdk:"description"`
	Color       types.String `tfsdk:"color"`
	Tags        types.Set    `tfsdk:"tags"`
	Permissions types.Set    `tfsdk:"permissions"`
}

// dataCollectionPermissionModel is one element of permissions.
type dataCollectionPermissionModel struct {
	Group types.String `tfsdk:"group"`
	User  types.String `tfsdk:"user"`
	Admin types.Bool   `tfsdk:"admin"`
	Write types.Bool   `tfsdk:"write"`
	Read  types.Bool   `tfsdk:"read"`
}

var dataCollectionPermissionType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"group": types.StringType, "user": types.StringType, "admin": types.BoolType, "write": types.BoolType, "read": types.BoolType,
}}

// dataCollectionRights are the rights of an entry: the model's field and
// DSS's.
var dataCollectionRights = []struct {
	model func(*dataCollectionPermissionModel) *types.Bool
	dss   func(*dss.DataCollectionPermission) **bool
}{
	{func(m *dataCollectionPermissionModel) *types.Bool { return &m.Admin }, func(p *dss.DataCollectionPermission) **bool { return &p.Admin }},
	{func(m *dataCollectionPermissionModel) *types.Bool { return &m.Write }, func(p *dss.DataCollectionPermission) **bool { return &p.Write }},
	{func(m *dataCollectionPermissionModel) *types.Bool { return &m.Read }, func(p *dss.DataCollectionPermission) **bool { return &p.Read }},
}

// dataCollectionFromDSS fills m from DSS's settings. own is the login of
// the API key's user: the entry DSS adds for it at creation (all three
// rights, ownEntry) is left out of permissions unless keepOwn (the
// permissions being planned or in the state list that user); an entry
// for that user with other rights is read, so that the next apply shows
// it and restores it. permissions are filled when m manages them or when
// all (an import, a data source); when DSS hides them (it redacts them
// from a key that does not administer the collection, dataikuapi [V]),
// m keeps what it had, or null (unmanaged) when filling all.
func dataCollectionFromDSS(ctx context.Context, d *dss.DataCollection, m *dataCollectionModel, own string, keepOwn, all bool) diag.Diagnostics {
	var diags, dd diag.Diagnostics
	m.ID = types.StringValue(d.ID)
	m.DisplayName = types.StringValue(d.DisplayName)
	m.Description = types.StringValue(kit.StringOrEmpty(d.Description))
	m.Color = types.StringValue(d.Color)
	m.Tags, dd = kit.StringSetValue(ctx, d.Tags)
	diags.Append(dd...)
	switch {
	case d.Permissions == nil && all:
		m.Permissions = types.SetNull(dataCollectionPermissionType)
		return diags
	case d.Permissions == nil, m.Permissions.IsNull() && !all:
		return diags
	}
	elems := []dataCollectionPermissionModel{}
	for _, p := range d.Permissions {
		if p.Principal() == "" || (ownEntry(p, own) && !keepOwn) {
			continue
		}
		e := dataCollectionPermissionModel{Group: kit.NullIfEmpty(p.Group), User: types.StringNull()}
		if p.Group == "" {
			e.User = types.StringValue(p.User)
		}
		// A right DSS's entry lacks is false; DSS's flags are read as they
		// are (write without read stays so), never normalised.
		for _, r := range dataCollectionRights {
			b := *r.dss(&p)
			*r.model(&e) = types.BoolValue(b != nil && *b)
		}
		elems = append(elems, e)
	}
	m.Permissions, dd = types.SetValueFrom(ctx, dataCollectionPermissionType, elems)
	diags.Append(dd...)
	return diags
}

// isOwn reports whether p is own's entry; never for a key without a user.
func isOwn(p dss.DataCollectionPermission, own string) bool {
	return own != "" && p.Group == "" && p.User == own
}

// ownEntry reports whether p is the entry DSS adds for own at creation:
// own's, with the three rights.
func ownEntry(p dss.DataCollectionPermission, own string) bool {
	if !isOwn(p, own) {
		return false
	}
	for _, r := range dataCollectionRights {
		if b := *r.dss(&p); b == nil || !*b {
			return false
		}
	}
	return true
}

// listsOwn reports whether the permissions set holds an entry for own.
func listsOwn(ctx context.Context, perms types.Set, own string) bool {
	if own == "" || !kit.Known(perms) {
		return false
	}
	var elems []dataCollectionPermissionModel
	if perms.ElementsAs(ctx, &elems, false).HasError() {
		return false
	}
	return slices.ContainsFunc(elems, func(e dataCollectionPermissionModel) bool {
		return !kit.Known(e.Group) && e.User.ValueString() == own
	})
}

// applyDataCollection writes the planned settings into DSS's document;
// what the plan leaves unknown (a color DSS chooses) or null (unmanaged
// permissions) is left as DSS has it.
func applyDataCollection(ctx context.Context, plan *dataCollectionModel, d *dss.DataCollection, own string) diag.Diagnostics {
	var diags diag.Diagnostics
	d.DisplayName = plan.DisplayName.ValueString()
	// A document without a description keeps none while none is planned.
	if desc := plan.Description.ValueString(); d.Description != nil || desc != "" {
		d.Description = &desc
	}
	kit.SetKnownString(plan.Color, &d.Color)
	if kit.Known(plan.Tags) {
		var dd diag.Diagnostics
		d.Tags, dd = kit.StringsFromSet(ctx, plan.Tags)
		diags.Append(dd...)
	}
	if kit.Known(plan.Permissions) {
		var dd diag.Diagnostics
		d.Permissions, dd = mergeDataCollectionPermissions(ctx, plan.Permissions, d.Permissions, own)
		diags.Append(dd...)
	}
	return diags
}

// plannedDataCollectionPermissions are the entries the plan lists, by
// principal.
func plannedDataCollectionPermissions(ctx context.Context, planned types.Set) (map[string]dss.DataCollectionPermission, diag.Diagnostics) {
	var elems []dataCollectionPermissionModel
	diags := planned.ElementsAs(ctx, &elems, false)
	want := map[string]dss.DataCollectionPermission{}
	for _, e := range elems {
		p := dss.DataCollectionPermission{Group: e.Group.ValueString()}
		if p.Group == "" {
			p.User = e.User.ValueString()
		}
		for _, r := range dataCollectionRights {
			*r.dss(&p) = new(r.model(&e).ValueBool())
		}
		if _, dup := want[p.Principal()]; dup {
			diags.AddError("Duplicate data collection permission", fmt.Sprintf("permissions holds two entries for %s; give each group or user one entry.", p.Principal()))
			continue
		}
		want[p.Principal()] = p
	}
	return want, diags
}

// mergeDataCollectionPermissions computes the entries to write: exactly
// the planned ones (authoritative), plus the entry of own (the API key's
// user, which DSS added at creation) when the plan does not list it, with
// the three rights DSS gave it. Each
// planned entry is built on DSS's entry for the same principal, so that
// keys the provider does not know survive and a right DSS's entry lacks
// stays absent while it is planned false. DSS's order is kept for the
// entries that stay; new ones follow, sorted.
func mergeDataCollectionPermissions(ctx context.Context, planned types.Set, existing []dss.DataCollectionPermission, own string) ([]dss.DataCollectionPermission, diag.Diagnostics) {
	want, diags := plannedDataCollectionPermissions(ctx, planned)
	out := []dss.DataCollectionPermission{}
	for _, cur := range existing {
		p := cur.Principal()
		e, keep := want[p]
		if !keep {
			if isOwn(cur, own) {
				// Not listed: DSS's entry, with the rights DSS gives it
				// at creation (restored if they were changed).
				for _, r := range dataCollectionRights {
					*r.dss(&cur) = new(true)
				}
				out = append(out, cur)
			}
			continue
		}
		delete(want, p)
		e.Extra = cur.Extra
		// A right DSS's entry lacks stays absent while it is planned
		// false: a read takes it as false, so writing an explicit false
		// would be a change nobody asked for.
		for _, r := range dataCollectionRights {
			if *r.dss(&cur) == nil && !**r.dss(&e) {
				*r.dss(&e) = nil
			}
		}
		out = append(out, e)
	}
	for _, p := range slices.Sorted(maps.Keys(want)) {
		out = append(out, want[p])
	}
	return out, diags
}
