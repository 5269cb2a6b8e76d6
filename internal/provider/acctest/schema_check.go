package acctest

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// SchemaCheck runs the validators a resource's schema declares for a
// string attribute, as terraform validate does, and reports whether value
// passes: for tests of a rule without a Terraform run (fuzz targets, the
// values a rule must keep accepting). An attribute with no validator
// accepts every value.
func SchemaCheck(tb testing.TB, r resource.Resource, attr string) func(value string) bool {
	tb.Helper()
	diags := SchemaDiagnostics(tb, r, attr)
	return func(value string) bool { return !diags(value).HasError() }
}

// SchemaDiagnostics is SchemaCheck's run of the validators, giving what
// they say of value: errors, and the warnings a rule gives instead of an
// error.
func SchemaDiagnostics(tb testing.TB, r resource.Resource, attr string) func(value string) diag.Diagnostics {
	tb.Helper()
	var resp resource.SchemaResponse
	r.Schema(context.Background(), resource.SchemaRequest{}, &resp)
	a, ok := resp.Schema.Attributes[attr].(schema.StringAttribute)
	if !ok {
		tb.Fatalf("the schema has no string attribute %q", attr)
	}
	return func(value string) diag.Diagnostics {
		var out validator.StringResponse
		for _, v := range a.Validators {
			v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root(attr), ConfigValue: types.StringValue(value)}, &out)
		}
		return out.Diagnostics
	}
}

// ConfigDiagnostics runs a resource's ValidateConfig, as terraform
// validate does, on a configuration holding attrs (the other attributes
// null), and gives what it says: for tests of a rule between attributes
// that warns rather than refuses, which a Terraform run does not show.
func ConfigDiagnostics(tb testing.TB, r resource.Resource, attrs map[string]tftypes.Value) diag.Diagnostics {
	tb.Helper()
	ctx := context.Background()
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	typ, ok := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		tb.Fatalf("the schema's type is %T", sr.Schema.Type().TerraformType(ctx))
	}
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		if v, ok := attrs[name]; ok {
			vals[name] = v
		} else {
			vals[name] = tftypes.NewValue(at, nil)
		}
	}
	for name := range attrs {
		if _, ok := typ.AttributeTypes[name]; !ok {
			tb.Fatalf("the schema has no attribute %q", name)
		}
	}
	v, ok := r.(resource.ResourceWithValidateConfig)
	if !ok {
		tb.Fatalf("%T has no ValidateConfig", r)
	}
	var resp resource.ValidateConfigResponse
	v.ValidateConfig(ctx, resource.ValidateConfigRequest{Config: tfsdk.Config{Schema: sr.Schema, Raw: tftypes.NewValue(typ, vals)}}, &resp)
	return resp.Diagnostics
}
