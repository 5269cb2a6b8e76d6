package provider_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/zclconf/go-cty/cty"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adoptinfo"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// schemaDefaults renders, per resource type, each top-level attribute's
// static Default as the HCL literal terraform plan -generate-config-out
// writes for it. Defaults of other shapes (objects, non-empty sets) are
// left out: dss-adopt compares literals only.
func schemaDefaults(t *testing.T) map[string]map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]map[string]string{}
	for typeName, sch := range acctest.ResourceSchemas(t) {
		for name, a := range sch.Attributes {
			var v cty.Value
			switch a := a.(type) {
			case schema.BoolAttribute:
				if a.Default == nil {
					continue
				}
				resp := &defaults.BoolResponse{}
				a.Default.DefaultBool(ctx, defaults.BoolRequest{}, resp)
				v = cty.BoolVal(resp.PlanValue.ValueBool())
			case schema.StringAttribute:
				if a.Default == nil {
					continue
				}
				resp := &defaults.StringResponse{}
				a.Default.DefaultString(ctx, defaults.StringRequest{}, resp)
				v = cty.StringVal(resp.PlanValue.ValueString())
			case schema.Int64Attribute:
				if a.Default == nil {
					continue
				}
				resp := &defaults.Int64Response{}
				a.Default.DefaultInt64(ctx, defaults.Int64Request{}, resp)
				v = cty.NumberIntVal(resp.PlanValue.ValueInt64())
			case schema.SetAttribute:
				if a.Default == nil {
					continue
				}
				resp := &defaults.SetResponse{}
				a.Default.DefaultSet(ctx, defaults.SetRequest{}, resp)
				if len(resp.PlanValue.Elements()) != 0 {
					continue
				}
				v = cty.EmptyTupleVal // generated as []
			default:
				continue
			}
			if out[typeName] == nil {
				out[typeName] = map[string]string{}
			}
			out[typeName][name] = strings.TrimSpace(string(hclwrite.TokensForValue(v).Bytes()))
		}
	}
	return out
}

// TestAdoptSchemaDefaultsMatchTheSchemas keeps adoptinfo.SchemaDefaults,
// which dss-adopt uses to leave default values out of generated.tf, equal
// to the provider's schemas: a default changed in a schema and not there
// would make dss-adopt drop a value that is no longer the default.
func TestAdoptSchemaDefaultsMatchTheSchemas(t *testing.T) {
	want := schemaDefaults(t)
	got := adoptinfo.SchemaDefaults()
	for _, typ := range slices.Sorted(maps.Keys(want)) {
		for _, attr := range slices.Sorted(maps.Keys(want[typ])) {
			if g, ok := got[typ][attr]; !ok || g != want[typ][attr] {
				t.Errorf("adoptinfo.SchemaDefaults()[%q][%q] = %q, want %q", typ, attr, g, want[typ][attr])
			}
		}
	}
	for typ, attrs := range got {
		for attr := range attrs {
			if _, ok := want[typ][attr]; !ok {
				t.Errorf("adoptinfo.SchemaDefaults() lists %s.%s, which has no static default", typ, attr)
			}
		}
	}
	if t.Failed() {
		var b strings.Builder
		for _, typ := range slices.Sorted(maps.Keys(want)) {
			fmt.Fprintf(&b, "\t\t%q: {", typ)
			for i, attr := range slices.Sorted(maps.Keys(want[typ])) {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "%q: %q", attr, want[typ][attr])
			}
			b.WriteString("},\n")
		}
		t.Logf("the schemas' defaults:\n%s", b.String())
	}
}

