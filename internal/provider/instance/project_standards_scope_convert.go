package instance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Project Standards scope ↔ model.

// scopeSelection is the model's list of a selection method and DSS's,
// nil for a method the provider does not know.
func scopeSelection(m *projectStandardsScopeDataModel, d *dss.ProjectStandardsScope, method string) (*types.Set, *[]string) {
	switch method {
	case "BY_PROJECT":
		return &m.Projects, &d.SelectedProjects
	case "BY_FOLDER":
		return &m.Folders, &d.SelectedFolders
	case "BY_TAG":
		return &m.Tags, &d.SelectedTags
	}
	return nil, nil
}

// applyProjectStandardsScope writes the plan into DSS's scope: the
// selection method's list as planned (none when unset), the other known
// lists emptied (a scope selects by one method), the rest kept.
func applyProjectStandardsScope(ctx context.Context, plan *projectStandardsScopeDataModel, d *dss.ProjectStandardsScope) diag.Diagnostics {
	var diags, dd diag.Diagnostics
	d.Description = plan.Description.ValueString()
	d.SelectionMethod = plan.SelectionMethod.ValueString()
	if kit.Known(plan.Checks) {
		d.Checks, dd = kit.StringsFromSet(ctx, plan.Checks)
		diags.Append(dd...)
	}
	if d.Checks == nil {
		d.Checks = []string{}
	}
	for _, s := range projectStandardsSelections {
		set, list := scopeSelection(plan, d, s.method)
		*list = []string{}
		if s.method == d.SelectionMethod && kit.Known(*set) {
			values, dd := kit.StringsFromSet(ctx, *set)
			diags.Append(dd...)
			*list = append(*list, values...)
		}
	}
	return diags
}

// projectStandardsScopeFromDSS fills m from DSS's scope: the selection
// method's list (null when DSS's is empty and m's is null: unset and
// empty are the same selection), the other lists null.
func projectStandardsScopeFromDSS(ctx context.Context, d *dss.ProjectStandardsScope, m *projectStandardsScopeDataModel) diag.Diagnostics {
	var diags, dd diag.Diagnostics
	m.ID = types.StringValue(d.Name)
	m.Name = types.StringValue(d.Name)
	m.Description = types.StringValue(d.Description)
	m.SelectionMethod = types.StringValue(d.SelectionMethod)
	m.Checks, dd = kit.StringSetValue(ctx, d.Checks)
	diags.Append(dd...)
	for _, s := range projectStandardsSelections {
		set, list := scopeSelection(m, d, s.method)
		switch {
		case s.method != d.SelectionMethod:
			*set = types.SetNull(types.StringType)
		case len(*list) == 0 && set.IsNull():
		default:
			*set, dd = kit.StringSetValue(ctx, *list)
			diags.Append(dd...)
		}
	}
	return diags
}
