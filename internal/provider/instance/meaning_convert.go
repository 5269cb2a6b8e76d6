package instance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// User-defined meaning definitions ↔ models, shared by the resource and
// the data sources.

// meaningModel is the dataiku_meaning resource; the data source has the
// same attributes.
type meaningModel struct {
	ID                types.String `tfsdk:"id"`
	MeaningID         types.String `tfsdk:"meaning_id"`
	Label             types.String `tfsdk:"label"`
	Type              types.String `tfsdk:"type"`
	Description       types.String `tfsdk:"description"`
	Values            types.List   `tfsdk:"values"`
	Mappings          types.List   `tfsdk:"mappings"`
	Pattern           types.String `tfsdk:"pattern"`
	NormalizationMode types.String `tfsdk:"normalization_mode"`
	Detectable        types.Bool   `tfsdk:"detectable"`
}

// meaningValueModel is one element of values.
type meaningValueModel struct {
	Value types.String `tfsdk:"value"`
	Color types.String `tfsdk:"color"`
}

// meaningMappingModel is one element of mappings: DSS's {from, to:
// {value, color}} flattened.
type meaningMappingModel struct {
	From  types.String `tfsdk:"from"`
	To    types.String `tfsdk:"to"`
	Color types.String `tfsdk:"color"`
}

var (
	meaningValueType   = types.ObjectType{AttrTypes: map[string]attr.Type{"value": types.StringType, "color": types.StringType}}
	meaningMappingType = types.ObjectType{AttrTypes: map[string]attr.Type{"from": types.StringType, "to": types.StringType, "color": types.StringType}}
)

// optionalColor is a color as the state holds it: null for none.
func optionalColor(c *string) types.String {
	if c == nil {
		return types.StringNull()
	}
	return types.StringValue(*c)
}

// meaningFromDSS fills m from DSS's definition. Null, absent and empty
// read alike: no description is "", no entries or mappings (DSS holds
// null for a meaning of another type) an empty list, no pattern null, no
// normalization mode DSS's default.
func meaningFromDSS(ctx context.Context, d *dss.Meaning, m *meaningModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID, m.MeaningID = types.StringValue(d.ID), types.StringValue(d.ID)
	m.Label, m.Type = types.StringValue(d.Label), types.StringValue(d.Type)
	m.Description = types.StringValue("")
	if d.Description != nil {
		m.Description = types.StringValue(*d.Description)
	}
	m.Pattern = types.StringNull()
	if d.Pattern != nil {
		m.Pattern = kit.NullIfEmpty(*d.Pattern)
	}
	m.NormalizationMode = types.StringValue(d.NormalizationMode)
	if d.NormalizationMode == "" {
		m.NormalizationMode = types.StringValue(dss.MeaningDefaultNormalizationMode)
	}
	m.Detectable = types.BoolValue(d.Detectable)
	values := make([]meaningValueModel, 0, len(d.Entries))
	for _, e := range d.Entries {
		values = append(values, meaningValueModel{Value: types.StringValue(e.Value), Color: optionalColor(e.Color)})
	}
	var dv diag.Diagnostics
	m.Values, dv = types.ListValueFrom(ctx, meaningValueType, values)
	diags.Append(dv...)
	mappings := make([]meaningMappingModel, 0, len(d.Mappings))
	for _, mp := range d.Mappings {
		mappings = append(mappings, meaningMappingModel{From: types.StringValue(mp.From), To: types.StringValue(mp.To.Value), Color: optionalColor(mp.To.Color)})
	}
	m.Mappings, dv = types.ListValueFrom(ctx, meaningMappingType, mappings)
	diags.Append(dv...)
	return diags
}

// colorToDSS is a planned color as DSS's: none for null.
func colorToDSS(c types.String) *string {
	if !kit.Known(c) {
		return nil
	}
	s := c.ValueString()
	return &s
}

// meaningToDSS writes m into DSS's definition d, as read: the keys the
// provider does not model stay, and so do those of an entry or mapping
// that stays (the first held one with the same value, or from, gives
// its unmodelled keys to the planned one). What DSS holds as null stays
// null when the plan has nothing there (no description, no values, no
// pattern, no normalization mode while the plan has DSS's default), so
// that a write changes only what the configuration does.
func meaningToDSS(ctx context.Context, m *meaningModel, d *dss.Meaning) diag.Diagnostics {
	var diags diag.Diagnostics
	d.ID, d.Label, d.Type = m.MeaningID.ValueString(), m.Label.ValueString(), m.Type.ValueString()
	if desc := m.Description.ValueString(); desc != "" || d.Description != nil {
		d.Description = &desc
	}
	switch {
	case kit.Known(m.Pattern):
		p := m.Pattern.ValueString()
		d.Pattern = &p
	case d.Pattern != nil && *d.Pattern != "":
		d.Pattern = nil
	}
	// DSS's default stays implicit where DSS holds none.
	if mode := m.NormalizationMode.ValueString(); d.NormalizationMode != "" || mode != dss.MeaningDefaultNormalizationMode {
		d.NormalizationMode = mode
	}
	d.Detectable = m.Detectable.ValueBool()

	var values []meaningValueModel
	var mappings []meaningMappingModel
	diags.Append(m.Values.ElementsAs(ctx, &values, false)...)
	diags.Append(m.Mappings.ElementsAs(ctx, &mappings, false)...)
	if diags.HasError() {
		return diags
	}
	if len(values) > 0 || len(d.Entries) > 0 {
		planned := make([]dss.MeaningEntry, 0, len(values))
		for _, v := range values {
			planned = append(planned, dss.MeaningEntry{Value: v.Value.ValueString(), Color: colorToDSS(v.Color)})
		}
		d.Entries = keepHeldKeys(planned, d.Entries, func(e dss.MeaningEntry) string { return e.Value },
			func(e *dss.MeaningEntry, held dss.MeaningEntry) { e.Extra = held.Extra })
	}
	if len(mappings) > 0 || len(d.Mappings) > 0 {
		planned := make([]dss.MeaningMapping, 0, len(mappings))
		for _, v := range mappings {
			planned = append(planned, dss.MeaningMapping{From: v.From.ValueString(), To: dss.MeaningEntry{Value: v.To.ValueString(), Color: colorToDSS(v.Color)}})
		}
		d.Mappings = keepHeldKeys(planned, d.Mappings, func(m dss.MeaningMapping) string { return m.From },
			func(m *dss.MeaningMapping, held dss.MeaningMapping) { m.Extra, m.To.Extra = held.Extra, held.To.Extra })
	}
	return diags
}

// keepHeldKeys is planned, each element given (keep) the unmodelled keys
// of the first element of held with the same key not given yet: DSS's
// extra keys of a value or mapping follow it when the list is reordered.
func keepHeldKeys[T any](planned, held []T, key func(T) string, keep func(p *T, held T)) []T {
	taken := make([]bool, len(held))
	for i := range planned {
		for j := range held {
			if !taken[j] && key(held[j]) == key(planned[i]) {
				taken[j] = true
				keep(&planned[i], held[j])
				break
			}
		}
	}
	return planned
}
