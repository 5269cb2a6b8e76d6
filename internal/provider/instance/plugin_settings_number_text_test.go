package instance_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// A plugin's settings DSS prints Java-style: a change of one config key
// deep in an object and of one parameter set sends DSS's text back for
// every number of config and of the parameter sets it does not change.
func TestAccPluginSettings_numberTextKept(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	const id = "acc-numtext-plugin"
	acctest.MustDo(t, em.Server.SetPluginStore([]emulator.PluginStoreEntry{{ID: id, Version: "1.0.0"}}))
	cfg := func(cpu int, set string) string {
		return testAccPluginStoreConfig(id, "1.0.0", "") + fmt.Sprintf(`
resource "dataiku_plugin_settings" "test" {
  plugin_id      = dataiku_plugin.test.plugin_id
  config         = { maxRows = 1000, limits = { cpu = %d, ratio = 0.0001 } }
  parameter_sets = jsonencode([{ name = "creds", weight = 1000 }, { name = %q, weight = 0.5 }])
}
`, cpu, set)
	}
	path := dss.PluginSettingsDoc(id).Path()
	nums := acctest.NumberTextsOf(t, func() any {
		d := acctest.RawDocExact(t, path)
		return map[string]any{"config": d["config"], "parameterSets": d["parameterSets"]}
	})
	acctest.Case(t, testAccCheckPluginsDestroyed(t), []resource.TestStep{
		{Config: cfg(2, "a")},
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.Must(t, func() error {
					_, _, err := acctest.Client(t).UpdatePluginSettings(acctest.Ctx(t), id, func(d *dss.FreeObject) error {
						c := (*d)["config"].(map[string]any)
						c["maxRows"] = json.Number("1000.0")
						c["limits"].(map[string]any)["ratio"] = json.Number("1.0E-4")
						sets := (*d)["parameterSets"].([]any)
						sets[0].(map[string]any)["weight"] = json.Number("1000.0")
						sets[1].(map[string]any)["weight"] = json.Number("0.50")
						return nil
					})
					return err
				})()
				nums.Take()
			},
			Config:           cfg(4, "b"),
			ConfigPlanChecks: acctest.Plans(testPluginSettingsAddr, plancheck.ResourceActionUpdate),
			Check:            nums.Kept("config.limits.cpu"),
		}),
	})
}
