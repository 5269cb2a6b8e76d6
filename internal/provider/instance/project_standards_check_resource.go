package instance

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewProjectStandardsCheckResource returns the
// dataiku_project_standards_check resource.
func NewProjectStandardsCheckResource() resource.Resource {
	return kit.NewResource[projectStandardsCheckModel](projectStandardsCheckKind{})
}

// projectStandardsCheckKind is a Project Standards check (DSS 14,
// dss/project_standards.py [V]): DSS creates it from a check spec (POST
// /project-standards/checks/actions/import, which answers the new check
// with the id DSS generated, the spec's name and default params); its
// name, description, params and tags are then saved with a
// read-modify-write of /project-standards/checks/{id}.
//
// A lost answer to the import: checks have no name DSS keeps unique, so
// nothing in the plan finds the one a lost import made. The create lists
// the checks just before the import; when the answer is lost it lists
// them again, and a check of the planned element type that was not in the
// first list is the one the import made (it is adopted); none means the
// import did not happen (the kit sends it once more); more than one (an
// administrator importing the same spec at that moment) cannot be told
// apart, and the create fails saying so. A check that was there before is
// never adopted.
type projectStandardsCheckKind struct{}

type projectStandardsCheckModel struct {
	ID               types.String  `tfsdk:"id"`
	CheckElementType types.String  `tfsdk:"check_element_type"`
	Name             types.String  `tfsdk:"name"`
	Description      types.String  `tfsdk:"description"`
	Params           types.Dynamic `tfsdk:"params"`
	Tags             types.Set     `tfsdk:"tags"`
	// checksBefore are the ids of DSS's checks listed right before the
	// import, to find the check a lost answer made (see the kind).
	checksBefore []string `tfsdk:"-"`
}

var projectStandardsCheckAddress = kit.Address[projectStandardsCheckModel]{
	TypeName: "dataiku_project_standards_check",
	Path:     "project-standards/checks/{id}",
	Key: []kit.KeyPart[projectStandardsCheckModel]{
		{Attr: "id", ImportPart: kit.ImportPart{Label: "check_id"}, Field: func(m *projectStandardsCheckModel) *types.String { return &m.ID },
			Doc: "The id DSS gave the check."},
	},
	ID:        func(m *projectStandardsCheckModel) *types.String { return &m.ID },
	Generated: true,
	Natural: &kit.KeyPart[projectStandardsCheckModel]{Attr: "check_element_type",
		Field: func(m *projectStandardsCheckModel) *types.String { return &m.CheckElementType }},
	ParseKey: func(id string) ([]string, error) {
		if id == "" {
			return nil, fmt.Errorf("the import id is the check's id (not its name), which cannot be empty")
		}
		return []string{id}, nil
	},
}

func (projectStandardsCheckKind) Address() *kit.Address[projectStandardsCheckModel] {
	return &projectStandardsCheckAddress
}

// AdminAPI: Project Standards are an administrator's settings; who else
// may write them is not documented, so admin is the safe reading [I].
func (projectStandardsCheckKind) AdminAPI() string { return "/project-standards/" }

func (projectStandardsCheckKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A Project Standards check (DSS 14 and later): an instance of a check spec, with its parameters, that the scopes (`dataiku_project_standards_scope`) make projects run. " +
			"DSS creates it from its spec, with the spec's name, description and default parameters and an id it generates; what the configuration sets is then saved with a read-modify-write, so what the provider does not model is kept. " +
			"A creation whose answer was lost is recovered by comparing DSS's list of checks before and after it: a check that was there before is never adopted. " +
			"Needs an administrator's API key. Import with the check's id (`dataiku_project_standards_check_specs` lists the element types, `terraform query` the checks).\n\n" +
			"**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			"id": kit.StableIDAttribute("The id DSS gave the check."),
			"check_element_type": kit.RequiredReplacing("The element type of the check spec the check is made of (DSS's `checkElementType`: the spec's plugin id and component id, e.g. `my-plugin_max-datasets`; "+
				"the data source `dataiku_project_standards_check_specs` lists the ones DSS knows). Checked against DSS's specs at apply, before anything is created. Changing it replaces the check.",
				stringvalidator.LengthAtLeast(1)),
			"name": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The check's name. When not set, DSS's name is kept (at creation, its spec's label) and the state records it. Changes in place.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"description": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The check's description. When not set, DSS's description is kept (at creation, its spec's) and the state records it. Changes in place.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"params": kit.HCLObjectAttribute("The check's parameters (DSS's `checkParams`), as an object in the spec's names, e.g. `{ threshold = 50 }` (a `jsonencode` string is read too). " +
				"Only the top-level keys written are managed, each whole; the others stay as DSS has them (the spec's defaults). Unset: DSS's parameters are recorded but not managed. Changes in place."),
			"tags": schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
				Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "Tags. Default none. Changes in place."},
		},
	}
}

