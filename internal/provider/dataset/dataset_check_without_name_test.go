package dataset_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// Legacy checks without meta.name, as real DSS documents hold them (a meta
// with other keys only, or no meta at all), beside a named check and a
// data-quality rule. Adopted, then `checks` listing them with no name
// leaves DSS's document as it is and plans empty after; changing the named
// check leaves the nameless ones, and the rule, exactly as DSS has them. A check's name was
// required (and "" refused), so no configuration could manage the checks
// of such a dataset. A probe and a check without an enabled flag (they
// read as enabled) stay without one on every write.
func TestAccDatasetRealShape_checksWithoutName(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_NONAME")
	nameless := map[string]any{"type": "numericRange", "meta": map[string]any{"level": 0}, "enabled": true,
		"metricId": "records:COUNT_RECORDS", "minimum": 1, "minimumEnabled": true}
	noMeta := map[string]any{"type": "valueSet", "metricId": "basic:COUNT_FILES", "values": []any{"1", "2"}}
	named := map[string]any{"type": "numericRange", "meta": map[string]any{"name": "rows", "level": 1}, "enabled": true,
		"metricId": "records:COUNT_RECORDS", "minimum": 1, "minimumEnabled": true}
	rule := map[string]any{"type": "RecordCountInRangeRule", "id": "rc1", "displayName": "enough rows", "enabled": true, "autoRun": true,
		"minimum": 1.0, "minimumEnabled": true}
	probe := map[string]any{"type": "records", "computeOnBuildMode": "PARTITION", "meta": map[string]any{"name": "Records", "level": 0},
		"configuration": map[string]any{"countRecords": true}}
	realShapeDatasetOutside(t, key, func(d map[string]any) {
		d["metrics"] = map[string]any{"probes": []any{probe}, "engineConfig": map[string]any{"padRunsWithMetrics": false}}
		d["metricsChecks"] = map[string]any{"runOnBuild": false, "displayedState": map[string]any{"checks": []any{}},
			"checks": []any{nameless, noMeta, named, rule}}
	})
	cfg := func(minimum int) string {
		if minimum == 0 {
			return realShapeDatasetConfig(key, "", "")
		}
		return realShapeDatasetConfig(key, "", fmt.Sprintf(`  metrics = { probes = [{ type = "records", configuration = jsonencode({ countRecords = true }) }] }
  checks = [
    { type = "numericRange", configuration = jsonencode({ metricId = "records:COUNT_RECORDS", minimum = 1 }) },
    { type = "valueSet", configuration = jsonencode({ metricId = "basic:COUNT_FILES" }) },
    { type = "numericRange", name = "rows", configuration = jsonencode({ metricId = "records:COUNT_RECORDS", minimum = %d }) },
  ]
`, minimum))
	}
	// expectEntries compares DSS's metricsChecks.checks with want, entry
	// by entry, as JSON values.
	expectEntries := func(want ...map[string]any) resource.TestCheckFunc {
		return func(*terraform.State) error {
			mc, _ := acctest.GetDataset(t, key, "orders")["metricsChecks"].(map[string]any)
			got, _ := json.Marshal(mc["checks"])
			w, _ := json.Marshal(want)
			var g, ww any
			_ = json.Unmarshal(got, &g)
			_ = json.Unmarshal(w, &ww)
			if fmt.Sprint(g) != fmt.Sprint(ww) {
				return fmt.Errorf("DSS's metricsChecks.checks:\n got %s\nwant %s", got, w)
			}
			return nil
		}
	}
	// probeAsSeeded: DSS's probe is the seeded one, still without an
	// enabled flag.
	probeAsSeeded := func(*terraform.State) error {
		m, _ := acctest.GetDataset(t, key, "orders")["metrics"].(map[string]any)
		probes, _ := m["probes"].([]any)
		got, _ := json.Marshal(probes)
		want, _ := json.Marshal([]any{probe})
		if len(probes) != 1 || string(got) != string(want) {
			return fmt.Errorf("DSS's metrics.probes:\n got %s\nwant %s", got, want)
		}
		return nil
	}
	changed := map[string]any{}
	for k, v := range named {
		changed[k] = v
	}
	changed["minimum"] = 2
	acctest.Case(t, acctest.CheckProjectObjectsGone(t, "dataiku_dataset", func(key, id string) string {
		return dss.DatasetDoc(key, "orders").Path()
	}), []resource.TestStep{
		// Adopted as dss-adopt writes it (an import reads no checks).
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(realShapeDataset, acctest.ImportBlock(realShapeDataset, key+".orders")+cfg(0))),
		// checks then lists DSS's legacy checks as they are: DSS's
		// document stays as it was, and the plan after is empty.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg(1),
			Check: resource.ComposeAggregateTestCheckFunc(expectEntries(nameless, noMeta, named, rule), probeAsSeeded,
				resource.TestCheckResourceAttr(realShapeDataset, "checks.#", "3"),
				resource.TestCheckNoResourceAttr(realShapeDataset, "checks.0.name"),
				resource.TestCheckNoResourceAttr(realShapeDataset, "checks.1.name"),
				resource.TestCheckResourceAttr(realShapeDataset, "checks.2.name", "rows")),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           cfg(2),
			ConfigPlanChecks: acctest.Plans(realShapeDataset, plancheck.ResourceActionUpdate),
			Check:            resource.ComposeAggregateTestCheckFunc(expectEntries(nameless, noMeta, changed, rule), probeAsSeeded),
		}),
	})
}
