package project

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewExposedObjectResource returns the dataiku_exposed_object resource.
func NewExposedObjectResource() resource.Resource {
	return kit.NewResource[ExposedObjectModel](&ExposedObjectKind{})
}

// ExposedObjectKind is one entry of a project's exposedObjects (in the
// project's settings document): an object the project shares with other
// projects. The entry is named by (type, localName); the settings
// document is shared by every entry and by the rest of the project's
// settings, so each write is a read-modify-write of that one entry, under
// the provider's per-project settings lock (SettingsLocks).
type ExposedObjectKind struct {
	Locks *kit.ProjectLocks
}

type ExposedObjectModel struct {
	ID                  types.String `tfsdk:"id"`
	ProjectKey          types.String `tfsdk:"project_key"`
	Type                types.String `tfsdk:"type"`
	LocalName           types.String `tfsdk:"local_name"`
	QuickSharingEnabled types.Bool   `tfsdk:"quick_sharing_enabled"`
	Targets             types.Set    `tfsdk:"targets"`
}

// exposedObjectTypes are the types DSS is known to expose [V dataikuapi
// replace_input_computable docstring: DATASET, SAVED_MODEL,
// MANAGED_FOLDER, MODEL_EVALUATION_STORE, STREAMING_ENDPOINT; D doc
// "Shared objects": also notebooks and other objects]. They are listed in
// the documentation only: the validator accepts any type, since DSS
// versions add more and a stricter list would refuse real projects.
var exposedObjectTypes = []string{"DATASET", "MANAGED_FOLDER", "SAVED_MODEL", "MODEL_EVALUATION_STORE", "STREAMING_ENDPOINT"}

// exposedTypePattern keeps dots out of a type, so that the id
// PROJECT_KEY.TYPE.local_name splits unambiguously.
var exposedTypePattern = regexp.MustCompile(`^[^.\s]+$`)

// The import ID's parts beyond the project key: the type, and the shared
// object's name or id (the rest of the ID, not empty).
var (
	exposedTypePart = kit.ImportPart{Label: "TYPE", Pattern: exposedTypePattern, Rule: "be a DSS object type such as DATASET, without dots or spaces"}
	localNamePart   = kit.ImportPart{Label: "local_name", Pattern: regexp.MustCompile(`^.+$`), Rule: "not be empty"}
)

func exposedTargetAttrTypes() map[string]attr.Type {
	return map[string]attr.Type{"project_key": types.StringType, "appear_on_flow": types.BoolType}
}

func ExposedTargetObjectType() types.ObjectType {
	return types.ObjectType{AttrTypes: exposedTargetAttrTypes()}
}

// ExposedObjectAddress: an exposure is named by its project and the
// object it shares; it lives in the project's settings document.
var ExposedObjectAddress = kit.Address[ExposedObjectModel]{
	TypeName: "dataiku_exposed_object",
	Path:     "projects/{project_key}/settings",
	Key: []kit.KeyPart[ExposedObjectModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *ExposedObjectModel) *types.String { return &m.ProjectKey }, Doc: "Key of the project that holds and shares the object."},
		{Attr: "type", ImportPart: exposedTypePart, Field: func(m *ExposedObjectModel) *types.String { return &m.Type }, Doc: "DSS's type of the object, e.g. DATASET or MANAGED_FOLDER."},
		{Attr: "local_name", ImportPart: localNamePart, Field: func(m *ExposedObjectModel) *types.String { return &m.LocalName }, Doc: "The object in its project: a dataset's name, a managed folder's or saved model's id."},
	},
	Example:        "e.g. SALES.DATASET.orders, or SALES.MANAGED_FOLDER.<folder id>",
	RenamedInPlace: true, // local_name renames the entry in place
	ID:             func(m *ExposedObjectModel) *types.String { return &m.ID },
}

func (*ExposedObjectKind) Address() *kit.Address[ExposedObjectModel] { return &ExposedObjectAddress }

