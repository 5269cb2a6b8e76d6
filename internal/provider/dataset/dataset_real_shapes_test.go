package dataset_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// Datasets in shapes real DSS documents have (dss-real-shapes.md) that a
// DSS accepts and the provider once could not adopt: each is planted in
// DSS's raw document, adopted with an import block and the configuration
// dss-adopt would write, and changed once, DSS's own value checked
// through the client afterwards.

const realShapeDataset = "dataiku_dataset.d"

// realShapeDatasetOutside makes a project and a Filesystem dataset
// "orders" through the admin client, then plants edit's fields in its raw
// definition (DSS's create takes only the creation fields).
func realShapeDatasetOutside(t *testing.T, key string, edit func(d map[string]any)) {
	t.Helper()
	c := acctest.ProjectOutside(t, key, "Real shapes")
	if err := c.CreateDatasetFrom(acctest.Ctx(t), &dss.Dataset{ProjectKey: key, Name: "orders", Type: "Filesystem",
		Params: dss.Object{"connection": "filesystem_root", "path": "/orders"}, FormatType: "csv"}); err != nil {
		t.Fatal(err)
	}
	acctest.EditRawDoc(t, dss.DatasetDoc(key, "orders").Path(), edit)
}

// realShapeDatasetConfig is the dataset's configuration, extra holding
// what the test manages beyond its identity.
// description "" leaves it out.
func realShapeDatasetConfig(key, description, extra string) string {
	if description != "" {
		extra = fmt.Sprintf("  description     = %q\n", description) + extra
	}
	return fmt.Sprintf(`resource "dataiku_dataset" "d" {
  project_key     = %q
  name            = "orders"
  type            = "Filesystem"
  connection_name = "filesystem_root"
%s}
`, key, extra)
}

// realShapeAdoptThenChange adopts the planted dataset with cfg(…) (an
// import that plans no change, then an empty plan), then changes only its
// description: an update in place after which check looks at DSS.
func realShapeAdoptThenChange(t *testing.T, key string, cfg func(description string) string, check func(d map[string]any) error) {
	t.Helper()
	acctest.Case(t, acctest.CheckProjectObjectsGone(t, "dataiku_dataset", func(key, id string) string {
		return dss.DatasetDoc(key, "orders").Path()
	}), []resource.TestStep{
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(realShapeDataset, acctest.ImportBlock(realShapeDataset, key+".orders")+cfg(""))),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           cfg("changed by Terraform"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(realShapeDataset, plancheck.ResourceActionUpdate)}},
			Check: func(*terraform.State) error {
				d := acctest.GetDataset(t, key, "orders")
				if d["description"] != "changed by Terraform" {
					return fmt.Errorf("the change did not reach DSS: description %v", d["description"])
				}
				return check(d)
			},
		}),
	})
}

// A string column whose maxLength is 0 (a sentinel real documents use,
// like -1) reads as no limit: the adopted configuration leaves
// max_length out, plans empty, and a later write keeps DSS's 0 (and the
// other column's limit).
func TestAccDatasetRealShape_maxLengthZero(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_MAXLEN")
	realShapeDatasetOutside(t, key, func(d map[string]any) {
		d["schema"] = map[string]any{"userModified": true, "columns": []any{
			map[string]any{"name": "code", "type": "string", "maxLength": 0},
			map[string]any{"name": "label", "type": "string", "maxLength": 4194304},
			map[string]any{"name": "amount", "type": "double", "maxLength": -1},
		}}
	})
	cfg := func(description string) string {
		return realShapeDatasetConfig(key, description, `  schema_columns = [
    { name = "code", type = "string" },
    { name = "label", type = "string", max_length = 4194304 },
    { name = "amount", type = "double" },
  ]
`)
	}
	realShapeAdoptThenChange(t, key, cfg, func(d map[string]any) error {
		cols := d["schema"].(map[string]any)["columns"].([]any)
		got := []any{}
		for _, c := range cols {
			got = append(got, c.(map[string]any)["maxLength"])
		}
		if fmt.Sprint(got) != "[0 4.194304e+06 -1]" {
			return fmt.Errorf("DSS's maxLength values after the write: %v, want [0 4194304 -1]", got)
		}
		return nil
	})
}

