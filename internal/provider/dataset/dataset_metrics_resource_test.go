package dataset_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const metricsHCL = `
  metrics = {
    probes = [
      { type = "basic" },
      { type = "records", compute_on_build_mode = "WHOLE_DATASET" },
      { type = "col_stats", configuration = jsonencode({ aggregates = [{ column = "a", function = "MIN" }] }) },
    ]
    engine_config = jsonencode({ padRunsWithMetrics = true })
  }
  checks = [{
    type          = "numericRange"
    name          = "rows"
    configuration = jsonencode({ metricId = "records:COUNT_RECORDS", minimum = 1, minimumEnabled = true })
  }]
`

// dssSection reads a section of the dataset's definition from DSS.
func dssSection(t *testing.T, key, name, section string) map[string]any {
	t.Helper()
	s, _ := acctest.GetDataset(t, key, name)[section].(map[string]any)
	return s
}

func dssList(m map[string]any, key string) []map[string]any {
	raw, _ := m[key].([]any)
	out := []map[string]any{}
	for _, e := range raw {
		if o, ok := e.(map[string]any); ok {
			out = append(out, o)
		}
	}
	return out
}

// TestAccDataset_metricsAndChecks: metrics and checks are applied inside
// the dataset's one read-modify-write, drift made in DSS is shown and
// repaired, and null leaves DSS's alone.
func TestAccDataset_metricsAndChecks(t *testing.T) {
	acctest.Parallel(t)
	key, name := "DSMET", "measured"
	acctest.CreateProjectForDatasets(t, key)
	cfg := acctest.DatasetCfg{Key: key, Name: name, Typ: "Filesystem", Conn: "filesystem_root", Params: map[string]any{"path": "/m"},
		Columns: [][2]string{{"a", "bigint"}}}
	withMetrics := cfg
	withMetrics.Extra = metricsHCL
	checkDSS := func(*terraform.State) error {
		probes := dssList(dssSection(t, key, name, "metrics"), "probes")
		if len(probes) != 3 || probes[0]["type"] != "basic" || probes[1]["computeOnBuildMode"] != "WHOLE_DATASET" || probes[2]["enabled"] != true {
			return fmt.Errorf("probes in DSS: %v", probes)
		}
		if ec := dssSection(t, key, name, "metrics")["engineConfig"].(map[string]any); ec["padRunsWithMetrics"] != true {
			return fmt.Errorf("engineConfig in DSS: %v", ec)
		}
		checks := dssList(dssSection(t, key, name, "metricsChecks"), "checks")
		if len(checks) != 1 || checks[0]["type"] != "numericRange" || checks[0]["meta"].(map[string]any)["name"] != "rows" || checks[0]["metricId"] != "records:COUNT_RECORDS" {
			return fmt.Errorf("checks in DSS: %v", checks)
		}
		return nil
	}
	acctest.Case(t, acctest.CheckDatasetsDestroyed(t, key, name), []resource.TestStep{
		{ // Applied.
			Config: withMetrics.Render(),
			Check: resource.ComposeTestCheckFunc(checkDSS,
				resource.TestCheckResourceAttr(acctest.DatasetAddr, "metrics.probes.#", "3"),
				resource.TestCheckResourceAttr(acctest.DatasetAddr, "checks.0.enabled", "true")),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		{ // Drifted in DSS: a probe disabled, a configuration key and a
			// check's minimum changed, a probe added. DSS's own keys in
			// the configuration (added beside the written ones) are not drift.
			PreConfig: func() {
				acctest.ChangeDataset(t, key, name, func(d map[string]any) {
					m := d["metrics"].(map[string]any)
					probes := m["probes"].([]any)
					probes[0].(map[string]any)["enabled"] = false
					probes[2].(map[string]any)["configuration"].(map[string]any)["aggregates"] = []any{}
					probes[2].(map[string]any)["configuration"].(map[string]any)["dssOwn"] = 1
					m["probes"] = append(probes, map[string]any{"type": "verify_col", "enabled": true, "configuration": map[string]any{}})
					chk := d["metricsChecks"].(map[string]any)["checks"].([]any)[0].(map[string]any)
					chk["minimum"] = 5
				})
			},
			Config: withMetrics.Render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{acctest.ExpectChangedAttributes{Addr: acctest.DatasetAddr, Attrs: []string{"metrics", "checks"}}},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: resource.ComposeTestCheckFunc(checkDSS, func(*terraform.State) error {
				probes := dssList(dssSection(t, key, name, "metrics"), "probes")
				if cfg := probes[2]["configuration"].(map[string]any); cfg["dssOwn"] == nil {
					return fmt.Errorf("DSS's own configuration key was dropped: %v", cfg)
				}
				if c := dssList(dssSection(t, key, name, "metricsChecks"), "checks")[0]; fmt.Sprint(c["minimum"]) != "1" {
					return fmt.Errorf("check minimum not repaired: %v", c)
				}
				return nil
			}),
		},
		{ // Null: unmanaged. Nothing is sent, and DSS's metrics and
			// checks stay, even when changed in DSS afterwards.
			Config:           cfg.Render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: resource.ComposeTestCheckFunc(checkDSS,
				resource.TestCheckNoResourceAttr(acctest.DatasetAddr, "metrics.probes.#"),
				resource.TestCheckNoResourceAttr(acctest.DatasetAddr, "checks.#")),
		},
		{
			PreConfig: func() {
				acctest.ChangeDataset(t, key, name, func(d map[string]any) {
					d["metrics"].(map[string]any)["probes"] = []any{}
					d["metricsChecks"].(map[string]any)["checks"] = []any{}
				})
			},
			Config:           cfg.Render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		{ // Set again, then an empty list empties DSS's.
			Config: withMetrics.Render(),
			Check:  checkDSS,
		},
		{
			Config: func() string {
				c := cfg
				c.Extra = "  metrics = { probes = [] }\n  checks = []\n"
				return c.Render()
			}(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: func(*terraform.State) error {
				if p := dssList(dssSection(t, key, name, "metrics"), "probes"); len(p) != 0 {
					return fmt.Errorf("probes left in DSS: %v", p)
				}
				if c := dssList(dssSection(t, key, name, "metricsChecks"), "checks"); len(c) != 0 {
					return fmt.Errorf("checks left in DSS: %v", c)
				}
				return nil
			},
		},
	})
}

// TestAccDataset_metricsRefreshRequestCount: refreshing a dataset with
// metrics and checks costs what refreshing any dataset does, one request:
// its project's dataset list, which holds whole definitions.
func TestAccDataset_metricsRefreshRequestCount(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t) // before the project: a real DSS skips the test
	key := "DSMETREQ"
	acctest.CreateProjectForDatasets(t, key)
	testAccRefreshCostsTheList(t, acctest.DatasetCfg{Key: key, Name: "counted", Typ: "Filesystem", Conn: "filesystem_root", Params: map[string]any{"path": "/c"}, Extra: metricsHCL},
		"a dataset with 3 probes and 1 check")
}
