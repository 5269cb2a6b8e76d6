package instance_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const testGroupAddr = "dataiku_group.test"

// testDocExists says whether DSS has the document at path.
func testDocExists(t *testing.T, path string) bool {
	t.Helper()
	err := acctest.Client(t).Get(acctest.Ctx(t), path, nil, nil)
	if err != nil && !dss.IsNotFound(err) {
		t.Fatal(err)
	}
	return err == nil
}

func testGroupRaw(t *testing.T, name string) map[string]any {
	return acctest.RawDoc(t, dss.GroupDoc(name).Path())
}

func testGroupExists(t *testing.T, name string) bool {
	return testDocExists(t, dss.GroupDoc(name).Path())
}

func testAccCheckGroupsDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_group", func(st *terraform.InstanceState) string { return dss.GroupDoc(st.ID).Path() })
}

// testEditGroup changes a group's raw definition outside Terraform.
func testEditGroup(t *testing.T, name string, edit func(map[string]any)) {
	t.Helper()
	acctest.EditRawDoc(t, dss.GroupDoc(name).Path(), edit)
}

func testAccGroupConfig(name, extra string) string {
	return fmt.Sprintf("resource \"dataiku_group\" \"test\" {\n  name = %q\n%s}\n", name, extra)
}

func TestAccGroup_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const name = "acc_grp_life"
	base := `  description         = "Analysts"
  may_create_projects = true
  ldap_group_names    = ["cn=b", "cn=a"]
`
	updated := `  description         = "Analysts team"
  may_create_projects = true
  may_develop_plugins = true
  ldap_group_names    = ["cn=b", "cn=a"]
`
	acctest.Case(t, testAccCheckGroupsDestroyed(t), []resource.TestStep{
		{
			Config: testAccGroupConfig(name, base),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("id"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("may_write_safe_code"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("source_type"), knownvalue.StringExact("LOCAL")),
			},
			Check: func(*terraform.State) error {
				g := testGroupRaw(t, name)
				if g["mayCreateProjects"] != true || g["mayWriteSafeCode"] != true || g["mayWriteUnsafeCode"] != false ||
					g["description"] != "Analysts" || fmt.Sprint(g["ldapGroupNames"]) != "[cn=a cn=b]" {
					return fmt.Errorf("group in DSS: %v", g)
				}
				return nil
			},
		},
		{
			// Changed outside Terraform: a capability flipped (repaired) and an
			// unmodelled key added (kept); the description changes in place.
			PreConfig: func() {
				testEditGroup(t, name, func(g map[string]any) {
					g["mayCreateProjects"] = false
					g["customField"] = json.RawMessage(`{"budget":9007199254740993}`)
				})
			},
			Config: testAccGroupConfig(name, updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testGroupAddr, Attrs: []string{"description", "may_create_projects", "may_develop_plugins"}},
			}},
			Check: func(*terraform.State) error {
				var raw struct {
					MayCreateProjects bool `json:"mayCreateProjects"`
					MayDevelopPlugins bool `json:"mayDevelopPlugins"`
					Description       string
					CustomField       struct {
						Budget json.Number `json:"budget"`
					} `json:"customField"`
				}
				if err := acctest.Client(t).Get(acctest.Ctx(t), dss.GroupDoc(name).Path(), nil, &raw); err != nil {
					return err
				}
				if !raw.MayCreateProjects || !raw.MayDevelopPlugins || raw.Description != "Analysts team" || raw.CustomField.Budget != "9007199254740993" {
					return fmt.Errorf("after the update: %+v", raw)
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(testGroupAddr, acctest.ImportID(name)),
		acctest.ImportIdentityStep(t, testGroupAddr),
		{
			// DSS before 12.6 keeps ldapGroupNames as a string: the same names
			// in that form are no change.
			PreConfig: func() {
				testEditGroup(t, name, func(g map[string]any) { g["ldapGroupNames"] = "cn=b, cn=a" })
			},
			Config:           testAccGroupConfig(name, updated),
			ConfigPlanChecks: acctest.Plans(testGroupAddr, plancheck.ResourceActionNoop),
		},
		{
			// Other names: written back as a string.
			Config: testAccGroupConfig(name, `  description = "Analysts team"
  may_create_projects = true
  may_develop_plugins = true
  ldap_group_names    = ["cn=c", "cn=a"]
`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testGroupAddr, Attrs: []string{"ldap_group_names"}},
			}},
			Check: func(*terraform.State) error {
				if v := testGroupRaw(t, name)["ldapGroupNames"]; v != "cn=a,cn=c" {
					return fmt.Errorf("ldapGroupNames in DSS: %#v", v)
				}
				return nil
			},
		},
		{
			// A new name: DSS cannot rename, so the group is replaced.
			Config:           testAccGroupConfig(name+"_2", ""),
			ConfigPlanChecks: acctest.Plans(testGroupAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: func(*terraform.State) error {
				if testGroupExists(t, name) {
					return fmt.Errorf("the old group %s still exists", name)
				}
				if g := testGroupRaw(t, name+"_2"); g["mayCreateProjects"] != false {
					return fmt.Errorf("new group: %v", g)
				}
				return nil
			},
		},
	})
}

