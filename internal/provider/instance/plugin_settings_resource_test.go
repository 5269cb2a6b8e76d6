package instance_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

const testPluginSettingsAddr = "dataiku_plugin_settings.test"

func testPluginSettingsDoc(t *testing.T, id string) dss.FreeObject {
	t.Helper()
	doc, err := dss.PluginSettingsDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
	if err != nil {
		t.Fatal(err)
	}
	return *doc
}

func TestAccPluginSettings_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	const id, other = "acc-settings-plugin", "acc-settings-other"
	acctest.MustDo(t, em.Server.SetPluginStore([]emulator.PluginStoreEntry{{ID: id, Version: "1.0.0"}, {ID: other, Version: "1.0.0"}}))
	cfg := func(settings string) string {
		return testAccPluginStoreConfig(id, "1.0.0", "") + `
resource "dataiku_plugin_settings" "test" {
  plugin_id = dataiku_plugin.test.plugin_id
` + settings + `}

resource "dataiku_plugin_preset" "p" {
  plugin_id = dataiku_plugin.test.plugin_id
  type      = "parameter-set-creds"
  name      = "prod"
  config    = jsonencode({ endpoint = "https://a" })
}
`
	}
	base := `  config         = { maxRows = 1000, limits = { cpu = 2 } }
  code_env_name  = "py311-geo"
  parameter_sets = jsonencode([{ name = "creds", desc = {} }])
`
	updated := `  config         = { maxRows = 5000, limits = { cpu = 2 } }
  code_env_name  = "py311-geo"
  parameter_sets = jsonencode([{ name = "creds", desc = {} }])
`
	otherPlugin := fmt.Sprintf("\nresource \"dataiku_plugin\" \"other\" {\n  plugin_id     = %q\n  store_version = \"1.0.0\"\n}\n", other)
	configOf := func() map[string]any { c, _ := testPluginSettingsDoc(t, id)["config"].(map[string]any); return c }
	acctest.Case(t, testAccCheckPluginsDestroyed(t), []resource.TestStep{
		{
			Config: cfg(base),
			Check: func(*terraform.State) error {
				doc := testPluginSettingsDoc(t, id)
				if fmt.Sprint(configOf()["maxRows"]) != "1000" || doc["codeEnvName"] != "py311-geo" || fmt.Sprint(doc["parameterSets"]) != "[map[desc:map[] name:creds]]" {
					return fmt.Errorf("settings in DSS: %v", doc)
				}
				if p, _ := instance.PresetItem(instance.PresetsOf(doc), "parameter-set-creds", "prod"); p == nil {
					return fmt.Errorf("the preset written in the same apply is lost: %v", doc)
				}
				return nil
			},
		},
		{
			// In place; a key written outside Terraform, not in the
			// configuration, is kept; a managed one changed outside is repaired.
			PreConfig: acctest.Must(t, func() error {
				_, _, err := acctest.Client(t).UpdatePluginSettings(acctest.Ctx(t), id, func(d *dss.FreeObject) error {
					c := (*d)["config"].(map[string]any)
					c["region"] = "eu"
					c["limits"].(map[string]any)["cpu"] = 8
					return nil
				})
				return err
			}),
			Config:           cfg(updated),
			ConfigPlanChecks: acctest.Plans(testPluginSettingsAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				c := configOf()
				if fmt.Sprint(c["maxRows"]) != "5000" || c["region"] != "eu" || fmt.Sprint(c["limits"]) != "map[cpu:2]" {
					return fmt.Errorf("config in DSS: %v", c)
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(testPluginSettingsAddr, acctest.ImportID(id), "config"),
		acctest.ImportIdentityStep(t, testPluginSettingsAddr, "config"),
		acctest.DeletedOutsideStep(t, "dataiku_plugin.test", cfg(updated),
			func() error {
				c := acctest.Client(t)
				f, err := c.DeletePlugin(acctest.Ctx(t), id, true)
				if err == nil {
					_, err = c.WaitFuture(acctest.Ctx(t), f, false)
				}
				return err
			},
			func(*terraform.State) error {
				if fmt.Sprint(configOf()["maxRows"]) != "5000" || testPluginSettingsDoc(t, id)["codeEnvName"] != "py311-geo" {
					return fmt.Errorf("settings not written again: %v", testPluginSettingsDoc(t, id))
				}
				return nil
			}),
		{
			// Another plugin: the resource is replaced; the new plugin's
			// settings are written, the old plugin's are left as they are.
			Config: testAccPluginStoreConfig(id, "1.0.0", "") + otherPlugin + `
resource "dataiku_plugin_settings" "test" {
  plugin_id = dataiku_plugin.other.plugin_id
` + base + `}
`,
			ConfigPlanChecks: acctest.Plans(testPluginSettingsAddr, plancheck.ResourceActionReplace),
			Check: func(*terraform.State) error {
				otherDoc := testPluginSettingsDoc(t, other)
				if c, _ := otherDoc["config"].(map[string]any); fmt.Sprint(c["maxRows"]) != "1000" || otherDoc["codeEnvName"] != "py311-geo" {
					return fmt.Errorf("the other plugin's settings in DSS: %v", otherDoc)
				}
				if fmt.Sprint(configOf()["maxRows"]) != "5000" || testPluginSettingsDoc(t, id)["codeEnvName"] != "py311-geo" {
					return fmt.Errorf("the replacement changed the first plugin's settings: %v", testPluginSettingsDoc(t, id))
				}
				return nil
			},
		},
		{
			// Destroying the resource writes nothing.
			Config: testAccPluginStoreConfig(id, "1.0.0", "") + otherPlugin,
			Check: func(*terraform.State) error {
				if c, _ := testPluginSettingsDoc(t, other)["config"].(map[string]any); fmt.Sprint(c["maxRows"]) != "1000" || fmt.Sprint(configOf()["maxRows"]) != "5000" {
					return fmt.Errorf("destroying the settings resource changed DSS: %v, %v", c, configOf())
				}
				return nil
			},
		},
	})
}

func TestAccPluginSettings_nonAdminRefused(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const id = "acc-bob-settings"
	testInstallStorePlugin(t, id)
	acctest.RefusedToBob(t, "resource \"dataiku_plugin_settings\" \"test\" {\n  plugin_id = \""+id+"\"\n  config = jsonencode({ k = 1 })\n}\n",
		regexp.MustCompile(`(?s)Cannot create dataiku_plugin_settings "acc-bob-settings".*may\s+not\s+manage\s+plugins`))
	if c, _ := testPluginSettingsDoc(t, id)["config"].(map[string]any); len(c) != 0 {
		t.Fatalf("bob's refused apply wrote %v", c)
	}
}

// TestAccPluginSettingsDataSource: dataiku_plugin_settings reads settings
// set outside Terraform, its config sensitive and without the secret-named
// keys; bob's key (no right to manage plugins) reads the same, as DSS
// answers a plugin's settings to any user (only its presets narrowed to
// those the user may use [I]); a plugin DSS does not have is DSS's
// not-found, quoted.
func TestAccPluginSettingsDataSource(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const id = "acc-ds-plugin-settings"
	testInstallStorePlugin(t, id)
	if _, _, err := acctest.Client(t).UpdatePluginSettings(acctest.Ctx(t), id, func(d *dss.FreeObject) error {
		(*d)["config"] = map[string]any{"maxRows": 5000, "dbPassword": "not-for-terraform"}
		(*d)["codeEnvName"] = "plugin_env"
		(*d)["parameterSets"] = []any{map[string]any{"name": "creds"}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	const ds = "data.dataiku_plugin_settings.test"
	cfg := fmt.Sprintf("data \"dataiku_plugin_settings\" \"test\" {\n  plugin_id = %q\n}\n", id)
	read := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(ds, tfjsonpath.New("config"), knownvalue.ObjectExact(map[string]knownvalue.Check{"maxRows": knownvalue.Int64Exact(5000)})),
		statecheck.ExpectSensitiveValue(ds, tfjsonpath.New("config")),
		statecheck.ExpectKnownValue(ds, tfjsonpath.New("code_env_name"), knownvalue.StringExact("plugin_env")),
		statecheck.ExpectKnownValue(ds, tfjsonpath.New("parameter_sets"), knownvalue.StringExact(`[{"name":"creds"}]`)),
	}
	acctest.Case(t, nil, []resource.TestStep{
		{Config: cfg, ConfigStateChecks: read},
		{Config: acctest.AsBob(cfg), ConfigStateChecks: read},
		{
			Config:      "data \"dataiku_plugin_settings\" \"test\" {\n  plugin_id = \"acc-no-such-plugin\"\n}\n",
			ExpectError: regexp.MustCompile(`Cannot read data.dataiku_plugin_settings "acc-no-such-plugin"`),
		},
	})
}
