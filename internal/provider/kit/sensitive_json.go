package kit

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// SensitiveJSONType is jsontypes.NormalizedType for a Sensitive attribute.
//
// The framework knows nothing of Sensitive below the protocol: when it runs
// a custom type's semantic equality it writes the value's String() to the
// TRACE log (as "tf_value_type"), and jsontypes' own check of JSON syntax
// quotes the value in its error. Both are fine for params, not for a
// project's local variables, which hold secrets. This type keeps
// jsontypes' semantics (formatting and key order are no diff) and only
// changes what the value says about itself.
type SensitiveJSONType struct {
	jsontypes.NormalizedType
}

var (
	_ basetypes.StringTypable                    = SensitiveJSONType{}
	_ basetypes.StringValuableWithSemanticEquals = SensitiveJSON{}
	_ xattr.ValidateableAttribute                = SensitiveJSON{}
)

func (t SensitiveJSONType) String() string { return "sensitiveJSONType" }

func (t SensitiveJSONType) Equal(o attr.Type) bool {
	_, ok := o.(SensitiveJSONType)
	return ok
}

func (t SensitiveJSONType) ValueType(context.Context) attr.Value { return SensitiveJSON{} }

func (t SensitiveJSONType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return SensitiveJSON{Normalized: jsontypes.Normalized{StringValue: in}}, nil
}

func (t SensitiveJSONType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return SensitiveJSON{Normalized: jsontypes.Normalized{StringValue: s}}, nil
}

// SensitiveJSON is the value of SensitiveJSONType.
type SensitiveJSON struct {
	jsontypes.Normalized
}

func NewSensitiveJSON(v jsontypes.Normalized) SensitiveJSON { return SensitiveJSON{Normalized: v} }

func (v SensitiveJSON) Type(context.Context) attr.Type { return SensitiveJSONType{} }

func (v SensitiveJSON) Equal(o attr.Value) bool {
	other, ok := o.(SensitiveJSON)
	return ok && v.StringValue.Equal(other.StringValue)
}

// String never shows the value: the framework logs it.
func (v SensitiveJSON) String() string {
	switch {
	case v.IsNull():
		return attr.NullValueString
	case v.IsUnknown():
		return attr.UnknownValueString
	}
	return "(sensitive value)"
}

func (v SensitiveJSON) StringSemanticEquals(ctx context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	newValue, ok := newValuable.(SensitiveJSON)
	if !ok {
		var diags diag.Diagnostics
		diags.AddError("Semantic Equality Check Error", fmt.Sprintf("Expected a %T, got a %T. This is a bug in the provider; please report it.", v, newValuable))
		return false, diags
	}
	return v.Normalized.StringSemanticEquals(ctx, newValue.Normalized)
}

// ValidateAttribute is jsontypes' check of JSON syntax without quoting the
// value.
func (v SensitiveJSON) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	if v.IsUnknown() || v.IsNull() {
		return
	}
	if !json.Valid([]byte(v.ValueString())) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JSON String Value",
			"A string value was provided that is not valid JSON (RFC 7159). The value is sensitive, so it is not quoted here.")
	}
}