// A "value" dimension that was a "time" one in DSS keeps params.period:
// the adopted configuration has no period there (one would be refused),
// plans empty, and a later write keeps DSS's leftover.
func TestAccDatasetRealShape_valueDimensionLeftoverPeriod(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_PERIOD")
	realShapeDatasetOutside(t, key, func(d map[string]any) {
		d["partitioning"] = map[string]any{"ignoreNonMatchingFile": false, "considerMissingRequestedPartitionsAsEmpty": false,
			"filePathPattern": "%{country}/%Y/%M/.*",
			"dimensions": []any{
				map[string]any{"name": "country", "type": "value", "params": map[string]any{"period": "DAY"}},
				map[string]any{"name": "month", "type": "time", "params": map[string]any{"period": "MONTH"}},
			}}
	})
	cfg := func(description string) string {
		return realShapeDatasetConfig(key, description, `  partitioning = {
    file_path_pattern = "%%{country}/%Y/%M/.*"
    dimensions = [
      { name = "country", type = "value" },
      { name = "month", type = "time", period = "MONTH" },
    ]
  }
`)
	}
	realShapeAdoptThenChange(t, key, cfg, func(d map[string]any) error {
		dims := d["partitioning"].(map[string]any)["dimensions"].([]any)
		if got := fmt.Sprint(dims); got != "[map[name:country params:map[period:DAY] type:value] map[name:month params:map[period:MONTH] type:time]]" {
			return fmt.Errorf("DSS's dimensions after the write: %s", got)
		}
		return nil
	})
}