// TestAdoptKeptWhenLeftOutMatchTheSchemas: an attribute dss-adopt leaves
// out when false (adoptinfo.KeptWhenLeftOut) must keep the state's value
// when left out, so that the adopted configuration plans nothing: an
// optional and computed boolean with no default, planned from the state.
func TestAdoptKeptWhenLeftOutMatchTheSchemas(t *testing.T) {
	schemas := acctest.ResourceSchemas(t)
	for typ, attrs := range adoptinfo.KeptWhenLeftOut() {
		for _, name := range attrs {
			a, ok := schemas[typ].Attributes[name].(schema.BoolAttribute)
			if !ok {
				t.Errorf("%s.%s is not a boolean attribute of the schema", typ, name)
				continue
			}
			keepsState := slices.ContainsFunc(a.PlanModifiers, func(m planmodifier.Bool) bool {
				return m.Description(context.Background()) == boolplanmodifier.UseStateForUnknown().Description(context.Background())
			})
			if !a.Optional || !a.Computed || a.Default != nil || !keepsState {
				t.Errorf("%s.%s does not keep DSS's value when left out (optional %t, computed %t, default %v, plans the state %t)",
					typ, name, a.Optional, a.Computed, a.Default, keepsState)
			}
		}
	}
}

// TestAdoptNestedAttributesMatchTheSchemas keeps adoptinfo.NestedAttributes,
// inside whose objects dss-adopt leaves `key = null` lines out, equal to
// the schemas' top-level list, set and single nested attributes: a null
// left out of an object attribute that is not nested (all its attributes
// required) would make the configuration invalid.
func TestAdoptNestedAttributesMatchTheSchemas(t *testing.T) {
	want := schemaAttributesWhere(t, func(_ string, a schema.Attribute) bool {
		switch a.(type) {
		case schema.ListNestedAttribute, schema.SetNestedAttribute, schema.SingleNestedAttribute:
			return true
		}
		return false
	})
	expectAttributeLists(t, "adoptinfo.NestedAttributes()", adoptinfo.NestedAttributes(), want, "which has no nested attribute")
}

// TestAdoptEmptyAcceptedWithDefaultMatchTheSchemas keeps
// adoptinfo.EmptyAcceptedWithDefault equal to the schemas' top-level
// string attributes with a non-empty default whose validators accept "":
// dss-adopt writes "" for a null Terraform generated there, which for an
// attribute refusing "" would make the adopted configuration invalid.
func TestAdoptEmptyAcceptedWithDefaultMatchTheSchemas(t *testing.T) {
	ctx := context.Background()
	want := schemaAttributesWhere(t, func(name string, a schema.Attribute) bool {
		s, ok := a.(schema.StringAttribute)
		if !ok || s.Default == nil {
			return false
		}
		resp := &defaults.StringResponse{}
		s.Default.DefaultString(ctx, defaults.StringRequest{}, resp)
		if resp.PlanValue.ValueString() == "" {
			return false
		}
		for _, v := range s.Validators {
			vr := &validator.StringResponse{}
			v.ValidateString(ctx, validator.StringRequest{Path: path.Root(name), ConfigValue: types.StringValue("")}, vr)
			if vr.Diagnostics.HasError() {
				return false
			}
		}
		return true
	})
	expectAttributeLists(t, "adoptinfo.EmptyAcceptedWithDefault()", adoptinfo.EmptyAcceptedWithDefault(), want,
		"none of whose defaulted attributes accepts \"\"")
}

// schemaAttributesWhere lists, per resource type, the sorted names of the
// top-level attributes for which keep holds; types with none are absent.
func schemaAttributesWhere(t *testing.T, keep func(name string, a schema.Attribute) bool) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for typ, sch := range acctest.ResourceSchemas(t) {
		for name, a := range sch.Attributes {
			if keep(name, a) {
				out[typ] = append(out[typ], name)
			}
		}
		slices.Sort(out[typ])
	}
	return out
}

// expectAttributeLists compares one of adoptinfo's per-type attribute
// lists (what names it) with the lists the schemas give; none says why a
// type it lists should not be there.
func expectAttributeLists(t *testing.T, what string, got, want map[string][]string, none string) {
	t.Helper()
	for _, typ := range slices.Sorted(maps.Keys(want)) {
		if !slices.Equal(got[typ], want[typ]) {
			t.Errorf("%s[%q] = %q, want %q", what, typ, got[typ], want[typ])
		}
	}
	for typ := range got {
		if _, ok := want[typ]; !ok {
			t.Errorf("%s lists %s, %s", what, typ, none)
		}
	}
}