func (*ExposedObjectKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Shares one object of a project (a dataset, a managed folder, a saved model, …) with other projects: " +
			"one entry of the project's exposed objects (DSS project settings `exposedObjects`, shown in DSS as *Settings > Security > Shared objects*). " +
			"A recipe of another project can read `PROJECT_KEY.name` only once the object is exposed to that project.\n\n" +
			"**Why a resource and not an attribute of `dataiku_project`.** The object shared lives in the project: an attribute of " +
			"`dataiku_project` could not reference `dataiku_dataset.x.name` (the dataset depends on the project, so the project cannot depend on it), " +
			"and every exposure would have to be written in the project's resource. As a resource of its own, the exposure depends on the object and on the target projects, " +
			"a recipe of a target project can reference it, and a module that owns a dataset can share it without owning the project. " +
			"The object is named `local_name`, DSS's own field, rather than `name`: for a managed folder or a saved model it is the object's id, not its name.\n\n" +
			"**Read-modify-write.** Each entry is stored in the project's settings document, with the other entries and the rest of the settings. " +
			"Every write reads that document, changes only this object's entry and writes it back; the provider serialises these writes per project, " +
			"so several `dataiku_exposed_object` of one project applied in parallel do not lose each other's changes. Entries not managed by Terraform are left alone; " +
			"`dataiku_project` never writes the settings document.\n\n" +
			"**Rights.** Changing a project's exposed objects needs DSS's *Manage exposed elements* permission on the project (`manage_exposed_elements` in " +
			"`dataiku_project.permissions`), or admin rights on it.\n\n" +
			"Destroying the resource removes the entry: the object is no longer shared. Import with `PROJECT_KEY.TYPE.local_name`, e.g. `SALES.DATASET.orders`.\n\n" +
			"**Refresh cost.** 1 API call (the project's settings).",
		Attributes: map[string]schema.Attribute{
			"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "`PROJECT_KEY.TYPE.local_name`."},
			"project_key": kit.ParentProjectKeyAttribute("Key of the project that holds the object and shares it. Changing it removes the entry from the old project and creates it in the new one."),
			"type": kit.RequiredReplacing("DSS's type of the object: `"+strings.Join(exposedObjectTypes, "`, `")+"`, or any other type DSS exposes "+
				"(the provider does not restrict it: DSS versions add types). Changing it replaces the entry.",
				stringvalidator.RegexMatches(exposedTypePattern, "must be a DSS object type such as DATASET, without dots or spaces")),
			"local_name": schema.StringAttribute{Required: true,
				MarkdownDescription: "The object in its project, as DSS names it in `exposedObjects` (`localName`): a dataset's name, " +
					"a managed folder's or saved model's **id** (e.g. `dataiku_managed_folder.x.id`). " +
					"Changing it renames the entry in place (its targets and quick sharing stay): that is how a dataset renamed in place is followed, " +
					"whether or not DSS's rename already carried the entry along.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"quick_sharing_enabled": kit.OptionalBool(false,
				"DSS's quick sharing (`quickSharingEnabled`): every user who can see the object may use it in their own projects, "+
					"without a rule per project. Defaults to `false`. Changes in place."),
			"targets": schema.SetNestedAttribute{Optional: true, Computed: true,
				Default: setdefault.StaticValue(types.SetValueMust(ExposedTargetObjectType(), nil)),
				MarkdownDescription: "The projects the object is shared with (DSS `rules`), one per project. Authoritative: after an apply DSS shares the object " +
					"with exactly these projects, and a project added outside Terraform shows as drift. Defaults to none (useful with `quick_sharing_enabled`). " +
					"Changes in place.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"project_key": schema.StringAttribute{Required: true,
						MarkdownDescription: "Key of the project the object is shared with (`targetProject`).",
						Validators:          []validator.String{stringvalidator.RegexMatches(kit.ProjectKeyPattern, kit.ProjectKeyRule)}},
					// Required: an Optional+Computed flag inside a set element
					// would keep its prior value when left out (Terraform
					// matches set elements by their other attributes), so
					// drift in it could never be repaired.
					"appear_on_flow": schema.BoolAttribute{Required: true,
						MarkdownDescription: "Whether the object appears in the target project's Flow (`appearOnFlow`) even before a recipe uses it."},
				}},
				Validators: []validator.Set{exposedTargetsUnique}},
		},
	}
}

// ModifyPlan plans the id from the planned project, type and local name,
// so that a renamed entry's new id is in the plan (the stable id would
// keep the old one).
func (*ExposedObjectKind) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var key, typ, name types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("project_key"), &key)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("type"), &typ)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("local_name"), &name)...)
	id := types.StringUnknown()
	if kit.Known(key) && kit.Known(typ) && kit.Known(name) {
		id = types.StringValue(exposedObjectID(key.ValueString(), typ.ValueString(), name.ValueString()))
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), id)...)
}

// Configure takes the provider's per-project settings locks.
func (k *ExposedObjectKind) Configure(data *kit.ProviderData) { k.Locks = data.SettingsLocks }

func (m *ExposedObjectModel) key() string { return m.ProjectKey.ValueString() }

func exposedObjectID(key, typ, name string) string { return key + "." + typ + "." + name }

func (k *ExposedObjectKind) Find(ctx context.Context, c *dss.Client, m *ExposedObjectModel) (bool, error) {
	s, err := dss.ProjectSettingsDoc(m.key()).Get(ctx, c)
	if err != nil {
		return false, err
	}
	return s.FindExposed(m.Type.ValueString(), m.LocalName.ValueString()) >= 0, nil
}