// A dataset whose metricsChecks.checks holds a legacy check and a
// data-quality rule, as newer DSS documents do (dss-real-shapes.md). The
// dataset and the rule are adopted with an empty plan; `checks` then
// manages the legacy check only; changing it (and the rule, in the same
// apply) writes each entry through its own resource, DSS keeping the rule
// where it was; the rules endpoint lists the rule and nothing else.
func TestAccDatasetRealShape_rulesBesideChecks(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DQMC")
	legacy := map[string]any{"type": "numericRange", "meta": map[string]any{"name": "rows", "level": 0}, "enabled": true,
		"metricId": "records:COUNT_RECORDS", "minimum": 1, "minimumEnabled": true}
	rule := map[string]any{"type": "RecordCountInRangeRule", "id": "rc1", "displayName": "enough rows", "enabled": true, "autoRun": true,
		"computeOnBuildMode": "PARTITION", "minimum": 1.0, "minimumEnabled": true, "softMinimum": 10.0, "softMinimumEnabled": true}
	realShapeDatasetOutside(t, key, func(d map[string]any) {
		d["metricsChecks"] = map[string]any{"monitor": true, "displayedState": map[string]any{"checks": []any{}},
			"checks": []any{legacy, rule}}
	})
	const ruleAddr = "dataiku_data_quality_rule.r"
	cfg := func(checks string, ruleMinimum int) string {
		return realShapeDatasetConfig(key, "", checks) + fmt.Sprintf(`
resource "dataiku_data_quality_rule" "r" {
  project_key  = dataiku_dataset.d.project_key
  dataset_name = dataiku_dataset.d.name
  name         = "enough rows"
  type         = "RecordCountInRangeRule"
  config = {
    computeOnBuildMode = "PARTITION"
    minimum            = %d
    minimumEnabled     = true
    softMinimum        = 10
    softMinimumEnabled = true
  }
}
`, ruleMinimum)
	}
	oneCheck := `  checks = [{ type = "numericRange", name = "rows", configuration = jsonencode({ metricId = "records:COUNT_RECORDS", minimum = 1 }) }]
`
	twoChecks := `  checks = [
    { type = "numericRange", name = "rows", configuration = jsonencode({ metricId = "records:COUNT_RECORDS", minimum = 2 }) },
    { type = "numericRange", name = "files", configuration = jsonencode({ metricId = "basic:COUNT_FILES", minimum = 1 }) },
  ]
`
	// entries reads metricsChecks.checks from DSS as "type:name:minimum".
	entries := func() ([]string, []any) {
		mc, _ := acctest.GetDataset(t, key, "orders")["metricsChecks"].(map[string]any)
		raw, _ := mc["checks"].([]any)
		out := []string{}
		for _, e := range raw {
			m := e.(map[string]any)
			meta, _ := m["meta"].(map[string]any)
			out = append(out, fmt.Sprintf("%v:%v:%v", m["type"], cmpOr(meta["name"], m["displayName"]), m["minimum"]))
		}
		return out, raw
	}
	expectEntries := func(want string, ruleWant map[string]any) resource.TestCheckFunc {
		return func(*terraform.State) error {
			got, raw := entries()
			if fmt.Sprint(got) != want {
				return fmt.Errorf("DSS's metricsChecks.checks: %v, want %s", got, want)
			}
			for _, e := range raw {
				if m := e.(map[string]any); m["id"] == "rc1" && fmt.Sprint(m) != fmt.Sprint(ruleWant) {
					return fmt.Errorf("DSS's rule: %v, want %v", m, ruleWant)
				}
			}
			rules, err := acctest.Client(t).ListDataQualityRules(acctest.Ctx(t), key, "orders")
			if err != nil || len(rules) != 1 || rules[0].ID != "rc1" {
				return fmt.Errorf("DSS lists the rules %+v, want only rc1 (err: %w)", rules, err)
			}
			return nil
		}
	}
	changedRule := map[string]any{}
	for k, v := range rule {
		changedRule[k] = v
	}
	changedRule["minimum"] = 3.0
	noop := []plancheck.PlanCheck{plancheck.ExpectResourceAction(realShapeDataset, plancheck.ResourceActionNoop),
		plancheck.ExpectResourceAction(ruleAddr, plancheck.ResourceActionNoop)}
	acctest.Case(t, testAccCheckRulesDestroyed(t), []resource.TestStep{
		// Adopted as dss-adopt writes them: the dataset without checks,
		// the rule by its id.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           acctest.ImportBlock(realShapeDataset, key+".orders") + acctest.ImportBlock(ruleAddr, key+".orders.rc1") + cfg("", 1),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: noop},
			Check: resource.ComposeAggregateTestCheckFunc(expectEntries("[numericRange:rows:1 RecordCountInRangeRule:enough rows:1]", rule),
				resource.TestCheckNoResourceAttr(realShapeDataset, "checks")),
		}),
		// checks manages the legacy check only: read back as one check,
		// the rule left as it is.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg(oneCheck, 1),
			Check: resource.ComposeAggregateTestCheckFunc(expectEntries("[numericRange:rows:1 RecordCountInRangeRule:enough rows:1]", rule),
				resource.TestCheckResourceAttr(realShapeDataset, "checks.#", "1"),
				resource.TestCheckResourceAttr(realShapeDataset, "checks.0.type", "numericRange"),
				resource.TestCheckResourceAttr(realShapeDataset, "checks.0.name", "rows")),
		}),
		// Both change in one apply: the check in place, a second check
		// after the rule, the rule through its own resource.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg(twoChecks, 3),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(realShapeDataset, plancheck.ResourceActionUpdate),
				plancheck.ExpectResourceAction(ruleAddr, plancheck.ResourceActionUpdate)}},
			Check: resource.ComposeAggregateTestCheckFunc(
				expectEntries("[numericRange:rows:2 RecordCountInRangeRule:enough rows:3 numericRange:files:1]", changedRule),
				resource.TestCheckResourceAttr(realShapeDataset, "checks.#", "2")),
		}),
		// Back to one check: the second goes, the rule stays.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg(oneCheck, 3),
			Check:  expectEntries("[numericRange:rows:1 RecordCountInRangeRule:enough rows:3]", changedRule),
		}),
	})
}

func cmpOr(a, b any) any {
	if a != nil {
		return a
	}
	return b
}
