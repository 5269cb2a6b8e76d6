package dataset_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// DSS prints doubles Java-style (1.0E8, 1.0E-4). A configuration writes
// the same numbers as Terraform prints them; changing params.path must
// send DSS's text back for every number of params and format_params it
// did not change (the write once rewrote formatParams.maxRowChars 1.0E8
// as 100000000).
func TestAccDataset_numberTextKept(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DSNUM")
	path := dss.DatasetDoc(key, "orders").Path()
	cfg := func(dir string) string {
		return fmt.Sprintf(`resource "dataiku_project" "p" {
  project_key = %q
  name        = "Number text"
}
resource "dataiku_dataset" "d" {
  project_key     = dataiku_project.p.project_key
  name            = "orders"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = { path = %q, ratio = 0.0001, limits = { scale = 1000, list = [60, 0.5] } }
  format_type     = "csv"
  format_params   = { separator = ",", maxRowChars = 100000000, previewSampleRatio = 0.0001 }
}
`, key, dir)
	}
	nums := acctest.NumberTextsOf(t, func() any { return acctest.RawDocExact(t, path) })
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		{Config: cfg("/a")},
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.EditRawDocExact(t, path, func(d map[string]any) {
					p := d["params"].(map[string]any)
					p["ratio"] = json.Number("1.0E-4")
					p["limits"] = map[string]any{"scale": json.Number("1000.0"), "list": []any{json.Number("60.0"), json.Number("0.50")}}
					fp := d["formatParams"].(map[string]any)
					fp["maxRowChars"], fp["previewSampleRatio"] = json.Number("1.0E8"), json.Number("1.0E-4")
				})
				nums.Take()
			},
			Config:           cfg("/b"),
			ConfigPlanChecks: acctest.Plans("dataiku_dataset.d", plancheck.ResourceActionUpdate),
			Check:            nums.Kept("versionTag"),
		}),
	})
}