// errExposedAppeared is post's answer when the entry appeared between the
// kit's existence check and the write (another writer).
var errExposedAppeared = errors.New("the project's settings already hold an exposedObjects entry for this object, added since the plan")

// update is the locked read-modify-write of the project's settings.
func (k *ExposedObjectKind) update(ctx context.Context, c *dss.Client, key string, change func(*dss.ProjectSettings) error) (*dss.ProjectSettings, error) {
	defer k.Locks.Lock(key)()
	s, _, err := dss.ProjectSettingsDoc(key).Update(ctx, c, change)
	return s, err
}

func (k *ExposedObjectKind) Post(ctx context.Context, c *dss.Client, m *ExposedObjectModel) error {
	var d diag.Diagnostics
	_, err := k.update(ctx, c, m.key(), func(s *dss.ProjectSettings) error {
		if s.FindExposed(m.Type.ValueString(), m.LocalName.ValueString()) >= 0 {
			return errExposedAppeared
		}
		if s.ExposedObjects == nil {
			s.ExposedObjects = &dss.ExposedObjects{}
		}
		entry := dss.ExposedObject{Type: m.Type.ValueString(), LocalName: m.LocalName.ValueString()}
		d = applyExposedEntry(ctx, m, &entry)
		if err := kit.DiagsError(d); err != nil {
			return err
		}
		s.ExposedObjects.Objects = append(s.ExposedObjects.Objects, entry)
		return nil
	})
	return kit.EntryWriteOutcome(err)
}

// Apply writes the entry's name, quick sharing and rules (no PUT when DSS
// already has them) and reads the entry back into the plan. A new
// local_name renames the prior entry, unless DSS already did (a dataset's
// rename carries its exposure along).
func (k *ExposedObjectKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[ExposedObjectModel]) {
	m := op.Plan
	typ, name := m.Type.ValueString(), m.LocalName.ValueString()
	priorName := name
	if op.Prior != nil {
		priorName = op.Prior.LocalName.ValueString()
	}
	var d diag.Diagnostics
	s, err := k.update(ctx, c, m.key(), func(s *dss.ProjectSettings) error {
		i, old := s.FindExposed(typ, name), s.FindExposed(typ, priorName)
		switch {
		case i >= 0 && old >= 0 && i != old:
			return fmt.Errorf("project %s already has an exposedObjects entry for %s %s, besides this resource's entry for %s: "+
				"remove one of them in DSS, or import the other one as its own dataiku_exposed_object", m.key(), typ, name, priorName)
		case i < 0 && old < 0:
			return &kit.AbsentFromListError{ListPath: dss.ProjectSettingsDoc(m.key()).Path()}
		case i < 0:
			i = old
			s.ExposedObjects.Objects[i].LocalName = name
		}
		d = applyExposedEntry(ctx, m, &s.ExposedObjects.Objects[i])
		return kit.DiagsError(d)
	})
	// The entry's conversion errors are the configuration's; DSS's only
	// when the entry converted.
	if op.Diags.Append(d...); d.HasError() || op.Fail(err) {
		return
	}
	op.Diags.Append(exposedEntryToModel(&s.ExposedObjects.Objects[s.FindExposed(typ, name)], m)...)
}

func (*ExposedObjectKind) Read(ctx context.Context, c *dss.Client, m *ExposedObjectModel, _ bool) error {
	s, err := dss.ProjectSettingsDoc(m.key()).Get(ctx, c)
	if err != nil {
		return err
	}
	i := s.FindExposed(m.Type.ValueString(), m.LocalName.ValueString())
	if i < 0 {
		return &kit.AbsentFromListError{ListPath: dss.ProjectSettingsDoc(m.key()).Path()}
	}
	if d := exposedEntryToModel(&s.ExposedObjects.Objects[i], m); d.HasError() {
		return fmt.Errorf("converting DSS's answer: %v", d)
	}
	return nil
}

// Delete removes the entry (every entry for the object, should DSS hold
// several); an entry already gone sends no PUT.
func (k *ExposedObjectKind) Delete(ctx context.Context, c *dss.Client, m *ExposedObjectModel) error {
	_, err := k.update(ctx, c, m.key(), func(s *dss.ProjectSettings) error {
		for i := s.FindExposed(m.Type.ValueString(), m.LocalName.ValueString()); i >= 0; i = s.FindExposed(m.Type.ValueString(), m.LocalName.ValueString()) {
			s.ExposedObjects.Objects = append(s.ExposedObjects.Objects[:i], s.ExposedObjects.Objects[i+1:]...)
		}
		return nil
	})
	return err
}

