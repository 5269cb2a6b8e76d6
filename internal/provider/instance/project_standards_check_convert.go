package instance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Project Standards check ↔ model.

// applyProjectStandardsCheck writes the plan into DSS's check: what the
// plan leaves unknown (a name or description DSS chose) stays as DSS has
// it; of params, the keys written (nil: none) replace DSS's, the others
// stay.
func applyProjectStandardsCheck(ctx context.Context, plan *projectStandardsCheckModel, written map[string]any, d *dss.ProjectStandardsCheck) diag.Diagnostics {
	var diags diag.Diagnostics
	kit.SetKnownString(plan.Name, &d.Name)
	kit.SetKnownString(plan.Description, &d.Description)
	if written != nil {
		d.CheckParams = hclObjectWrite(d.CheckParams, written)
	}
	if kit.Known(plan.Tags) {
		d.Tags, diags = kit.StringsFromSet(ctx, plan.Tags)
	}
	if d.Tags == nil {
		d.Tags = []string{}
	}
	return diags
}

// projectStandardsCheckFromDSS fills m from DSS's check: of params the
// keys m writes, or everything when m does not manage them.
func projectStandardsCheckFromDSS(ctx context.Context, d *dss.ProjectStandardsCheck, m *projectStandardsCheckModel, imported bool) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(d.ID)
	m.CheckElementType = types.StringValue(d.CheckElementType)
	m.Name = types.StringValue(d.Name)
	m.Description = types.StringValue(d.Description)
	m.Params = hclObjectRead(d.CheckParams, m.Params, imported, true)
	m.Tags, diags = kit.StringSetValue(ctx, d.Tags)
	return diags
}
