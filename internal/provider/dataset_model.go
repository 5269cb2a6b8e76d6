package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// datasetColumnTypes are DSS's storage types (dss-api.md §4.4).
var datasetColumnTypes = []string{
	"string", "tinyint", "smallint", "int", "bigint", "float", "double", "boolean",
	"date", "dateonly", "datetimenotz", "geopoint", "geometry", "array", "map", "object",
}


type datasetColumnModel struct {
	Name      types.String `tfsdk:"name"`
	Type      types.String `tfsdk:"type"`
	Comment   types.String `tfsdk:"comment"`
	Meaning   types.String `tfsdk:"meaning"`
	MaxLength types.Int64  `tfsdk:"max_length"`
}

var datasetColumnAttrTypes = map[string]attr.Type{
	"name": types.StringType, "type": types.StringType, "comment": types.StringType,
	"meaning": types.StringType, "max_length": types.Int64Type,
}

// projectOnto implements the subset rule for params and format_params: it
// keeps, of DSS's object, only the top-level keys the user wrote (those of
// prior), with DSS's current values. Keys DSS filled in never appear, so
// never diff; a written key whose value changed in DSS (compared as whole
// JSON values, nested objects included) or that DSS dropped shows as drift.
// Only top-level keys are selected: a nested object the user wrote is
// compared whole, so DSS adding a key inside it would show as a change.
func projectOnto(fromDSS, prior map[string]any) map[string]any {
	out := make(map[string]any, len(prior))
	for k := range prior {
		if v, ok := fromDSS[k]; ok {
			out[k] = v
		}
	}
	return out
}

// withoutKey returns a shallow copy of m without key.
func withoutKey(m map[string]any, key string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	return out
}

func docMap(doc map[string]any, key string) map[string]any {
	m, _ := doc[key].(map[string]any)
	return m
}

func docString(doc map[string]any, key string) string {
	s, _ := doc[key].(string)
	return s
}

// nullIfEmpty maps DSS's "" or absent to null.
func nullIfEmpty(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func docStrings(v any) []string {
	list, _ := v.([]any)
	out := []string{}
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func toInt64(v any) (int64, bool) {
	switch x := v.(type) {
	case float64:
		return int64(x), true
	case json.Number:
		n, err := x.Int64()
		return n, err == nil
	case int64:
		return x, true
	case int:
		return int64(x), true
	}
	return 0, false
}

// columnsFromDoc converts DSS's schema columns. maxLength -1 (DSS's
// "unlimited", its default) reads as null, like an absent one.
func columnsFromDoc(ctx context.Context, schema map[string]any) (types.List, diag.Diagnostics) {
	cols := []datasetColumnModel{}
	list, _ := schema["columns"].([]any)
	for _, e := range list {
		c, _ := e.(map[string]any)
		if c == nil {
			continue
		}
		m := datasetColumnModel{
			Name: types.StringValue(docString(c, "name")), Type: types.StringValue(docString(c, "type")),
			Comment: types.StringNull(), Meaning: types.StringNull(), MaxLength: types.Int64Null(),
		}
		if s, ok := c["comment"].(string); ok {
			m.Comment = types.StringValue(s)
		}
		if s, ok := c["meaning"].(string); ok && s != "" {
			m.Meaning = types.StringValue(s)
		}
		if n, ok := toInt64(c["maxLength"]); ok && n >= 0 {
			m.MaxLength = types.Int64Value(n)
		}
		cols = append(cols, m)
	}
	return types.ListValueFrom(ctx, types.ObjectType{AttrTypes: datasetColumnAttrTypes}, cols)
}

// columnsToDoc builds DSS's columns from the configured ones, starting from
// DSS's column of the same name so that per-column fields the provider does
// not model survive.
func columnsToDoc(cols []datasetColumnModel, existing map[string]any) []any {
	byName := map[string]map[string]any{}
	list, _ := existing["columns"].([]any)
	for _, e := range list {
		if c, ok := e.(map[string]any); ok {
			byName[docString(c, "name")] = c
		}
	}
	out := make([]any, 0, len(cols))
	for _, c := range cols {
		col := map[string]any{}
		for k, v := range byName[c.Name.ValueString()] {
			col[k] = v
		}
		col["name"] = c.Name.ValueString()
		col["type"] = c.Type.ValueString()
		setOrDelete(col, "comment", c.Comment)
		setOrDelete(col, "meaning", c.Meaning)
		if c.MaxLength.IsNull() || c.MaxLength.IsUnknown() {
			delete(col, "maxLength")
		} else {
			col["maxLength"] = c.MaxLength.ValueInt64()
		}
		out = append(out, col)
	}
	return out
}

func setOrDelete(m map[string]any, key string, v types.String) {
	if v.IsNull() || v.IsUnknown() {
		delete(m, key)
		return
	}
	m[key] = v.ValueString()
}

// sameJSON reports whether two maps hold the same JSON.
func sameJSON(a, b map[string]any) bool { return reflect.DeepEqual(a, b) || jsonEqual(a, b) }

// writtenKeysPlan plans params and format_params (Optional and Computed).
// The state may hold more keys than the configuration writes: after an
// import it holds every parameter DSS has, and a key removed from the
// configuration stays until the next write. When every key the
// configuration writes already has that value in the state there is
// nothing to change, so the plan keeps the state's value and shows no
// diff; otherwise the plan is the configuration. A null configuration
// leaves the parameters alone (the state's value is kept).
type writtenKeysPlan struct{}

func (writtenKeysPlan) Description(context.Context) string {
	return "Only the keys written in the configuration are compared with the state."
}

func (m writtenKeysPlan) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (writtenKeysPlan) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.ConfigValue.IsUnknown() {
		return // known at apply; Create and Update read the configuration then
	}
	if req.StateValue.IsNull() || req.StateValue.IsUnknown() {
		resp.PlanValue = req.ConfigValue
		return
	}
	if req.ConfigValue.IsNull() || writtenKeysHold(req.ConfigValue.ValueString(), req.StateValue.ValueString()) {
		resp.PlanValue = req.StateValue
		return
	}
	resp.PlanValue = req.ConfigValue
}

// writtenKeysHold reports whether every top-level key of the JSON object
// written has the same value (semantically) in the JSON object held.
func writtenKeysHold(written, held string) bool {
	w, err := decodeJSONObject(jsontypes.NewNormalizedValue(written))
	if err != nil || w == nil {
		return false
	}
	h, err := decodeJSONObject(jsontypes.NewNormalizedValue(held))
	if err != nil || h == nil {
		return len(w) == 0 && err == nil
	}
	return sameJSON(projectOnto(h, w), w)
}
