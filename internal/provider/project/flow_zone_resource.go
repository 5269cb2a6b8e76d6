package project

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewFlowZoneResource returns the dataiku_flow_zone resource.
func NewFlowZoneResource() resource.Resource {
	return kit.NewResource[flowZoneModel](flowZoneKind{})
}

// flowZoneKind is a Flow zone: DSS generates its id; its name and color
// change in place, and so does its membership (objects move between zones
// with DSS's add-items call; there is no remove call).
type flowZoneKind struct{}

// flowZoneAddress: DSS generates a zone's id; its name in its project
// finds it when the answer to its creation was lost. The default zone
// cannot be imported.
var flowZoneAddress = kit.Address[flowZoneModel]{
	TypeName: "dataiku_flow_zone",
	Path:     "projects/{project_key}/flow/zones/{id}",
	Key: []kit.KeyPart[flowZoneModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *flowZoneModel) *types.String { return &m.ProjectKey }, Doc: "Key of the project holding the zone."},
		{Attr: "id", ImportPart: kit.ZonePart, Field: func(m *flowZoneModel) *types.String { return &m.ID }, Doc: "The zone's id DSS generated (not its name)."},
	},
	ID:        func(m *flowZoneModel) *types.String { return &m.ID },
	Generated: true,
	Natural:   &kit.KeyPart[flowZoneModel]{Attr: "name", Field: func(m *flowZoneModel) *types.String { return &m.Name }},
	Parent:    "in project",
	ParseKey: func(id string) ([]string, error) {
		key, zoneID, err := ParseFlowZoneImportID(id)
		return []string{key, zoneID}, err
	},
}

func (flowZoneKind) Address() *kit.Address[flowZoneModel] { return &flowZoneAddress }

func (flowZoneKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A zone of a project's Flow: a named, colored group of datasets, managed folders and recipes. " +
			"DSS generates its id. Every object of the Flow is in exactly one zone; objects no zone lists are in the project's default zone. " +
			"With `items` set, this zone holds exactly those objects: objects listed are moved here (out of whatever zone held them), " +
			"objects DSS lists here but the configuration does not are moved back to the default zone. Destroying the zone moves its objects to the default zone. " +
			"Import with `PROJECT_KEY.id`.\n\n**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			"id":          kit.StableIDAttribute("The zone id DSS generated."),
			"project_key": kit.ParentProjectKeyAttribute("Key of the DSS project whose Flow holds the zone. Changing it destroys the zone and creates it in the new project."),
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Zone name, not blank. Changing it renames the zone in place (its id and objects stay). " +
					"The provider finds a zone whose create answer was lost by its name, so give the zones it manages distinct names.",
				Validators: nonBlankValidators()},
			"color": kit.OptionalString(dss.DefaultZoneColor,
				"Zone color in the Flow, `#RRGGBB`, or `\"\"` (a zone DSS holds without a color). Defaults to DSS's `"+dss.DefaultZoneColor+"`. Changes in place.",
				stringvalidator.RegexMatches(zoneColorPattern, ZoneColorRule)),
			"items": schema.SetNestedAttribute{Optional: true,
				MarkdownDescription: "The objects in this zone. When set, it is authoritative for this zone: listed objects are moved here, " +
					"objects DSS shows here that are not listed go back to the default zone. When not set, the zone's membership is left as DSS has it " +
					"(and not shown). An object can be in one zone only: do not list it in two `dataiku_flow_zone` resources. " +
					"Moving an object from one managed zone to another in one apply is safe in any order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{Required: true,
						MarkdownDescription: "The object's DSS type: `" + strings.Join(zoneItemTypes, "`, `") + "`. " +
							"Any other type in capitals (letters, digits and underscores, not starting with a digit) is passed to DSS, which judges it.",
						Validators: []validator.String{stringvalidator.RegexMatches(zoneItemTypePattern, ZoneItemTypeRule)}},
					"id": schema.StringAttribute{Required: true,
						MarkdownDescription: "The dataset's or recipe's name, or the id of a managed folder, saved model, evaluation store, knowledge bank, " +
							"labeling task or streaming endpoint; `PROJECT_KEY.name` for an object shared from another project. " +
							"dss-adopt writes a reference to the resource for datasets, recipes, managed folders, evaluation stores, knowledge banks and streaming endpoints it adopts, and the literal id for the other types.",
						Validators: []validator.String{stringvalidator.RegexMatches(zoneItemRefPattern, ZoneItemRefRule)}},
				}}},
		},
	}
}

// Find looks for a zone with the planned name (never the default zone).
// DSS does not say zone names are unique: several zones with the name is
// an error rather than a guess.
func (flowZoneKind) Find(ctx context.Context, c *dss.Client, m *flowZoneModel) (bool, error) {
	zones, err := c.ListFlowZones(ctx, m.ProjectKey.ValueString())
	if err != nil {
		return false, err
	}
	return kit.FindCreated(zones, &m.ID, func(z *dss.FlowZone) (bool, string) {
		return z.ID != dss.DefaultZoneID && z.Name == m.Name.ValueString(), z.ID
	}, func(ids []string) error {
		return fmt.Errorf("project %s has %d flow zones named %q (ids %s); the provider cannot tell which one is meant: rename or delete the extra ones in DSS",
			m.ProjectKey.ValueString(), len(ids), m.Name.ValueString(), strings.Join(ids, ", "))
	})
}

