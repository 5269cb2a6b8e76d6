package kit

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Documentation is the description, short_description and tags of a
// documented kind (DocumentationAttributes), embedded in its model so that
// every kind converts them the same way.
type Documentation struct {
	Description      types.String `tfsdk:"description"`
	ShortDescription types.String `tfsdk:"short_description"`
	Tags             types.Set    `tfsdk:"tags"`
}

// FromDSS reads DSS's description, short description and tags.
func (m *Documentation) FromDSS(ctx context.Context, description, shortDesc string, tags []string) diag.Diagnostics {
	m.Description, m.ShortDescription = types.StringValue(description), types.StringValue(shortDesc)
	var diags diag.Diagnostics
	m.Tags, diags = StringSetValue(ctx, tags)
	return diags
}

// ToDSS writes the description, short description and tags into DSS's
// fields. Tags are a set: DSS's list is kept when it holds the same tags,
// so that an unchanged set never reorders what DSS has.
func (m *Documentation) ToDSS(ctx context.Context, description, shortDesc *string, tags *[]string) diag.Diagnostics {
	*description, *shortDesc = m.Description.ValueString(), m.ShortDescription.ValueString()
	planned, diags := StringsFromSet(ctx, m.Tags)
	if !slices.Equal(slices.Sorted(slices.Values(*tags)), planned) {
		*tags = planned
	}
	return diags
}

// HCLObjectRead reads DSS's object into an HCL object attribute: all of
// it when whole (an import, a data source), else the keys prior writes
// (the subset rule of dataiku_dataset.params).
func HCLObjectRead(fromDSS map[string]any, prior types.Dynamic, whole bool) types.Dynamic {
	if whole {
		return HCLWholeObject(fromDSS)
	}
	return HCLObjectSubset(fromDSS, prior)
}
