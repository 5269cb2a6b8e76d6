package kit

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// An import part's validator and its import parsing agree on every value:
// a configuration can give exactly the ids an import accepts, and a
// refusal says the part's rule.
func TestImportPartValidatorAgreesWithImport(t *testing.T) {
	parts := map[string]ImportPart{"id": IDValidatorPart, "zone": ZonePart, "scenario": ScenarioPart, "dataset": DatasetPart}
	values := []string{"prod", "v1.2.0", "My deployment", "a/b", "", "run_scenario_null.X", "orders-2024", "ÉTÉ", " lead", "x\ny"}
	for name, p := range parts {
		for _, v := range values {
			_, importErr := ParseImportID(v, "example", p)
			resp := &validator.StringResponse{}
			p.Validator().ValidateString(context.Background(), validator.StringRequest{Path: path.Root(name), ConfigValue: types.StringValue(v)}, resp)
			if resp.Diagnostics.HasError() != (importErr != nil) {
				t.Errorf("%s %q: validator error %v, import error %v", name, v, resp.Diagnostics.HasError(), importErr)
			}
			if resp.Diagnostics.HasError() && !strings.Contains(resp.Diagnostics[0].Detail(), "must "+p.Rule) {
				t.Errorf("%s %q: the refusal does not say the rule: %s", name, v, resp.Diagnostics[0].Detail())
			}
		}
	}
	resp := &validator.StringResponse{}
	IDValidator.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("id"), ConfigValue: types.StringValue("a/b")}, resp)
	if !resp.Diagnostics.HasError() {
		t.Error("IDValidator accepts an id with a slash, which no path segment can hold")
	}
}