// ParseExposedObjectImportID splits PROJECT_KEY.TYPE.local_name. Neither
// the key nor the type holds a dot; the local name is the rest, whatever
// it holds (DSS's list of exposable types is open, and so is what they
// name), as local_name's own validator only asks that it is not empty.
func ParseExposedObjectImportID(id string) (key, typ, name string, err error) {
	p, err := ExposedObjectAddress.ParseImportKey(id)
	if err != nil {
		return "", "", "", err
	}
	return p[0], p[1], p[2], nil
}

// applyExposedEntry makes e share the object as m plans: quick sharing,
// and one rule per target. Rules kept keep their place and the fields the
// provider does not model; a flag DSS left out stays out while its
// meaning (false) is what the plan wants.
func applyExposedEntry(ctx context.Context, m *ExposedObjectModel, e *dss.ExposedObject) diag.Diagnostics {
	if kit.Known(m.QuickSharingEnabled) && FlagValue(e.QuickSharingEnabled) != m.QuickSharingEnabled.ValueBool() {
		v := m.QuickSharingEnabled.ValueBool()
		e.QuickSharingEnabled = &v
	}
	if !kit.Known(m.Targets) {
		return nil
	}
	want, d := exposedTargetsFromSet(ctx, m.Targets)
	if d.HasError() {
		return d
	}
	rules := []dss.ExposedRule{}
	for _, r := range e.Rules {
		flow, ok := want[r.TargetProject]
		if !ok {
			continue
		}
		delete(want, r.TargetProject)
		if FlagValue(r.AppearOnFlow) != flow {
			r.AppearOnFlow = &flow
		}
		rules = append(rules, r)
	}
	for _, p := range slices.Sorted(maps.Keys(want)) {
		flow := want[p]
		rules = append(rules, dss.ExposedRule{TargetProject: p, AppearOnFlow: &flow})
	}
	e.Rules = rules
	return d
}

// exposedTargetsFromSet maps each target project to appear_on_flow.
func exposedTargetsFromSet(ctx context.Context, set types.Set) (map[string]bool, diag.Diagnostics) {
	var targets []struct {
		ProjectKey   types.String `tfsdk:"project_key"`
		AppearOnFlow types.Bool   `tfsdk:"appear_on_flow"`
	}
	d := set.ElementsAs(ctx, &targets, false)
	out := map[string]bool{}
	for _, t := range targets {
		out[t.ProjectKey.ValueString()] = t.AppearOnFlow.ValueBool()
	}
	return out, d
}

// exposedEntryToModel fills m from DSS's entry; a flag DSS left out is
// false.
func exposedEntryToModel(e *dss.ExposedObject, m *ExposedObjectModel) diag.Diagnostics {
	m.ID = types.StringValue(exposedObjectID(m.key(), e.Type, e.LocalName))
	m.QuickSharingEnabled = types.BoolValue(FlagValue(e.QuickSharingEnabled))
	elems := []attr.Value{}
	seen := map[string]bool{}
	var diags diag.Diagnostics
	for _, r := range e.Rules {
		if seen[r.TargetProject] {
			continue // one target per project, as the schema has it
		}
		seen[r.TargetProject] = true
		o, d := types.ObjectValue(exposedTargetAttrTypes(), map[string]attr.Value{
			"project_key": types.StringValue(r.TargetProject), "appear_on_flow": types.BoolValue(FlagValue(r.AppearOnFlow))})
		diags.Append(d...)
		elems = append(elems, o)
	}
	set, d := types.SetValue(ExposedTargetObjectType(), elems)
	diags.Append(d...)
	m.Targets = set
	return diags
}

func FlagValue(b *bool) bool { return b != nil && *b }

// exposedTargetsUnique refuses two targets for one project: DSS keeps one
// rule per target project, so the second could never be read back.
var exposedTargetsUnique = kit.SetCheck("each target project appears once", func(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	seen := map[string]bool{}
	for _, e := range req.ConfigValue.Elements() {
		obj, ok := e.(basetypes.ObjectValue)
		if !ok || obj.IsUnknown() {
			continue
		}
		p, ok := obj.Attributes()["project_key"].(types.String)
		if !ok || !kit.Known(p) {
			continue
		}
		if seen[p.ValueString()] {
			resp.Diagnostics.AddAttributeError(req.Path, "Duplicate target project",
				fmt.Sprintf("Project %s is listed twice in targets: DSS keeps one rule per target project. List it once, with the appear_on_flow you want.", p.ValueString()))
			return
		}
		seen[p.ValueString()] = true
	}
})

// project key → *sync.Mutex
