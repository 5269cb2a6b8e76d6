package instance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Data collection settings ↔ models, shared by the resource and the data
// source.

// dataCollectionModel is the dataiku_data_collection resource; the data
// source has the same attributes.
type dataCollectionModel struct {
	ID          types.String `tfsdk:"id"`
	DisplayName types.String `tfsdk:"display_name"`
	Description types.String `tfsdk:"description"`
	Color       types.String `tfsdk:"color"`
	Tags        types.Set    `tfsdk:"tags"`
	Permissions types.Set    `tfsdk:"permissions"`
}

// dataCollectionFromDSS fills m from DSS's settings. The permissions are
// read when m manages them or when all (an import, the data source); own
// is the login whose entry DSS added at creation is left out (hiddenOwn;
// "" for none).
func dataCollectionFromDSS(ctx context.Context, d *dss.DataCollection, m *dataCollectionModel, own string, all bool) diag.Diagnostics {
	var diags, dd diag.Diagnostics
	m.ID = types.StringValue(d.ID)
	m.DisplayName = types.StringValue(d.DisplayName)
	m.Description = types.StringValue(kit.StringOrEmpty(d.Description))
	m.Color = types.StringValue(d.Color)
	m.Tags, dd = kit.StringSetValue(ctx, d.Tags)
	diags.Append(dd...)
	diags.Append(readAccessEntries(ctx, &m.Permissions, d.Permissions, d.Permissions != nil, own, all)...)
	return diags
}

// applyDataCollection writes the planned settings into DSS's document;
// what the plan leaves unknown (a color DSS chooses) or null (unmanaged
// permissions) is left as DSS has it. own is hiddenOwn's login: its entry
// is kept.
func applyDataCollection(ctx context.Context, plan *dataCollectionModel, d *dss.DataCollection, own string) diag.Diagnostics {
	var diags diag.Diagnostics
	d.DisplayName = plan.DisplayName.ValueString()
	// A document without a description keeps none while none is planned.
	if desc := plan.Description.ValueString(); d.Description != nil || desc != "" {
		d.Description = &desc
	}
	kit.SetKnownString(plan.Color, &d.Color)
	if kit.Known(plan.Tags) {
		var dd diag.Diagnostics
		d.Tags, dd = kit.StringsFromSet(ctx, plan.Tags)
		diags.Append(dd...)
	}
	if kit.Known(plan.Permissions) {
		planned, dd := plannedAccessEntries(ctx, plan.Permissions)
		diags.Append(dd...)
		d.Permissions = mergeAccessEntries(planned, d.Permissions, own)
	}
	return diags
}
