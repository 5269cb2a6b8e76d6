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

const testPresetAddr = "dataiku_plugin_preset.test"

// testPresets are plugin id's presets as DSS holds them, by type/name.
func testPresets(t *testing.T, id string) map[string]map[string]any {
	t.Helper()
	doc, err := dss.PluginSettingsDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
	if err != nil {
		if dss.IsNotFound(err) {
			return nil
		}
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	for _, x := range instance.PresetsOf(*doc) {
		p, _ := x.(map[string]any)
		out[fmt.Sprint(p["type"], "/", p["name"])] = p
	}
	return out
}

// testInstallStorePlugin installs plugin id from the emulated store
// outside Terraform, deleted when the test ends.
func testInstallStorePlugin(t *testing.T, id string) {
	t.Helper()
	em := acctest.RequireEmulator(t)
	acctest.MustDo(t, em.Server.SetPluginStore([]emulator.PluginStoreEntry{{ID: id, Version: "1.0.0"}}))
	acctest.PluginOutside(t, acctest.Client(t), id, dss.PluginSource{Store: true})
}

func testAccPresetConfig(id, name, extra string) string {
	return fmt.Sprintf(`resource "dataiku_plugin_preset" "test" {
  plugin_id = %q
  type      = "parameter-set-creds"
  name      = %q
%s}
`, id, name, extra)
}

func TestAccPluginPreset_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const id = "acc-preset-plugin"
	testInstallStorePlugin(t, id)
	base := `  config                   = { endpoint = "https://api.example.com", retries = 3 }
  permissions              = ["` + acctest.AliceGroup + `"]
  secret_config_wo         = jsonencode({ apiKey = "preset-secret-1" })
  secret_config_wo_version = 1
`
	updated := `  config                   = { endpoint = "https://api2.example.com", retries = 3 }
  secret_config_wo         = jsonencode({ apiKey = "preset-secret-2" })
  secret_config_wo_version = 2
`
	preset := func(name string) map[string]any { return testPresets(t, id)["parameter-set-creds/"+name] }
	cfgOf := func(name string) map[string]any { c, _ := preset(name)["config"].(map[string]any); return c }
	acctest.Case(t, func(*terraform.State) error {
		if p := testPresets(t, id); len(p) != 0 {
			return fmt.Errorf("presets left after destroy: %v", p)
		}
		return nil
	}, []resource.TestStep{
		{
			Config: testAccPresetConfig(id, "prod", base),
			Check: func(*terraform.State) error {
				c := cfgOf("prod")
				if c["endpoint"] != "https://api.example.com" || c["apiKey"] != "preset-secret-1" || fmt.Sprint(preset("prod")["permissions"]) != "[map[group:"+acctest.AliceGroup+" use:true]]" {
					return fmt.Errorf("preset in DSS: %v", preset("prod"))
				}
				return nil
			},
		},
		{
			// In place: a config key, the permissions, and a rotated secret.
			Config:           testAccPresetConfig(id, "prod", updated),
			ConfigPlanChecks: acctest.Plans(testPresetAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				c := cfgOf("prod")
				if c["endpoint"] != "https://api2.example.com" || c["apiKey"] != "preset-secret-2" || fmt.Sprint(preset("prod")["permissions"]) != "[]" {
					return fmt.Errorf("preset in DSS: %v", preset("prod"))
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(testPresetAddr, acctest.ImportID(id+"/parameter-set-creds/prod"), "config", "secret_config_wo", "secret_config_wo_version"),
		acctest.ImportIdentityStep(t, testPresetAddr, "config", "secret_config_wo", "secret_config_wo_version"),
		{
			// Changed outside Terraform: a managed key (repaired) and one the
			// configuration does not write (kept); the secret stays.
			PreConfig: acctest.Must(t, func() error {
				_, _, err := acctest.Client(t).UpdatePluginSettings(acctest.Ctx(t), id, func(d *dss.FreeObject) error {
					p, _ := instance.PresetItem(instance.PresetsOf(*d), "parameter-set-creds", "prod")
					c := p["config"].(map[string]any)
					c["endpoint"], c["region"] = "https://elsewhere", "eu"
					return nil
				})
				return err
			}),
			Config:           testAccPresetConfig(id, "prod", updated),
			ConfigPlanChecks: acctest.Plans(testPresetAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				if c := cfgOf("prod"); c["endpoint"] != "https://api2.example.com" || c["region"] != "eu" || c["apiKey"] != "preset-secret-2" {
					return fmt.Errorf("preset in DSS: %v", c)
				}
				return nil
			},
		},
		acctest.DeletedOutsideStep(t, testPresetAddr, testAccPresetConfig(id, "prod", updated),
			func() error {
				_, _, err := acctest.Client(t).UpdatePluginSettings(acctest.Ctx(t), id, func(d *dss.FreeObject) error {
					(*d)["presets"] = []any{}
					return nil
				})
				return err
			},
			func(*terraform.State) error {
				// Created again: the secret is sent with the creation.
				if c := cfgOf("prod"); c["apiKey"] != "preset-secret-2" || c["endpoint"] != "https://api2.example.com" {
					return fmt.Errorf("preset in DSS: %v", c)
				}
				return nil
			}),
		{
			Config:           testAccPresetConfig(id, "prod2", updated),
			ConfigPlanChecks: acctest.Plans(testPresetAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: func(*terraform.State) error {
				if preset("prod") != nil || preset("prod2") == nil {
					return fmt.Errorf("after the rename: %v", testPresets(t, id))
				}
				return nil
			},
		},
	})
}

// TestAccPluginPreset_manyInOneApply: presets of one plugin written in the
// same apply (Terraform runs them in parallel) never overwrite each other,
// nor the plugin's other settings.
func TestAccPluginPreset_manyInOneApply(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const id = "acc-many-presets"
	testInstallStorePlugin(t, id)
	if _, _, err := acctest.Client(t).UpdatePluginSettings(acctest.Ctx(t), id, func(d *dss.FreeObject) error {
		(*d)["config"] = map[string]any{"instanceWide": "kept"}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	cfg := fmt.Sprintf(`resource "dataiku_plugin_preset" "p" {
  count     = 8
  plugin_id = %q
  type      = "parameter-set-creds"
  name      = "p${count.index}"
  config    = jsonencode({ n = count.index })
}
`, id)
	acctest.Case(t, nil, []resource.TestStep{{
		Config: cfg,
		Check: func(*terraform.State) error {
			p := testPresets(t, id)
			for i := range 8 {
				if p[fmt.Sprintf("parameter-set-creds/p%d", i)] == nil {
					return fmt.Errorf("preset p%d lost: %v", i, p)
				}
			}
			doc, err := dss.PluginSettingsDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
			if err != nil {
				return err
			}
			if c, _ := (*doc)["config"].(map[string]any); c["instanceWide"] != "kept" {
				return fmt.Errorf("the plugin's config changed: %v", *doc)
			}
			return nil
		},
	}})
}

func TestAccPluginPreset_nonAdminRefused(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const id = "acc-bob-presets"
	testInstallStorePlugin(t, id)
	acctest.RefusedToBob(t, testAccPresetConfig(id, "bob", ""),
		regexp.MustCompile(`(?s)Cannot create dataiku_plugin_preset "acc-bob-presets/parameter-set-creds/bob".*may\s+not\s+manage\s+plugins`))
	if p := testPresets(t, id); len(p) != 0 {
		t.Fatalf("bob's refused apply wrote presets: %v", p)
	}
}

// TestAccPluginPresetDataSource: dataiku_plugin_preset reads a preset
// made by the resource, its secrets (by name) left out and its config
// sensitive; an unknown preset is an error.
func TestAccPluginPresetDataSource(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const id = "acc-ds-presets"
	testInstallStorePlugin(t, id)
	preset := testAccPresetConfig(id, "prod", `  config                   = { endpoint = "https://api.example.com", retries = 3 }
  permissions              = ["`+acctest.AliceGroup+`"]
  secret_config_wo         = jsonencode({ apiKey = "preset-secret-ds" })
  secret_config_wo_version = 1
`)
	const ds = "data.dataiku_plugin_preset.test"
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config: preset + fmt.Sprintf(`
data "dataiku_plugin_preset" "test" {
  plugin_id = %q
  type      = dataiku_plugin_preset.test.type
  name      = dataiku_plugin_preset.test.name
}
`, id),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("id"), knownvalue.StringExact(id+"/parameter-set-creds/prod")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("config"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"endpoint": knownvalue.StringExact("https://api.example.com"), "retries": knownvalue.Int64Exact(3),
				})),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("permissions"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(acctest.AliceGroup)})),
				statecheck.ExpectSensitiveValue(ds, tfjsonpath.New("config")),
			},
			Check: func(*terraform.State) error {
				// The secret the data source leaves out is in DSS.
				if c, _ := testPresets(t, id)["parameter-set-creds/prod"]["config"].(map[string]any); c["apiKey"] != "preset-secret-ds" {
					return fmt.Errorf("preset in DSS: %v", c)
				}
				return nil
			},
		},
		{
			Config:      preset + fmt.Sprintf("data \"dataiku_plugin_preset\" \"test\" {\n  plugin_id = %q\n  type = \"parameter-set-creds\"\n  name = \"nope\"\n}\n", id),
			ExpectError: regexp.MustCompile(`Plugin acc-ds-presets has no preset "nope" of type "parameter-set-creds"`),
		},
	})
}

