package instance

import (
	"cmp"
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Workspace settings ↔ models, shared by the dataiku_workspace resource
// and data source.

// WorkspaceModel is the dataiku_workspace resource; the data source has
// the same attributes.
type WorkspaceModel struct {
	ID           types.String `tfsdk:"id"`
	WorkspaceKey types.String `tfsdk:"workspace_key"`
	DisplayName  types.String `tfsdk:"display_name"`
	Description  types.String `tfsdk:"description"`
	Color        types.String `tfsdk:"color"`
	Permissions  types.Set    `tfsdk:"permissions"`
}

// WorkspaceFromDSS fills m from DSS's settings. The permissions are read
// when m manages them or when all (an import, the data source); own is
// the login whose entry DSS added at creation is left out (hiddenOwn; ""
// for none).
func WorkspaceFromDSS(ctx context.Context, w *dss.Workspace, m *WorkspaceModel, own string, all bool) diag.Diagnostics {
	key := cmp.Or(w.WorkspaceKey, m.WorkspaceKey.ValueString())
	m.ID = types.StringValue(key)
	m.WorkspaceKey = types.StringValue(key)
	m.DisplayName = types.StringValue(w.DisplayName)
	m.Description = types.StringValue(kit.StringOrEmpty(w.Description))
	m.Color = types.StringValue(kit.StringOrEmpty(w.Color))
	var held []dss.AccessEntry
	if w.Permissions != nil {
		held = *w.Permissions
	}
	return readAccessEntries(ctx, &m.Permissions, held, w.Permissions != nil, own, all)
}

// ApplyWorkspace writes the plan into DSS's settings. What the plan leaves
// unknown (a color DSS picks) is left as DSS has it, and an empty
// description is not added to a document that lacks one. own is
// hiddenOwn's login: its entry is kept.
func ApplyWorkspace(ctx context.Context, plan *WorkspaceModel, w *dss.Workspace, own string) diag.Diagnostics {
	kit.SetKnownString(plan.DisplayName, &w.DisplayName)
	setOptional := func(v types.String, field **string) {
		if kit.Known(v) && (*field != nil || v.ValueString() != "") {
			*field = new(v.ValueString())
		}
	}
	setOptional(plan.Description, &w.Description)
	setOptional(plan.Color, &w.Color)
	if !kit.Known(plan.Permissions) {
		return nil
	}
	planned, diags := plannedAccessEntries(ctx, plan.Permissions)
	var held []dss.AccessEntry
	if w.Permissions != nil {
		held = *w.Permissions
	}
	merged := mergeAccessEntries(planned, held, own)
	w.Permissions = &merged
	return diags
}