// The capabilities of workspaces and data collections are kept as DSS
// holds them when not configured (no diff when an administrator changes
// one in DSS), and authoritative when configured.
func TestAccGroup_keptCapabilities(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const name = "acc_grp_kept"
	cfg := testAccGroupConfig(name, "  may_create_workspaces = true\n")
	flags := func(want map[string]bool) resource.TestCheckFunc {
		return func(*terraform.State) error {
			g := testGroupRaw(t, name)
			for flag, v := range want {
				if g[flag] != v {
					return fmt.Errorf("DSS's %s is %v, want %t", flag, g[flag], v)
				}
			}
			return nil
		}
	}
	acctest.Case(t, testAccCheckGroupsDestroyed(t), []resource.TestStep{
		{
			Config: cfg,
			Check:  flags(map[string]bool{"mayCreateWorkspaces": true, "mayCreateDataCollections": false}),
			// Not configured: the state shows DSS's value.
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("may_create_data_collections"), knownvalue.Bool(false)),
			},
		},
		{
			// An administrator grants one in DSS and revokes the other:
			// the configured one is restored, the other is kept.
			PreConfig: func() {
				testEditGroup(t, name, func(g map[string]any) { g["mayCreateWorkspaces"], g["mayCreateDataCollections"] = false, true })
			},
			Config: cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testGroupAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("may_create_workspaces"), knownvalue.Bool(true)),
				plancheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("may_create_data_collections"), knownvalue.Bool(true)),
			}},
			Check: flags(map[string]bool{"mayCreateWorkspaces": true, "mayCreateDataCollections": true}),
		},
	})
}

func TestAccGroup_importBlockAndDeletedOutside(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const name = "acc_grp_imp"
	c := acctest.Client(t)
	if err := c.CreateGroup(acctest.Ctx(t), name, "Made elsewhere", ""); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteGroup(context.Background(), name) })
	resourceCfg := testAccGroupConfig(name, "  description = \"Made elsewhere\"\n")
	importCfg := acctest.ImportBlock(testGroupAddr, name) + resourceCfg
	acctest.Case(t, testAccCheckGroupsDestroyed(t), []resource.TestStep{
		// Adopted as DSS made it: the defaults are DSS's own.
		acctest.AdoptedAsIsStep(testGroupAddr, importCfg),
		acctest.DeletedOutsideStep(t, testGroupAddr, resourceCfg,
			func() error { return c.DeleteGroup(acctest.Ctx(t), name) },
			func(*terraform.State) error {
				if !testGroupExists(t, name) {
					return fmt.Errorf("group %s was not created again", name)
				}
				return nil
			}),
	})
}

// A non-admin key is refused at plan time (refuseAdminOnly, issue 26)
// with the address, before DSS's admin-rights error could come; and no
// group is created.
func TestAccGroup_nonAdminKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	acctest.RefusedToBob(t, testAccGroupConfig("acc_grp_bob", ""),
		testNeedsAdmin("dataiku_group"))
	if testGroupExists(t, "acc_grp_bob") {
		t.Fatal("the group was created")
	}
}

func TestAccGroupDataSources(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	cfg := `
resource "dataiku_group" "a" {
  name                = "acc_grp_ds_a"
  may_create_projects = true
  ldap_group_names    = ["cn=x"]
}

resource "dataiku_group" "b" {
  name  = "acc_grp_ds_b"
  admin = true
}

data "dataiku_group" "a" {
  name = dataiku_group.a.name
}

data "dataiku_groups" "all" {
  depends_on = [dataiku_group.a, dataiku_group.b]
}
`
	acctest.Case(t, testAccCheckGroupsDestroyed(t), []resource.TestStep{{
		Config: cfg,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.dataiku_group.a", tfjsonpath.New("may_create_projects"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue("data.dataiku_group.a", tfjsonpath.New("may_write_safe_code"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue("data.dataiku_group.a", tfjsonpath.New("ldap_group_names"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("cn=x")})),
		},
		Check: func(s *terraform.State) error {
			attrs := s.RootModule().Resources["data.dataiku_groups.all"].Primary.Attributes
			found := map[string]string{}
			for i := 0; attrs[fmt.Sprintf("groups.%d.name", i)] != ""; i++ {
				found[attrs[fmt.Sprintf("groups.%d.name", i)]] = attrs[fmt.Sprintf("groups.%d.admin", i)] + "/" + attrs[fmt.Sprintf("groups.%d.may_create_projects", i)]
			}
			if found["acc_grp_ds_a"] != "false/true" || found["acc_grp_ds_b"] != "true/false" {
				return fmt.Errorf("groups listed: %v", found)
			}
			return nil
		},
	}})
}
