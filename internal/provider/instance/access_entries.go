package instance

import (
	"cmp"
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// The permissions of a workspace and of a data collection: DSS holds both
// as the same list of entries (dss.AccessEntry: a group or a user, with
// admin, write and read), and DSS gives both the same entry for the user
// who creates one, so both kinds read, write and merge them here, with one
// policy for that entry.

// accessEntryModel is one element of a workspace's or a data collection's
// permissions. Group and User are null when the entry does not name one.
type accessEntryModel struct {
	Group types.String `tfsdk:"group"`
	User  types.String `tfsdk:"user"`
	Admin types.Bool   `tfsdk:"admin"`
	Write types.Bool   `tfsdk:"write"`
	Read  types.Bool   `tfsdk:"read"`
}

var accessEntryType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"group": types.StringType, "user": types.StringType, "admin": types.BoolType, "write": types.BoolType, "read": types.BoolType,
}}

// accessFlags are an entry's flags, the model's field and DSS's, in the
// model's order.
var accessFlags = []struct {
	model func(*accessEntryModel) *types.Bool
	dss   func(*dss.AccessEntry) **bool
}{
	{func(m *accessEntryModel) *types.Bool { return &m.Admin }, func(p *dss.AccessEntry) **bool { return &p.Admin }},
	{func(m *accessEntryModel) *types.Bool { return &m.Write }, func(p *dss.AccessEntry) **bool { return &p.Write }},
	{func(m *accessEntryModel) *types.Bool { return &m.Read }, func(p *dss.AccessEntry) **bool { return &p.Read }},
}

// flagSet is a flag as DSS applies it: one an entry lacks is not granted.
func flagSet(b *bool) bool { return b != nil && *b }

// ownEntryNote says what happens to the entry DSS gives the API key's
// user on what it creates; both kinds' descriptions share it.
const ownEntryNote = "DSS makes the user of the provider's API key an administrator of what that key creates " +
	"(an entry `{ user = <that login>, admin = true, write = true, read = true }`): " +
	"that entry belongs to DSS, not to `permissions`, unless `permissions` lists an entry for that user, which is then managed like the others. " +
	"Not listed, it is neither read into the state (after a create or an import) nor removed, so the plan after a create or an import is empty " +
	"and the key keeps the rights it needs to manage what it created, also when it is not a DSS administrator; " +
	"if its rights are changed outside Terraform, the next plan shows the entry and the apply gives it back its three rights."

// ownLogin is the login of the API key's user, whose entry DSS adds at
// creation; "" for a key without a user. c.Caller is cached (the
// provider's Configure asks DSS once), so this costs no request.
func ownLogin(ctx context.Context, c *dss.Client) (string, error) {
	caller, err := c.Caller(ctx)
	if err != nil {
		return "", err
	}
	return caller.AssociatedDSSUser, nil
}

// hiddenOwn is the login whose own entry stays DSS's (neither read nor
// removed): login, unless perms (the configured, planned or stated
// permissions) lists an entry for that user, which is then managed like
// any other (""). Null or unknown permissions list nobody: after an
// import the own entry is hidden, as after a create that does not list it.
func hiddenOwn(ctx context.Context, perms types.Set, login string) string {
	if login == "" || !kit.Known(perms) {
		return login
	}
	var elems []accessEntryModel
	if perms.ElementsAs(ctx, &elems, false).HasError() {
		return login
	}
	if slices.ContainsFunc(elems, func(e accessEntryModel) bool { return !kit.Known(e.Group) && e.User.ValueString() == login }) {
		return ""
	}
	return login
}

// isOwn reports whether p is own's entry; never when own is "".
func isOwn(p dss.AccessEntry, own string) bool {
	return own != "" && p.Group == "" && p.User == own
}

