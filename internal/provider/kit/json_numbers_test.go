package kit_test

import (
	"encoding/json"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// TestTerraformNumbers: the project variables DSS holds read back with
// their doubles printed as Terraform's jsonencode prints them, integers
// untouched (a 2^53+1 stays exact).
func TestTerraformNumbers(t *testing.T) {
	in := map[string]any{
		"tiny": json.Number("1.0E-23"), "one": json.Number("1.0"), "big": json.Number("1000000.0"),
		"ratio": json.Number("0.75"), "id": json.Number("9007199254740993"), "neg": json.Number("-1"),
		"list": []any{json.Number("2.50")}, "nested": map[string]any{"x": json.Number("1E3")}, "s": "1.0E-23",
	}
	got := kit.EncodeJSONObject(kit.TerraformNumbersObject(in)).ValueString()
	const want = `{"big":1000000,"id":9007199254740993,"list":[2.5],"neg":-1,"nested":{"x":1000},"one":1,"ratio":0.75,"s":"1.0E-23","tiny":0.00000000000000000000001}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if v := project.VariablesValue(in).ValueString(); v != want {
		t.Errorf("variablesValue: %s", v)
	}
}
