package project

import (
	"context"
	"regexp"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Flow zones ↔ models, shared by the resource and the data source.

// zoneColorPattern is DSS's zone color, #RRGGBB (internal/dss/names,
// shared with the emulator).
var zoneColorPattern = names.ZoneColorPattern

// nonBlankPattern refuses a name of spaces only.
var nonBlankPattern = regexp.MustCompile(`\S`)

// nonBlankValidators are the validators of a string that must hold more
// than white space (nonBlankPattern), its refusal worded once.
func nonBlankValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(nonBlankPattern, "must not be blank")}
}

const ZoneColorRule = "must " + names.ZoneColorRule

// zoneItemRefPattern is an object's name or id, optionally prefixed with
// another project's key (internal/dss/names RefPattern).
var zoneItemRefPattern = names.RefPattern

const ZoneItemRefRule = "must " + names.RefRule

// zoneItemTypes are the objectType values DSS's client knows for a zone
// item [V dss/flow.py _to_smart_ref; dss-api-more.md §2], all of which
// real zones hold (issue 23). They document the attribute; the validator
// is zoneItemTypePattern, so that a type a later DSS adds is not refused.
var zoneItemTypes = []string{dss.ZoneItemDataset, dss.ZoneItemManagedFolder, dss.ZoneItemRecipe,
	"SAVED_MODEL", "MODEL_EVALUATION_STORE", "RETRIEVABLE_KNOWLEDGE", "LABELING_TASK", "STREAMING_ENDPOINT"}

// zoneItemTypePattern is the form of a DSS objectType: an upper-case word
// (names.EnumNamePattern) [I from the values above]. DSS judges which
// types exist.
var zoneItemTypePattern = names.EnumNamePattern

const ZoneItemTypeRule = "must be a DSS object type in upper case, such as DATASET, RECIPE, MANAGED_FOLDER or SAVED_MODEL"

// flowZoneModel is the dataiku_flow_zone resource.
type flowZoneModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Name       types.String `tfsdk:"name"`
	Color      types.String `tfsdk:"color"`
	Items      types.Set    `tfsdk:"items"`
}

var zoneItemAttrTypes = map[string]attr.Type{"type": types.StringType, "id": types.StringType}

var zoneItemObjectType = types.ObjectType{AttrTypes: zoneItemAttrTypes}

// zoneItemsValue is a zone's items as a set of {type, id}.
func zoneItemsValue(items []dss.ZoneItem, projectKey string) (types.Set, diag.Diagnostics) {
	var diags diag.Diagnostics
	vals := make([]attr.Value, 0, len(items))
	for _, it := range items {
		obj, d := types.ObjectValue(zoneItemAttrTypes, map[string]attr.Value{
			"type": types.StringValue(it.ObjectType), "id": types.StringValue(it.Ref(projectKey)),
		})
		diags.Append(d...)
		vals = append(vals, obj)
	}
	set, d := types.SetValue(zoneItemObjectType, vals)
	diags.Append(d...)
	return set, diags
}

// zoneItemsFromSet reads the configured items as DSS refs.
func zoneItemsFromSet(ctx context.Context, set types.Set, projectKey string) ([]dss.ZoneItem, diag.Diagnostics) {
	var raw []struct {
		Type types.String `tfsdk:"type"`
		ID   types.String `tfsdk:"id"`
	}
	diags := set.ElementsAs(ctx, &raw, false)
	out := make([]dss.ZoneItem, 0, len(raw))
	for _, r := range raw {
		out = append(out, dss.ZoneItemFromRef(r.Type.ValueString(), r.ID.ValueString(), projectKey))
	}
	return out, diags
}

// flowZoneFromDSS fills m from DSS's zone; items are filled when managed
// (withItems), otherwise left null.
func flowZoneFromDSS(z *dss.FlowZone, projectKey string, m *flowZoneModel, withItems bool) diag.Diagnostics {
	m.ID = types.StringValue(z.ID)
	m.ProjectKey = types.StringValue(projectKey)
	m.Name = types.StringValue(z.Name)
	m.Color = types.StringValue(z.Color)
	m.Items = types.SetNull(zoneItemObjectType)
	if !withItems {
		return nil
	}
	set, diags := zoneItemsValue(z.Items, projectKey)
	m.Items = set
	return diags
}

// zoneMoveLocks serialises the item moves of one project's zones within
// this provider process. Terraform applies two zones in parallel; without
// the lock, zone A could read that it still holds an object that zone B
// is taking, then send it to the default zone after B took it, and the
// object would end in neither.
var zoneMoveLocks sync.Map // project key → *sync.Mutex

func lockZoneMoves(projectKey string) func() {
	v, _ := zoneMoveLocks.LoadOrStore(projectKey, &sync.Mutex{})
	mu, _ := v.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}

func containsItem(items []dss.ZoneItem, it dss.ZoneItem, projectKey string) bool {
	return slices.ContainsFunc(items, func(x dss.ZoneItem) bool { return x.Same(it, projectKey) })
}

// SyncZoneItems makes want the zone's explicit items: what is missing is
// moved in (out of whatever zone holds it), and what is there but not
// wanted goes back to the default zone. Only what DSS lists in this zone
// right now is sent away, so when another zone of the same apply has
// already taken an object, it stays there: two zones trading objects
// converge in either order. It returns the zone as DSS then holds it.
func SyncZoneItems(ctx context.Context, c *dss.Client, projectKey, id string, want []dss.ZoneItem) (*dss.FlowZone, error) {
	defer lockZoneMoves(projectKey)()
	doc := dss.FlowZoneDoc(projectKey, id)
	cur, err := doc.Get(ctx, c)
	if err != nil {
		return nil, err
	}
	var add, remove []dss.ZoneItem
	for _, it := range want {
		if !containsItem(cur.Items, it, projectKey) {
			add = append(add, it)
		}
	}
	for _, it := range cur.Items {
		if !containsItem(want, it, projectKey) {
			remove = append(remove, it)
		}
	}
	if len(add) == 0 && len(remove) == 0 {
		return cur, nil
	}
	// A move is idempotent: after a lost answer, look at the zone and send
	// it again only if it did not take effect.
	move := func(to string, items []dss.ZoneItem, done func(z *dss.FlowZone) bool) error {
		return kit.PostChecked(func() error {
			_, err := c.MoveToFlowZone(ctx, projectKey, to, items)
			return err
		}, func() (bool, error) {
			z, err := doc.Get(ctx, c)
			if err != nil {
				return false, err
			}
			return done(z), nil
		})
	}
	if len(add) > 0 {
		err := move(id, add, func(z *dss.FlowZone) bool {
			return !slices.ContainsFunc(add, func(it dss.ZoneItem) bool { return !containsItem(z.Items, it, projectKey) })
		})
		if err != nil {
			return nil, err
		}
	}
	if len(remove) > 0 {
		err := move(dss.DefaultZoneID, remove, func(z *dss.FlowZone) bool {
			return !slices.ContainsFunc(remove, func(it dss.ZoneItem) bool { return containsItem(z.Items, it, projectKey) })
		})
		if err != nil {
			return nil, err
		}
	}
	return doc.Get(ctx, c)
}
