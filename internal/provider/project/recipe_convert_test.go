package project_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// An import reads the whole payload into script or payload, never both:
// the configuration generated from the state must pass ValidateConfig.
func TestRecipeImportReadsThePayloadIntoOneAttribute(t *testing.T) {
	for _, tc := range []struct {
		typ, payload         string
		wantScript, wantJSON bool
	}{
		{"python", "import dataiku\n", true, false},
		{"python", "", false, false},
		{"grouping", `{"keys":[]}`, false, true},
		{"sync", "", false, false},
		// Types the provider does not know: a plugin's, ML scoring.
		{"CustomCode_acme-score", `{"threshold":0.5}`, false, true},
		{"prediction_scoring", `{"filterInputColumns":false}`, false, true},
		{"CustomCode_acme-text", "SELECT 1", true, false},
		{"CustomCode_acme-empty", "", false, false},
	} {
		payload := tc.payload
		s := &dss.RecipeSettings{Recipe: dss.Recipe{ProjectKey: "P", Name: "r", Type: tc.typ}, Payload: &payload}
		m := project.RecipeModel{Type: types.StringNull(), Script: types.StringNull(), Payload: types.StringNull()}
		if d := project.RecipeFromDSS(context.Background(), s, &m, true); d.HasError() {
			t.Fatalf("%s: %v", tc.typ, d)
		}
		if got := !m.Script.IsNull(); got != tc.wantScript {
			t.Errorf("%s %q: script set = %v, want %v", tc.typ, tc.payload, got, tc.wantScript)
		}
		if got := !m.Payload.IsNull(); got != tc.wantJSON {
			t.Errorf("%s %q: payload set = %v, want %v", tc.typ, tc.payload, got, tc.wantJSON)
		}
	}
}