// ownEntry reports whether p is the entry DSS adds for own at creation:
// own's, with the three flags. One with fewer is read, so that the plan
// shows the change made outside Terraform and the apply restores it.
func ownEntry(p dss.AccessEntry, own string) bool {
	if !isOwn(p, own) {
		return false
	}
	for _, f := range accessFlags {
		if !flagSet(*f.dss(&p)) {
			return false
		}
	}
	return true
}

// accessEntriesValue turns DSS's entries into the permissions set: each
// flag as DSS holds it (one DSS's entry lacks is false), never normalised
// (an entry with write but not read stays so). An entry with neither
// group nor user, which DSS never writes, is left out, and so is own's
// entry with the three flags (hiddenOwn).
func accessEntriesValue(ctx context.Context, entries []dss.AccessEntry, own string) (types.Set, diag.Diagnostics) {
	elems := []accessEntryModel{}
	for _, p := range entries {
		if p.Principal() == "" || ownEntry(p, own) {
			continue
		}
		e := accessEntryModel{Group: kit.NullIfEmpty(p.Group), User: types.StringNull()}
		if p.Group == "" {
			e.User = types.StringValue(p.User)
		}
		for _, f := range accessFlags {
			*f.model(&e) = types.BoolValue(flagSet(*f.dss(&p)))
		}
		elems = append(elems, e)
	}
	return types.SetValueFrom(ctx, accessEntryType, elems)
}

// readAccessEntries fills perms from DSS's entries. shown is false when
// DSS sent none: it redacts them to null for a key that does not
// administer the object (dataikuapi [V]). They are read when perms is
// managed (not null) or when all (an import, a data source); hidden, perms
// keeps what it held, as nothing can be compared, or is null (unmanaged)
// when all. own is hiddenOwn's login.
func readAccessEntries(ctx context.Context, perms *types.Set, entries []dss.AccessEntry, shown bool, own string, all bool) diag.Diagnostics {
	switch {
	case !shown && all:
		*perms = types.SetNull(accessEntryType)
		return nil
	case !shown, perms.IsNull() && !all:
		return nil
	}
	set, diags := accessEntriesValue(ctx, entries, own)
	*perms = set
	return diags
}

// plannedAccessEntries are the planned permissions as DSS's entries, every
// flag explicit as dataikuapi writes them, sorted by principal (entries of
// the same principal in the set's order): a creation sends them so, and
// the merge appends new ones so.
func plannedAccessEntries(ctx context.Context, set types.Set) ([]dss.AccessEntry, diag.Diagnostics) {
	var elems []accessEntryModel
	diags := set.ElementsAs(ctx, &elems, false)
	out := make([]dss.AccessEntry, 0, len(elems))
	for _, e := range elems {
		p := dss.AccessEntry{Group: e.Group.ValueString()}
		if p.Group == "" {
			p.User = e.User.ValueString()
		}
		for _, f := range accessFlags {
			*f.dss(&p) = new(f.model(&e).ValueBool())
		}
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b dss.AccessEntry) int { return cmp.Compare(a.Principal(), b.Principal()) })
	return out, diags
}

// sameFlags reports whether a and b grant the same flags.
func sameFlags(a, b *dss.AccessEntry) bool {
	for _, f := range accessFlags {
		if flagSet(*f.dss(a)) != flagSet(*f.dss(b)) {
			return false
		}
	}
	return true
}

// pairAccessEntries pairs each held entry with a planned one for the same
// principal, one with the same flags first, then the others in order; -1
// for a held entry left without. DSS holds a list, so a principal may have
// two entries (two set elements with different flags): each is paired,
// never refused, as refusing what DSS holds would leave such an object
// unmanageable.
func pairAccessEntries(planned, held []dss.AccessEntry) []int {
	taken := make([]bool, len(planned))
	pairing := make([]int, len(held))
	for h := range pairing {
		pairing[h] = -1
	}
	for _, exact := range []bool{true, false} {
		for h := range held {
			if pairing[h] >= 0 {
				continue
			}
			for p := range planned {
				if !taken[p] && planned[p].Principal() == held[h].Principal() && (!exact || sameFlags(&planned[p], &held[h])) {
					pairing[h], taken[p] = p, true
					break
				}
			}
		}
	}
	return pairing
}