func (flowZoneKind) Post(ctx context.Context, c *dss.Client, m *flowZoneModel) error {
	color := dss.DefaultZoneColor
	kit.SetKnownString(m.Color, &color)
	z, err := c.CreateFlowZone(ctx, m.ProjectKey.ValueString(), m.Name.ValueString(), color)
	if err != nil {
		return err
	}
	m.ID = types.StringValue(z.ID)
	return nil
}

// Apply writes name and color with a read-modify-write of the zone (no
// PUT when they already match), then the membership when it is managed.
func (flowZoneKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[flowZoneModel]) {
	plan := op.Plan
	key, id := plan.ProjectKey.ValueString(), plan.ID.ValueString()
	z, _, err := dss.FlowZoneDoc(key, id).Update(ctx, c, func(z *dss.FlowZone) error {
		z.Name = plan.Name.ValueString()
		kit.SetKnownString(plan.Color, &z.Color)
		return nil
	})
	if op.Fail(err) {
		return
	}
	withItems := !plan.Items.IsNull() && !plan.Items.IsUnknown()
	if withItems {
		want, d := zoneItemsFromSet(ctx, plan.Items, key)
		op.Diags.Append(d...)
		if d.HasError() {
			return
		}
		if z, err = SyncZoneItems(ctx, c, key, id, want); op.Fail(err) {
			return
		}
	}
	op.Diags.Append(flowZoneFromDSS(z, key, plan, withItems)...)
}

// Read costs 1 GET. Right after an import (name still null) the items are
// read too; otherwise only when they are managed.
func (flowZoneKind) Read(ctx context.Context, c *dss.Client, m *flowZoneModel, imported bool) error {
	key := m.ProjectKey.ValueString()
	z, err := dss.FlowZoneDoc(key, m.ID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	if d := flowZoneFromDSS(z, key, m, imported || !m.Items.IsNull()); d.HasError() {
		return fmt.Errorf("converting DSS's answer: %v", d)
	}
	return nil
}

// ReadWarnings explains an object this zone's state lists that DSS now has
// in another explicit zone: most often another dataiku_flow_zone lists it
// too, and each apply moves it back and forth with nothing in the plan to
// say why. The object's holder costs one more list call, made only when
// such an object is missing; without that list there is no warning (the
// plan still shows the change).
func (flowZoneKind) ReadWarnings(ctx context.Context, c *dss.Client, prior, m *flowZoneModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if !kit.Known(prior.Items) || !kit.Known(m.Items) {
		return nil
	}
	key := m.ProjectKey.ValueString()
	had, d := zoneItemsFromSet(ctx, prior.Items, key)
	now, d2 := zoneItemsFromSet(ctx, m.Items, key)
	if d.HasError() || d2.HasError() {
		return nil
	}
	var gone []dss.ZoneItem
	for _, it := range had {
		if !containsItem(now, it, key) {
			gone = append(gone, it)
		}
	}
	if len(gone) == 0 {
		return nil
	}
	zones, err := c.ListFlowZones(ctx, key)
	if err != nil {
		tflog.Debug(ctx, "cannot list the flow zones to say where a zone's object went", map[string]any{"error": err.Error()})
		return nil
	}
	for _, it := range gone {
		for _, z := range zones {
			if z.ID == m.ID.ValueString() || z.ID == dss.DefaultZoneID || !containsItem(z.Items, it, key) {
				continue
			}
			diags.AddWarning(fmt.Sprintf("%s %s is in another flow zone", it.ObjectType, it.Ref(key)),
				fmt.Sprintf("The %s %s, which %s lists, is now in zone %q (id %s) in DSS; the next apply moves it back to %q while the configuration lists it there. "+
					"An object is in one zone only: if another dataiku_flow_zone lists it too, the two zones take it from each other on every apply; "+
					"list it in one zone only.",
					it.ObjectType, it.Ref(key), flowZoneAddress.Label(m), z.Name, z.ID, m.Name.ValueString()))
		}
	}
	return diags
}

// ParseFlowZoneImportID splits PROJECT_KEY.id. The default zone cannot be
// managed: DSS cannot delete it and its content is implicit.
func ParseFlowZoneImportID(id string) (projectKey, zoneID string, err error) {
	key, zoneID, err := parseZoneImportID(id)
	if err != nil {
		return "", "", err
	}
	if zoneID == dss.DefaultZoneID {
		return "", "", fmt.Errorf("the default zone (%q) cannot be managed as a dataiku_flow_zone: DSS cannot delete it, and its content is every object no other zone holds", id)
	}
	return key, zoneID, nil
}

// parseZoneImportID splits PROJECT_KEY.zone_id; the caller refuses the
// default zone.
func parseZoneImportID(id string) (projectKey, zoneID string, err error) {
	p, err := kit.ParseImportID(id, "the zone's id, not its name, e.g. SALES.kFJ3a9x", kit.ProjectKeyPart, kit.ZonePart)
	if err != nil {
		return "", "", err
	}
	return p[0], p[1], nil
}
