package adopt

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// TestListRulesLeavesOutARuleWithoutID: a data quality rule held without
// an id (a hand-edited document; TestSeedShapesDeepEndToEnd's
// metricsChecks.checks[0].id absent or null) has no import id
// (PROJECT.dataset.rule_id): it is listed as left out, with the reason,
// rather than written as an import that fails the whole apply; the rule
// beside it is adopted.
func TestListRulesLeavesOutARuleWithoutID(t *testing.T) {
	for _, null := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "DQ")
		if err := os.MkdirAll(filepath.Join(dir, "datasets"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "params.json"), []byte(`{}`), 0o600); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile("../../testdata/projects/CLASSIC/datasets/customers_pg.json")
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		rule := doc["metricsChecks"].(map[string]any)["checks"].([]any)[0].(map[string]any)
		delete(rule, "id")
		if null {
			rule["id"] = nil
		}
		if b, err = json.Marshal(doc); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "datasets", "customers_pg.json"), b, 0o600); err != nil {
			t.Fatal(err)
		}
		const admin = "admin-key-rules"
		l, _ := deployerLister(t, emulator.Options{AdminKey: admin, SeedProjects: []string{dir}}, admin)
		l.kinds = map[string]bool{names.KindDataQualityRule: true}
		if err := l.listRules(t.Context(), "DQ", "customers_pg"); err != nil {
			t.Fatal(err)
		}
		var adopted, skipped []string
		for _, o := range l.objects {
			if o.Skip != "" {
				skipped = append(skipped, o.ID+": "+o.Skip)
			} else {
				adopted = append(adopted, o.ID)
			}
		}
		if len(adopted) != 1 || adopted[0] != "DQ.customers_pg.vs1" {
			t.Errorf("null=%v: adopted %v, want the rule with an id alone", null, adopted)
		}
		if len(skipped) != 1 || !strings.Contains(skipped[0], "a data quality rule without an id") {
			t.Errorf("null=%v: left out %q, want the rule without an id", null, skipped)
		}
	}
}