// mergeAccessEntries is the permission list to write: exactly the planned
// entries (authoritative), plus own's entries (hiddenOwn) with the three
// flags DSS gives them at creation. Each planned entry is written over
// DSS's entry it is paired with (pairAccessEntries), changing only the
// flags that differ, so that what an entry holds beyond the modelled
// fields (Extra) is kept and a flag DSS's entry lacks stays absent while
// it is planned false: a read takes it as false, so an explicit false
// would be a change nobody asked for. DSS's order is kept for the entries
// that stay; new ones follow, sorted by principal. The result is never nil:
// DSS's data collections want [] for no entry.
func mergeAccessEntries(planned, held []dss.AccessEntry, own string) []dss.AccessEntry {
	pairing := pairAccessEntries(planned, held)
	paired := make([]bool, len(planned))
	out := []dss.AccessEntry{}
	for h, cur := range held {
		var want *dss.AccessEntry
		switch p := pairing[h]; {
		case p >= 0:
			paired[p] = true
			want = &planned[p]
		case isOwn(cur, own):
			// The key's own entry, not listed: DSS's, with the rights
			// DSS gives it, restored if they were changed.
			want = &dss.AccessEntry{Admin: new(true), Write: new(true), Read: new(true)}
		default:
			continue
		}
		for _, f := range accessFlags {
			if flagSet(*f.dss(&cur)) != flagSet(*f.dss(want)) {
				*f.dss(&cur) = *f.dss(want)
			}
		}
		out = append(out, cur)
	}
	for p := range planned {
		if !paired[p] {
			out = append(out, planned[p])
		}
	}
	return out
}

// accessEntriesText is what a kind says of its permissions: the whole
// attribute's description, what each flag lets a group or user do on it,
// and its noun in the validator's error summary.
type accessEntriesText struct {
	Noun               string
	Description        string
	Admin, Write, Read string
}

// accessEntriesAttribute is the permissions attribute of a workspace or a
// data collection: optional (unmanaged when null), a set of entries each
// naming one group or user, with the three flags required because a set
// of objects cannot take defaults reliably.
func accessEntriesAttribute(t accessEntriesText) schema.SetNestedAttribute {
	return schema.SetNestedAttribute{Optional: true, Computed: true,
		MarkdownDescription: t.Description,
		PlanModifiers:       []planmodifier.Set{kit.UnmanagedSetWhenNull},
		Validators:          []validator.Set{kit.GroupOrUserValidator("permission entry", "Invalid "+t.Noun+" permission")},
		NestedObject: schema.NestedAttributeObject{Attributes: withPrincipalAttributes(map[string]schema.Attribute{
			"admin": schema.BoolAttribute{Required: true, MarkdownDescription: t.Admin},
			"write": schema.BoolAttribute{Required: true, MarkdownDescription: t.Write},
			"read":  schema.BoolAttribute{Required: true, MarkdownDescription: t.Read},
		})}}
}

// withPrincipalAttributes adds to a permission entry's attributes its
// group and user, of which kit.GroupOrUserValidator wants exactly one:
// the entries of workspaces, data collections and messaging channels.
func withPrincipalAttributes(attrs map[string]schema.Attribute) map[string]schema.Attribute {
	attrs["group"] = schema.StringAttribute{Optional: true,
		MarkdownDescription: "The group this entry is for. Exactly one of `group` and `user` must be set. " + groupRefNote,
		Validators:          groupNameKey.RefValidators()}
	attrs["user"] = schema.StringAttribute{Optional: true,
		MarkdownDescription: "Login of the user this entry is for. Exactly one of `group` and `user` must be set. " + loginRefNote,
		Validators:          loginKey.RefValidators()}
	return attrs
}
