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
