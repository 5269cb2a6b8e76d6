package project

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// ProjectGrantModel is dataiku_project_grant: one grant of a project's
// permissions document, its attributes those of an element of
// dataiku_project's permissions (grantAttrs).
type ProjectGrantModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	grantAttrs
}

// grantAttrs are one grant's attributes, as in projectGrantAttrTypes: the
// principal and every flag of projectPermissionFlags.
type grantAttrs struct {
	Group                          types.String `tfsdk:"group"`
	User                           types.String `tfsdk:"user"`
	Admin                          types.Bool   `tfsdk:"admin"`
	ReadProjectContent             types.Bool   `tfsdk:"read_project_content"`
	WriteProjectContent            types.Bool   `tfsdk:"write_project_content"`
	ExportDatasetsData             types.Bool   `tfsdk:"export_datasets_data"`
	ReadDashboards                 types.Bool   `tfsdk:"read_dashboards"`
	WriteDashboards                types.Bool   `tfsdk:"write_dashboards"`
	ModerateDashboards             types.Bool   `tfsdk:"moderate_dashboards"`
	RunScenarios                   types.Bool   `tfsdk:"run_scenarios"`
	ManageDashboardAuthorizations  types.Bool   `tfsdk:"manage_dashboard_authorizations"`
	ManageExposedElements          types.Bool   `tfsdk:"manage_exposed_elements"`
	ManageAdditionalDashboardUsers types.Bool   `tfsdk:"manage_additional_dashboard_users"`
	ShareToWorkspaces              types.Bool   `tfsdk:"share_to_workspaces"`
	ExecuteApp                     types.Bool   `tfsdk:"execute_app"`
	EditPermissions                types.Bool   `tfsdk:"edit_permissions"`
	PublishToDataCollections       types.Bool   `tfsdk:"publish_to_data_collections"`
}

func (m *ProjectGrantModel) key() string { return m.ProjectKey.ValueString() }

// principal is who the grant is for, as dss.ProjectGrant.Principal says it.
func (m *ProjectGrantModel) principal() string {
	return dss.ProjectGrant{Group: m.Group.ValueString(), User: m.User.ValueString()}.Principal()
}

// asSet is the grant as a one-element permissions set, the form
// dataiku_project's conversions (plannedGrant, mergeGrants, keptRightsIn)
// take.
func (a *grantAttrs) asSet(ctx context.Context) (types.Set, diag.Diagnostics) {
	obj, d := types.ObjectValueFrom(ctx, projectGrantAttrTypes(), a)
	if d.HasError() {
		return types.SetNull(projectGrantObjectType()), d
	}
	return types.SetValue(projectGrantObjectType(), []attr.Value{obj})
}

// findGrant is the index of principal's grant in grants, -1 when there is
// none.
func findGrant(grants []dss.ProjectGrant, principal string) int {
	for i, g := range grants {
		if g.Principal() == principal {
			return i
		}
	}
	return -1
}

// applyGrant writes m's grant into the permissions document, as
// dataiku_project's permissions would write it (mergeGrants): over DSS's
// grant for the same principal when there is one (its place, rights the
// schema does not know and rights it lacks while planned false are kept),
// else appended with every right explicit. Nothing else of the document
// changes.
func applyGrant(ctx context.Context, m *ProjectGrantModel, doc *dss.ProjectPermissions) diag.Diagnostics {
	set, diags := m.asSet(ctx)
	if diags.HasError() {
		return diags
	}
	var existing []dss.ProjectGrant
	i := findGrant(doc.Grants, m.principal())
	if i >= 0 {
		existing = doc.Grants[i : i+1]
	}
	merged, d := mergeGrants(set, existing)
	if diags.Append(d...); diags.HasError() {
		return diags
	}
	if len(merged) != 1 {
		// Not reachable with a known group or user; an error stops the
		// kit before the write rather than writing an unchanged document.
		diags.AddError("Project grant not converted", fmt.Sprintf("the grant for %s gave %d permissions entries instead of one; nothing was written. This is a bug in the provider.", m.principal(), len(merged)))
		return diags
	}
	if i >= 0 {
		doc.Grants[i] = merged[0]
	} else {
		doc.Grants = append(doc.Grants, merged[0])
	}
	return diags
}

// grantToModel fills m's flags from DSS's grant as dataiku_project reads
// one (grantsValue): as DSS holds them, a right its entry lacks false, and
// a kept right null unless m manages it (imported: none).
func grantToModel(ctx context.Context, g dss.ProjectGrant, m *ProjectGrantModel) diag.Diagnostics {
	prior, diags := m.asSet(ctx)
	if diags.HasError() {
		return diags
	}
	set, d := grantsValue([]dss.ProjectGrant{g}, keptRightsIn(prior))
	if diags.Append(d...); diags.HasError() {
		return diags
	}
	if len(set.Elements()) != 1 {
		diags.AddError("Unexpected project grant", fmt.Sprintf("DSS's grant %+v names neither a group nor a user.", g))
		return diags
	}
	obj, _ := set.Elements()[0].(types.Object)
	diags.Append(obj.As(ctx, &m.grantAttrs, basetypes.ObjectAsOptions{})...)
	m.ID = types.StringValue(ProjectGrantAddress.ImportID(m))
	return diags
}
