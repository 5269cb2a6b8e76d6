package instance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewProjectStandardsScopeResource returns the
// dataiku_project_standards_scope resource.
func NewProjectStandardsScopeResource() resource.Resource {
	return kit.NewResource[projectStandardsScopeModel](projectStandardsScopeKind{})
}

// projectStandardsScopeKind is a Project Standards scope (DSS 14,
// dss/project_standards.py [V]): named by the caller (its name is its id,
// fixed at creation), created with POST /project-standards/scopes/{name},
// then written with read-modify-writes of that path. Its place in DSS's
// ordered list (the first scope that selects a project wins) is managed
// only when position is set, with DSS's reorder action.
type projectStandardsScopeKind struct{}

type projectStandardsScopeModel struct {
	projectStandardsScopeDataModel
	Position types.Int64 `tfsdk:"position"`
}

// projectStandardsScopeDataModel is what the scope's GET holds, all the
// dataiku_project_standards_scope data source shows: the resource's
// attributes but position, which only the list of scopes gives.
type projectStandardsScopeDataModel struct {
	ID              types.String `tfsdk:"id"`
	Name            types.String `tfsdk:"name"`
	Description     types.String `tfsdk:"description"`
	Checks          types.Set    `tfsdk:"checks"`
	SelectionMethod types.String `tfsdk:"selection_method"`
	Projects        types.Set    `tfsdk:"projects"`
	Folders         types.Set    `tfsdk:"folders"`
	Tags            types.Set    `tfsdk:"tags"`
}

// projectStandardsSelections are the selection methods dataikuapi's
// create_scope knows [V], each with the attribute of its list.
var projectStandardsSelections = []struct{ method, attr string }{
	{"BY_PROJECT", "projects"}, {"BY_FOLDER", "folders"}, {"BY_TAG", "tags"},
}

var projectStandardsScopeKey = kit.NameKey{Attr: "name", Label: "scope_name", What: "scope's name",
	Pattern: names.IDPattern, Rule: "must " + names.IDRule}

var projectStandardsScopeAddress = kit.NamedAddress("dataiku_project_standards_scope", "project-standards/scopes/{name}", projectStandardsScopeKey,
	func(m *projectStandardsScopeModel) *types.String { return &m.Name }, func(m *projectStandardsScopeModel) *types.String { return &m.ID })

func (projectStandardsScopeKind) Address() *kit.Address[projectStandardsScopeModel] {
	return &projectStandardsScopeAddress
}

// AdminAPI: as checks, admin is the safe reading [I].
func (projectStandardsScopeKind) AdminAPI() string { return "/project-standards/" }

func (projectStandardsScopeKind) Schema() schema.Schema {
	selection := func(method, what string) schema.SetAttribute {
		return schema.SetAttribute{Optional: true, ElementType: types.StringType,
			MarkdownDescription: fmt.Sprintf("The %s the scope selects (DSS's `selected%s`), with `selection_method = \"%s\"` only. Unset reads as none. Changes in place.",
				what, map[string]string{"BY_PROJECT": "Projects", "BY_FOLDER": "Folders", "BY_TAG": "Tags"}[method], method)}
	}
	return schema.Schema{
		MarkdownDescription: "A Project Standards scope (DSS 14 and later): which projects (by key, project folder or tag) run which checks (`dataiku_project_standards_check`). " +
			"DSS keeps scopes in order and a project runs the checks of the first scope that selects it; the default scope, which DSS makes itself, comes last and is not managed here. " +
			"Every change is a read-modify-write of the scope, so what the provider does not model is kept. Needs an administrator's API key. Import with the scope's name.\n\n" +
			"**Order.** Without `position`, a new scope goes where DSS puts it (last before the default scope) and its place is left to DSS. " +
			"With `position`, the provider moves it there with DSS's reorder action and reads its place back. A move shifts the scopes after it: when several scopes set a position, make each depend on the one before it (`depends_on`); " +
			"a move that shifts a scope placed earlier in the same apply shows as that scope's drift, which the next apply repairs.\n\n" +
			"**Refresh cost.** 1 API call, 2 with `position` (the list of scopes).",
		Attributes: map[string]schema.Attribute{
			"id": kit.StableIDAttribute("The scope's name."),
			"name": kit.RequiredReplacing("The scope's name, its id in DSS; it must "+names.IDRule+". DSS fixes it at creation: changing it replaces the scope.",
				projectStandardsScopeKey.Validators()...),
			"description": kit.OptionalString("", "Description. Default empty. Changes in place."),
			"checks": schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
				Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "The ids of the checks the selected projects run (`dataiku_project_standards_check`'s `id`). Default none. Changes in place."},
			"selection_method": kit.OptionalString("BY_PROJECT", "How the scope selects projects: `BY_PROJECT` (default, as dataikuapi's; by key, `projects`), `BY_FOLDER` (by project folder id, `folders`) "+
				"or `BY_TAG` (by tag, `tags`); another method a newer DSS knows is passed to it as written. `ALL` is the default scope's, which DSS makes. Changes in place.",
				stringvalidator.NoneOf(dss.ProjectStandardsDefaultSelection), kit.KnownSpelling("selection method", "BY_PROJECT", "BY_FOLDER", "BY_TAG")),
			"projects": selection("BY_PROJECT", "keys of the projects"),
			"folders":  selection("BY_FOLDER", "ids of the project folders"),
			"tags":     selection("BY_TAG", "project tags"),
			"position": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "The scope's place in DSS's order, from 0 (first), among the scopes but the default one. " +
					"When set, the provider moves the scope there with DSS's reorder action (a position beyond the last moves it last) and reads its place back: a scope moved outside Terraform shows as drift. " +
					"Unset: the place is left to DSS. Changes in place.",
				Validators: []validator.Int64{int64validator.AtLeast(0)}},
		},
	}
}