// CheckBeforeCreate refuses an element type DSS does not know, before
// the import (DSS would judge it too, but an import of an unknown spec
// may make nothing and say little [I]). Skipped when the specs cannot be
// read: DSS judges.
func (projectStandardsCheckKind) CheckBeforeCreate(ctx context.Context, c kit.CheckReader, m *projectStandardsCheckModel, diags *diag.Diagnostics) {
	want := m.CheckElementType.ValueString()
	known, err := c.List("project standards check specs", want, func() ([]string, error) {
		specs, err := c.Client.ListProjectStandardsCheckSpecs(ctx)
		var out []string
		for _, s := range specs {
			out = append(out, s.ElementType)
		}
		return out, err
	})
	if err != nil {
		kit.SkipCheck(ctx, "project standards check spec", err)
		return
	}
	if !slices.Contains(known, want) {
		diags.AddAttributeError(path.Root("check_element_type"), "Cannot create "+projectStandardsCheckAddress.Label(m), fmt.Sprintf(
			"check_element_type: DSS has no check spec %q (GET /project-standards/check-specs lists %s). Nothing was created. Install the plugin that provides it or fix the element type.",
			want, kit.QuotedOrNone(known)))
	}
}

// Find finds the check by its id; without one (a create whose answer was
// lost) there is nothing to find it by: FindPosted decides.
func (projectStandardsCheckKind) Find(ctx context.Context, c *dss.Client, m *projectStandardsCheckModel) (bool, error) {
	if !kit.Known(m.ID) {
		return false, nil
	}
	return kit.ExistsCheck(func() error { _, err := dss.ProjectStandardsCheckDoc(m.ID.ValueString()).Get(ctx, c); return err })()
}

// FindPosted finds the check a lost import made: a check of the planned
// element type absent from the list taken before it (see the kind).
func (projectStandardsCheckKind) FindPosted(ctx context.Context, c *dss.Client, _ *dss.AuthInfo, m *projectStandardsCheckModel) (found, ours bool, err error) {
	list, err := c.ListProjectStandardsChecks(ctx)
	if err != nil {
		return false, false, err
	}
	var made []string
	for _, ch := range list {
		if ch.CheckElementType == m.CheckElementType.ValueString() && !slices.Contains(m.checksBefore, ch.ID) {
			made = append(made, ch.ID)
		}
	}
	switch len(made) {
	case 0:
		return false, false, nil
	case 1:
		m.ID = types.StringValue(made[0])
		return true, true, nil
	}
	return false, false, fmt.Errorf("the import's answer was lost and %d checks of element type %q appeared since (ids %v): which one it made cannot be told; delete the extra one in DSS and import the other",
		len(made), m.CheckElementType.ValueString(), made)
}

// Post lists the checks (for FindPosted), then imports the spec.
func (projectStandardsCheckKind) Post(ctx context.Context, c *dss.Client, m *projectStandardsCheckModel) error {
	list, err := c.ListProjectStandardsChecks(ctx)
	if err != nil {
		return err
	}
	m.checksBefore = m.checksBefore[:0]
	for _, ch := range list {
		m.checksBefore = append(m.checksBefore, ch.ID)
	}
	made, err := c.ImportProjectStandardsChecks(ctx, []string{m.CheckElementType.ValueString()})
	if err != nil {
		return err
	}
	if len(made) != 1 || made[0].ID == "" {
		return fmt.Errorf("DSS imported check spec %q but answered %d checks (expected the one it made, with its id)", m.CheckElementType.ValueString(), len(made))
	}
	m.ID = types.StringValue(made[0].ID)
	return nil
}

func (projectStandardsCheckKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[projectStandardsCheckModel]) {
	plan := op.Plan
	configured, written := configuredHCLObject(ctx, op.Config, "params", &op.Diags)
	if op.Diags.HasError() {
		return
	}
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[projectStandardsCheckModel, dss.ProjectStandardsCheck]{
		Doc: dss.ProjectStandardsCheckDoc(plan.ID.ValueString()),
		ToDSS: func(d *dss.ProjectStandardsCheck) diag.Diagnostics {
			return applyProjectStandardsCheck(ctx, plan, written, d)
		},
		FromDSS: func(d *dss.ProjectStandardsCheck) diag.Diagnostics {
			plan.Params = configured
			return projectStandardsCheckFromDSS(ctx, d, plan, false)
		},
		KeepPlanned: func(got, planned, _ *projectStandardsCheckModel) {
			kit.HCLObjectKeepPlanned(&got.Params, planned.Params, configured)
		},
	})
}

// Read costs 1 GET.
func (projectStandardsCheckKind) Read(ctx context.Context, c *dss.Client, m *projectStandardsCheckModel, imported bool) error {
	d, err := dss.ProjectStandardsCheckDoc(m.ID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	return kit.DiagsError(projectStandardsCheckFromDSS(ctx, d, m, imported))
}
