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

// Metrics and checks whose configurations DSS prints Java-style: a
// change of one key in each of the probe's, the engine's and the check's
// configurations (and of the check's name) sends DSS's text back for
// every other number of them.
func TestAccDataset_metricsNumberTextKept(t *testing.T) {
	acctest.Parallel(t)
	key, name := acctest.ProjectKey("ACC_METNUM"), "measured"
	acctest.CreateProjectForDatasets(t, key)
	cfg := func(v string) string {
		return acctest.DatasetCfg{Key: key, Name: name, Typ: "Filesystem", Conn: "filesystem_root", Params: map[string]any{"path": "/m"},
			Extra: fmt.Sprintf(`
  metrics = {
    probes = [{ type = "col_stats", configuration = jsonencode({ sampleRatio = 0.0001, aggregates = [{ column = "a", function = "MIN%[1]s" }] }) }]
    engine_config = jsonencode({ padRunsWithMetrics = true, timeout = 60, label = "%[1]s" })
  }
  checks = [{
    type          = "numericRange"
    name          = "rows%[1]s"
    configuration = jsonencode({ metricId = "records:COUNT_RECORDS", minimum = 1, maximum = 1000000, minimumEnabled = true, label = "%[1]s" })
  }]
`, v)}.Render()
	}
	path := dss.DatasetDoc(key, name).Path()
	nums := acctest.NumberTextsOf(t, func() any { return acctest.RawDocExact(t, path) })
	acctest.Case(t, acctest.CheckDatasetsDestroyed(t, key, name), []resource.TestStep{
		{Config: cfg("")},
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.EditRawDocExact(t, path, func(d map[string]any) {
					m := d["metrics"].(map[string]any)
					m["probes"].([]any)[0].(map[string]any)["configuration"].(map[string]any)["sampleRatio"] = json.Number("1.0E-4")
					m["engineConfig"].(map[string]any)["timeout"] = json.Number("60.0")
					chk := d["metricsChecks"].(map[string]any)["checks"].([]any)[0].(map[string]any)
					chk["minimum"], chk["maximum"] = json.Number("1.0"), json.Number("1000000.0")
				})
				nums.Take()
			},
			Config:           cfg("X"),
			ConfigPlanChecks: acctest.Plans(acctest.DatasetAddr, plancheck.ResourceActionUpdate),
			Check:            nums.Kept("versionTag"),
		}),
	})
}