// ValidateConfig refuses a selection list that is not the selection
// method's: DSS reads only that one.
func (projectStandardsScopeKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var method types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("selection_method"), &method)...)
	if method.IsUnknown() {
		return
	}
	chosen := method.ValueString()
	if method.IsNull() {
		chosen = "BY_PROJECT"
	}
	for _, s := range projectStandardsSelections {
		var v types.Set
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(s.attr), &v)...)
		if !v.IsNull() && s.method != chosen {
			resp.Diagnostics.AddAttributeError(path.Root(s.attr), "Selection that the scope does not use",
				fmt.Sprintf("Attribute %s is the selection of selection_method = %q, but selection_method is %q: DSS would ignore it. Remove it or set selection_method = %q.",
					s.attr, s.method, chosen, s.method))
		}
	}
}

// Post creates the scope with its planned settings, as create_scope sends
// them [V].
func (projectStandardsScopeKind) Post(ctx context.Context, c *dss.Client, m *projectStandardsScopeModel) error {
	d := dss.ProjectStandardsScope{Name: m.Name.ValueString()}
	if err := kit.DiagsError(applyProjectStandardsScope(ctx, &m.projectStandardsScopeDataModel, &d)); err != nil {
		return err
	}
	if err := c.CreateProjectStandardsScope(ctx, d); err != nil {
		return err
	}
	m.ID = m.Name
	return nil
}

func (projectStandardsScopeKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[projectStandardsScopeModel]) {
	plan := op.Plan
	position := plan.Position
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[projectStandardsScopeModel, dss.ProjectStandardsScope]{
		Doc: dss.ProjectStandardsScopeDoc(plan.Name.ValueString()),
		ToDSS: func(d *dss.ProjectStandardsScope) diag.Diagnostics {
			return applyProjectStandardsScope(ctx, &plan.projectStandardsScopeDataModel, d)
		},
		FromDSS: func(d *dss.ProjectStandardsScope) diag.Diagnostics {
			return projectStandardsScopeFromDSS(ctx, d, &plan.projectStandardsScopeDataModel)
		},
	})
	if op.Diags.HasError() || !kit.Known(position) {
		return
	}
	index, others, err := projectStandardsScopeIndex(ctx, c, plan.Name.ValueString())
	if op.Fail(err) {
		return
	}
	if want := min(position.ValueInt64(), others); index != want {
		if op.Fail(c.ReorderProjectStandardsScope(ctx, plan.Name.ValueString(), want)) {
			return
		}
		if index, _, err = projectStandardsScopeIndex(ctx, c, plan.Name.ValueString()); op.Fail(err) {
			return
		}
	}
	plan.Position = types.Int64Value(index)
	if index == min(position.ValueInt64(), others) && position.ValueInt64() > others {
		// Moved last, as far as DSS's list goes: the plan's number stays
		// until more scopes make room for it.
		plan.Position = position
	}
}

// projectStandardsScopeIndex is the scope's place among the scopes but
// the default one, and how many others there are (-1 when DSS does not
// list it).
func projectStandardsScopeIndex(ctx context.Context, c *dss.Client, name string) (index, others int64, err error) {
	list, err := c.ListProjectStandardsScopes(ctx)
	if err != nil {
		return 0, 0, err
	}
	index = -1
	for i, s := range list {
		if s.SelectionMethod == dss.ProjectStandardsDefaultSelection {
			continue
		}
		if s.Name == name {
			index = int64(i)
		} else {
			others++
		}
	}
	return index, others, nil
}

// Read costs 1 GET, and the list when position is managed.
func (projectStandardsScopeKind) Read(ctx context.Context, c *dss.Client, m *projectStandardsScopeModel, _ bool) error {
	d, err := dss.ProjectStandardsScopeDoc(m.Name.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	if err := kit.DiagsError(projectStandardsScopeFromDSS(ctx, d, &m.projectStandardsScopeDataModel)); err != nil {
		return err
	}
	if !kit.Known(m.Position) {
		return nil
	}
	index, others, err := projectStandardsScopeIndex(ctx, c, m.Name.ValueString())
	if err != nil {
		return err
	}
	if !(m.Position.ValueInt64() > others && index == others) {
		// A position beyond the last that DSS holds last reads as written.
		m.Position = types.Int64Value(index)
	}
	return nil
}