// TestAccPluginPresetDataSource_nonAdmin: a preset made outside Terraform
// that the analysts group may use is read with alice's key (an analyst, no
// right to manage plugins), its secret-named keys left out; bob's key,
// whose groups may not use it, does not see it: DSS answers a plugin's
// settings to any user with only the presets the user may use [I], so the
// data source says the plugin has no such preset.
func TestAccPluginPresetDataSource_nonAdmin(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const id = "acc-ds-presets-users"
	testInstallStorePlugin(t, id)
	if _, _, err := acctest.Client(t).UpdatePluginSettings(acctest.Ctx(t), id, func(d *dss.FreeObject) error {
		(*d)["presets"] = []any{map[string]any{
			"type": "parameter-set-creds", "name": "shared",
			"config":      map[string]any{"endpoint": "https://api.example.com", "apiKey": "preset-secret-users"},
			"permissions": []any{map[string]any{"group": acctest.AliceGroup, "use": true}},
		}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	cfg := fmt.Sprintf("data \"dataiku_plugin_preset\" \"test\" {\n  plugin_id = %q\n  type = \"parameter-set-creds\"\n  name = \"shared\"\n}\n", id)
	const ds = "data.dataiku_plugin_preset.test"
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config: acctest.AsAlice(cfg),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("config"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"endpoint": knownvalue.StringExact("https://api.example.com"),
				})),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("permissions"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(acctest.AliceGroup)})),
			},
		},
		{
			Config:      acctest.AsBob(cfg),
			ExpectError: regexp.MustCompile(`Plugin acc-ds-presets-users has no preset "shared" of type "parameter-set-creds"`),
		},
	})
}
