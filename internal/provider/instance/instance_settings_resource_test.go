package instance_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

const testSettingsAddr = "dataiku_instance_settings.test"

// testKeepDoc saves a whole instance document and restores it when the test
// ends: destroying these resources leaves DSS as it is, and the emulator is
// shared by every test.
func testKeepDoc(t *testing.T, doc dss.Document[dss.FreeObject]) {
	t.Helper()
	c := acctest.Client(t)
	saved, err := doc.Get(acctest.Ctx(t), c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := doc.Put(context.Background(), c, saved); err != nil {
			t.Errorf("restoring %s: %v", doc.Path(), err)
		}
	})
}

// testEditDoc changes an instance document outside Terraform.
func testEditDoc(t *testing.T, doc dss.Document[dss.FreeObject], edit func(map[string]any)) {
	t.Helper()
	acctest.EditRawDoc(t, doc.Path(), edit)
}

// testDocAt reads a value of an instance document by a dotted path.
func testDocAt(t *testing.T, doc dss.Document[dss.FreeObject], dotted string) any {
	t.Helper()
	var v any = acctest.RawDoc(t, doc.Path())
	for _, k := range strings.Split(dotted, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// testExpectDoc checks values of an instance document by dotted paths
// (compared as JSON).
func testExpectDoc(t *testing.T, doc dss.Document[dss.FreeObject], want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for k, w := range want {
			got, _ := json.Marshal(testDocAt(t, doc, k))
			if string(got) != w {
				return fmt.Errorf("%s %s in DSS is %s, want %s", doc.Path(), k, got, w)
			}
		}
		return nil
	}
}

func testAccSettingsConfig(hcl string) string {
	return fmt.Sprintf("resource \"dataiku_instance_settings\" \"test\" {\n  settings = %s\n}\n", hcl)
}

func TestAccInstanceSettings_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	doc := dss.GeneralSettingsDoc()
	testKeepDoc(t, doc)
	// Keys nobody manages, deep and at the top, with an exact big number.
	testEditDoc(t, doc, func(m map[string]any) {
		m["ldapSettings"] = map[string]any{"enabled": false, "url": "ldap://seed", "nested": map[string]any{"a": 1, "b": 2}}
		m["accCustom"] = json.RawMessage(`{"budget":9007199254740993}`)
		m["maxRunningActivitiesPerJob"] = 2
	})
	v1 := `{ maxRunningActivities = 7, ldapSettings = { enabled = true, nested = { b = 3 } } }`
	v2 := `{ maxRunningActivities = 8, ldapSettings = { enabled = true, nested = { b = 3 } }, accNew = { x = [1, 2] } }`
	v3 := `{ maxRunningActivities = 8, accNew = { x = [1, 2] } }`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		// Destroy writes nothing: DSS keeps the last values written.
		CheckDestroy: func(s *terraform.State) error {
			return testExpectDoc(t, doc, map[string]string{
				"maxRunningActivities": `8`, "accNew.x": `[1,2]`, "ldapSettings.enabled": `false`, "ldapSettings.url": `"ldap://changed"`,
			})(s)
		},
		Steps: []resource.TestStep{
			{
				Config: testAccSettingsConfig(v1),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(testSettingsAddr, "id", instance.GeneralSettingsID),
					// The state holds the keys written, as objects.
					resource.TestCheckResourceAttr(testSettingsAddr, "settings.%", "2"),
					resource.TestCheckResourceAttr(testSettingsAddr, "settings.maxRunningActivities", "7"),
					resource.TestCheckResourceAttr(testSettingsAddr, "settings.ldapSettings.%", "2"),
					resource.TestCheckResourceAttr(testSettingsAddr, "settings.ldapSettings.nested.%", "1"),
					resource.TestCheckResourceAttr(testSettingsAddr, "settings.ldapSettings.nested.b", "3"),
					testExpectDoc(t, doc, map[string]string{
						"maxRunningActivities": `7`, "ldapSettings.enabled": `true`, "ldapSettings.url": `"ldap://seed"`,
						"ldapSettings.nested": `{"a":1,"b":3}`, "maxRunningActivitiesPerJob": `2`,
					}),
					func(*terraform.State) error {
						var raw struct {
							AccCustom struct {
								Budget json.Number `json:"budget"`
							} `json:"accCustom"`
						}
						if err := acctest.Client(t).Get(acctest.Ctx(t), doc.Path(), nil, &raw); err != nil {
							return err
						}
						if raw.AccCustom.Budget != "9007199254740993" {
							return fmt.Errorf("an unmanaged number changed: %s", raw.AccCustom.Budget)
						}
						return nil
					},
				),
			},
			{
				// Update in place, a key added to management.
				Config:           testAccSettingsConfig(v2),
				ConfigPlanChecks: acctest.Plans(testSettingsAddr, plancheck.ResourceActionUpdate),
				Check:            testExpectDoc(t, doc, map[string]string{"maxRunningActivities": `8`, "accNew": `{"x":[1,2]}`}),
			},
			{
				// Drift: a managed key (deep) changed outside Terraform is
				// repaired; unmanaged keys changed at the same time are kept.
				PreConfig: func() {
					testEditDoc(t, doc, func(m map[string]any) {
						ldap, _ := m["ldapSettings"].(map[string]any)
						ldap["nested"] = map[string]any{"a": 10, "b": 30}
						ldap["url"] = "ldap://changed"
						m["maxRunningActivitiesPerJob"] = 42
					})
				},
				Config:           testAccSettingsConfig(v2),
				ConfigPlanChecks: acctest.Plans(testSettingsAddr, plancheck.ResourceActionUpdate),
				Check: testExpectDoc(t, doc, map[string]string{
					"ldapSettings.nested": `{"a":10,"b":3}`, "ldapSettings.url": `"ldap://changed"`, "maxRunningActivitiesPerJob": `42`,
				}),
			},
			{
				// Only unmanaged keys changed, and the configuration written
				// in another form: no change.
				PreConfig: func() {
					testEditDoc(t, doc, func(m map[string]any) {
						m["maxRunningActivitiesPerJob"] = 43
						m["ldapSettings"].(map[string]any)["nested"].(map[string]any)["a"] = 11
					})
				},
				Config:           "resource \"dataiku_instance_settings\" \"test\" {\n  settings = <<-EOT\n    {\"accNew\": {\"x\": [1, 2.0]},\n     \"ldapSettings\": {\"nested\": {\"b\": 3}, \"enabled\": true}, \"maxRunningActivities\": 8}\n  EOT\n}\n",
				ConfigPlanChecks: acctest.Plans(testSettingsAddr, plancheck.ResourceActionNoop),
			},
			{
				// Keys removed from the configuration stop being managed: DSS
				// keeps their values, and later changes to them are no diff.
				Config: testAccSettingsConfig(v3),
				Check:  testExpectDoc(t, doc, map[string]string{"ldapSettings.enabled": `true`, "ldapSettings.nested": `{"a":11,"b":3}`}),
			},
			{
				PreConfig: func() {
					testEditDoc(t, doc, func(m map[string]any) { m["ldapSettings"].(map[string]any)["enabled"] = false })
				},
				Config:           testAccSettingsConfig(v3),
				ConfigPlanChecks: acctest.Plans(testSettingsAddr, plancheck.ResourceActionNoop),
				// No longer managed: DSS's new value stays.
				Check: testExpectDoc(t, doc, map[string]string{"ldapSettings.enabled": `false`}),
			},
			// terraform import: the id is fixed; the imported state holds
			// the whole document (so it differs from the managed subset).
			testImportOneStep(testSettingsAddr, instance.GeneralSettingsID, []string{"settings"}, func(a map[string]string) error {
				want := acctest.Flatmap("settings", acctest.RawDoc(t, doc.Path()))
				for k, v := range want {
					if got, ok := a[k]; !ok || got != v {
						return fmt.Errorf("imported %s = %q, DSS has %q", k, got, v)
					}
				}
				for k := range a {
					if _, ok := want[k]; strings.HasPrefix(k, "settings.") && !strings.HasSuffix(k, ".%") && !ok {
						return fmt.Errorf("imported %s, which DSS does not have", k)
					}
				}
				return nil
			}),
			testWrongImportIDStep(testSettingsAddr, "settings", "general-settings"),
		},
	})
}

