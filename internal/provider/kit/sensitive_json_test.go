package kit_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// TestSensitiveJSONSaysNothingOfItsValue checks the two places where a
// jsontypes value shows its text (String, which the framework logs, and the
// JSON syntax error) and that semantic equality is still jsontypes'.
func TestSensitiveJSONSaysNothingOfItsValue(t *testing.T) {
	ctx := context.Background()
	const secret = "tok-unit-5Fv1"
	v := kit.NewSensitiveJSON(jsontypes.NewNormalizedValue(`{ "api_token" : "` + secret + `" }`))
	if strings.Contains(v.String(), secret) {
		t.Errorf("String() = %q shows the value", v.String())
	}
	compact := kit.NewSensitiveJSON(jsontypes.NewNormalizedValue(`{"api_token":"` + secret + `"}`))
	if eq, diags := v.StringSemanticEquals(ctx, compact); !eq || diags.HasError() {
		t.Errorf("formatting made a difference: %v %v", eq, diags)
	}
	other := kit.NewSensitiveJSON(jsontypes.NewNormalizedValue(`{"api_token":"other"}`))
	if eq, _ := v.StringSemanticEquals(ctx, other); eq {
		t.Error("different values compared equal")
	}
	bad := kit.NewSensitiveJSON(jsontypes.NewNormalizedValue(`{"api_token": "` + secret))
	var resp xattr.ValidateAttributeResponse
	bad.ValidateAttribute(ctx, xattr.ValidateAttributeRequest{Path: path.Root("local_variables")}, &resp)
	if !resp.Diagnostics.HasError() {
		t.Fatal("invalid JSON accepted")
	}
	if d := resp.Diagnostics[0].Detail(); strings.Contains(d, secret) {
		t.Errorf("the JSON syntax error quotes the value: %s", d)
	}
	got, err := kit.SensitiveJSONType{}.ValueFromString(ctx, basetypes.NewStringValue("{}"))
	if err != nil || !got.(kit.SensitiveJSON).Equal(kit.NewSensitiveJSON(jsontypes.NewNormalizedValue("{}"))) {
		t.Errorf("ValueFromString = %v, %v", got, err)
	}
}
