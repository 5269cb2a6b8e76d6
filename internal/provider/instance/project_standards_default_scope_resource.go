package instance

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// ProjectStandardsDefaultScopeID is the fixed id, and import ID, of the
// dataiku_project_standards_default_scope resource: there is one default
// scope per instance.
const ProjectStandardsDefaultScopeID = names.ProjectStandardsDefaultScopeID

// NewProjectStandardsDefaultScopeResource returns the
// dataiku_project_standards_default_scope resource.
func NewProjectStandardsDefaultScopeResource() resource.Resource {
	return kit.NewResource[projectStandardsDefaultScopeModel](projectStandardsDefaultScopeKind{})
}

// projectStandardsDefaultScopeKind is the Project Standards scope DSS
// makes itself, which runs its checks on every project no other scope
// selects (get_default_scope, GET /project-standards/default-scope [V]).
// It cannot be created, deleted or reordered, and its description cannot
// change [V: dataikuapi's docstrings]; what a configuration manages is its
// checks. It is saved as the other scopes are, with a PUT of
// /project-standards/scopes/{its name} [V: DSSProjectStandardsScope.save];
// its name is read from DSS, not assumed.
type projectStandardsDefaultScopeKind struct{}

type projectStandardsDefaultScopeModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Checks      types.Set    `tfsdk:"checks"`
}

var projectStandardsDefaultScopeAddress = fixedIDAddress("dataiku_project_standards_default_scope", "project-standards/default-scope",
	ProjectStandardsDefaultScopeID, "default scope", func(m *projectStandardsDefaultScopeModel) *types.String { return &m.ID })

func (projectStandardsDefaultScopeKind) Address() *kit.Address[projectStandardsDefaultScopeModel] {
	return projectStandardsDefaultScopeAddress
}

// AdminAPI: writing a scope is an administrator's, as for the other
// scopes [I].
func (projectStandardsDefaultScopeKind) AdminAPI() string { return "/project-standards/" }

func (projectStandardsDefaultScopeKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The checks of the Project Standards default scope (DSS 14 and later): the scope DSS makes itself, last in its order, " +
			"which runs its checks on every project that no `dataiku_project_standards_scope` selects. " +
			"DSS does not let it be created, deleted, reordered or described otherwise, so the resource manages its checks only. Needs an administrator's API key.\n\n" +
			"**Authoritative** for the checks: the scope runs exactly `checks`, and a check added in DSS's screens shows as a change that the next apply removes. " +
			"Every apply is a read-modify-write of the scope, so what the provider does not model is kept.\n\n" +
			"**Destroying the resource writes nothing to DSS**: the default scope keeps its last checks and Terraform stops managing them. " +
			"To have it run none, apply `checks = []` before destroying.\n\n" +
			"**One per DSS instance.** A second `dataiku_project_standards_default_scope` for the same provider configuration is an error at plan time.\n\n" +
			"Import with the id `" + ProjectStandardsDefaultScopeID + "`.\n\n**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			"id": kit.StableIDAttribute("Always `" + ProjectStandardsDefaultScopeID + "`: there is one default scope per DSS instance."),
			"name": schema.StringAttribute{Computed: true, MarkdownDescription: "The default scope's name in DSS, which DSS chose.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"description": schema.StringAttribute{Computed: true, MarkdownDescription: "The default scope's description, which DSS sets and does not let change.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"checks": schema.SetAttribute{Required: true, ElementType: types.StringType,
				MarkdownDescription: "The ids of the checks the default scope runs (`dataiku_project_standards_check`'s `id`); `[]` for none. Changes in place."},
		},
	}
}

// ModifyPlanInWalk refuses a second default scope in one configuration
// (kit/singleton_plan.go).
func (projectStandardsDefaultScopeKind) ModifyPlanInWalk(ctx context.Context, data *kit.ProviderData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	kit.CheckSingletonPlan(ctx, data, projectStandardsDefaultScopeAddress.TypeName, req, resp)
}

// Find: the default scope always exists, and managing it is what creating
// the resource means.
func (projectStandardsDefaultScopeKind) Find(context.Context, *dss.Client, *projectStandardsDefaultScopeModel) (bool, error) {
	return false, nil
}

// Post creates nothing; it reads the default scope, so that a DSS without
// Project Standards fails before anything is recorded in the state.
func (projectStandardsDefaultScopeKind) Post(ctx context.Context, c *dss.Client, m *projectStandardsDefaultScopeModel) error {
	if _, err := c.ProjectStandardsDefaultScope(ctx); err != nil {
		return err
	}
	m.ID = types.StringValue(ProjectStandardsDefaultScopeID)
	return nil
}

// Apply reads the default scope for its name, then read-modify-writes it
// under that name (no PUT when DSS already runs the planned checks).
func (projectStandardsDefaultScopeKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[projectStandardsDefaultScopeModel]) {
	plan := op.Plan
	current, err := c.ProjectStandardsDefaultScope(ctx)
	if op.Fail(err) {
		return
	}
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[projectStandardsDefaultScopeModel, dss.ProjectStandardsScope]{
		Doc: dss.ProjectStandardsScopeDoc(current.Name),
		ToDSS: func(d *dss.ProjectStandardsScope) diag.Diagnostics {
			checks, diags := kit.StringsFromSet(ctx, plan.Checks)
			held := slices.Sorted(slices.Values(d.Checks))
			if !slices.Equal(held, checks) || d.Checks == nil {
				// The same checks in DSS's order are no change to write.
				d.Checks = checks
			}
			return diags
		},
		FromDSS: func(d *dss.ProjectStandardsScope) diag.Diagnostics {
			return projectStandardsDefaultScopeFromDSS(ctx, d, plan)
		},
	})
}

// Delete: the default scope stays, with its checks; destroying the
// resource stops managing it.
func (projectStandardsDefaultScopeKind) Delete(context.Context, *dss.Client, *projectStandardsDefaultScopeModel) error {
	return nil
}

// Read costs 1 GET.
func (projectStandardsDefaultScopeKind) Read(ctx context.Context, c *dss.Client, m *projectStandardsDefaultScopeModel, _ bool) error {
	d, err := c.ProjectStandardsDefaultScope(ctx)
	if err != nil {
		return err
	}
	return kit.DiagsError(projectStandardsDefaultScopeFromDSS(ctx, d, m))
}

func projectStandardsDefaultScopeFromDSS(ctx context.Context, d *dss.ProjectStandardsScope, m *projectStandardsDefaultScopeModel) diag.Diagnostics {
	m.ID = types.StringValue(ProjectStandardsDefaultScopeID)
	m.Name = types.StringValue(d.Name)
	m.Description = types.StringValue(d.Description)
	var diags diag.Diagnostics
	m.Checks, diags = kit.StringSetValue(ctx, d.Checks)
	return diags
}