// An import block adopts the settings; the first apply narrows the state to
// the keys written and writes nothing when they already hold.
func TestAccInstanceSettings_importBlock(t *testing.T) {
	doc := dss.GeneralSettingsDoc()
	em := testOnEmulatorDoc(t, doc)
	testEditDoc(t, doc, func(m map[string]any) { m["maxRunningActivities"] = 6 })
	cfg := testAccSettingsConfig(`{ maxRunningActivities = 6 }`)
	importCfg := acctest.ImportBlock(testSettingsAddr, instance.GeneralSettingsID) + cfg
	put := "PUT /public/api/admin/general-settings"
	var puts int64
	acctest.Case(t, nil, []resource.TestStep{
		testImportWritesNothingStep(em, put, importCfg, &puts),
		acctest.ImportVerifyStep(testSettingsAddr, acctest.ImportID(instance.GeneralSettingsID), "settings"),
		{
			// Deleted outside Terraform cannot happen to this document:
			// a managed key removed from DSS is drift, written back.
			PreConfig:        func() { testEditDoc(t, doc, func(m map[string]any) { delete(m, "maxRunningActivities") }) },
			Config:           cfg,
			ConfigPlanChecks: acctest.Plans(testSettingsAddr, plancheck.ResourceActionUpdate),
			Check:            testExpectDoc(t, doc, map[string]string{"maxRunningActivities": `6`}),
		},
		// By identity, once the configuration holds no import block of its
		// own (the step adds one).
		acctest.ImportIdentityStep(t, testSettingsAddr, "settings"),
	})
}

// A non-admin key is refused at plan time (refuseAdminOnly, issue 26)
// with the address, before DSS's admin-rights error could come; nothing
// is written and nothing is left in the state.
func TestAccInstanceSettings_nonAdminKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	testNonAdminWritesNothing(t, em, []typedConfig{
		{"dataiku_instance_settings", testAccSettingsConfig(`{ maxRunningActivities = 1 }`)},
		{"dataiku_instance_variables", "resource \"dataiku_instance_variables\" \"test\" {\n  variables = jsonencode({ a = 1 })\n}\n"},
	}, "PUT /public/api/admin/general-settings", "PUT /public/api/admin/variables")
}
