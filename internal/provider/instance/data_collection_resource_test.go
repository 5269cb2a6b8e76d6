package instance_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
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

const testDataCollectionAddr = "dataiku_data_collection.test"

func testDataCollectionRaw(t *testing.T, id string) map[string]any {
	return acctest.RawDoc(t, dss.DataCollectionDoc(id).Path())
}

func testAccCheckDataCollectionsDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_data_collection", func(st *terraform.InstanceState) string { return dss.DataCollectionDoc(st.ID).Path() })
}

// testDataCollectionsNamed lists the ids of the collections DSS shows
// under displayName.
func testDataCollectionsNamed(t *testing.T, displayName string) []string {
	t.Helper()
	list, err := acctest.Client(t).ListDataCollections(acctest.Ctx(t))
	return acctest.IDsNamed(t, list, err, displayName, func(d dss.DataCollectionSummary) (string, string) { return d.DisplayName, d.ID })
}

// testDataCollectionPermissions is DSS's permission entries, printed in
// DSS's order, for comparisons.
func testDataCollectionPermissions(d map[string]any) string {
	return fmt.Sprint(d["permissions"])
}

func testAccDataCollectionConfig(body string) string {
	return "resource \"dataiku_data_collection\" \"test\" {\n" + body + "}\n"
}

// adminOwnEntry is the entry DSS adds for the key's user when it
// creates a collection.
func adminOwnEntry(t *testing.T) string {
	return fmt.Sprintf("map[admin:true read:true user:%s write:true]", acctest.OwnLogin(t))
}

func TestAccDataCollection_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	name := acctest.ProjectKey("acc dc life")
	created := fmt.Sprintf(`  display_name = %q
  description  = "Curated"
  tags         = ["b", "a"]
  permissions = [
    { group = %q, admin = false, write = false, read = true },
    { user = %q, admin = false, write = true, read = true },
  ]
`, name, acctest.AliceGroup, acctest.BobLogin)
	// Renamed, recoloured and re-tagged; analysts become contributors,
	// bob goes, and the admin key's own entry is listed, so managed.
	updated := fmt.Sprintf(`  display_name = "%[1]s renamed"
  description  = "Curated"
  color        = "#123456"
  tags         = ["a"]
  permissions = [
    { group = %[2]q, admin = false, write = true, read = true },
    { user = %[3]q, admin = false, write = true, read = true },
  ]
`, name, acctest.AliceGroup, acctest.OwnLogin(t))
	var id string
	acctest.Case(t, testAccCheckDataCollectionsDestroyed(t), []resource.TestStep{
		{
			// Refused at plan time: an entry must name one group or user.
			Config:      testAccDataCollectionConfig("  display_name = \"x\"\n  permissions = [{ admin = true, write = true, read = true }]\n"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Invalid data collection permission.*one \(and only one\) of group\s+and\s+user:\s+this\s+permission\s+entry\s+sets\s+0`),
		},
		{
			Config: testAccDataCollectionConfig(created) + `
data "dataiku_data_collection" "test" {
  id = dataiku_data_collection.test.id
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// DSS's own entry for the key's user is not in the state.
				statecheck.ExpectKnownValue(testDataCollectionAddr, tfjsonpath.New("permissions"), knownvalue.SetSizeExact(2)),
				statecheck.ExpectKnownValue(testDataCollectionAddr, tfjsonpath.New("color"), knownvalue.StringRegexp(regexp.MustCompile(`^#[0-9a-f]{6}$`))),
				// The data source shows every entry, DSS's own included.
				statecheck.ExpectKnownValue("data.dataiku_data_collection.test", tfjsonpath.New("permissions"), knownvalue.SetSizeExact(3)),
				statecheck.ExpectKnownValue("data.dataiku_data_collection.test", tfjsonpath.New("display_name"), knownvalue.StringExact(name)),
			},
			Check: func(s *terraform.State) error {
				id = s.RootModule().Resources[testDataCollectionAddr].Primary.ID
				if !regexp.MustCompile(`^[A-Za-z0-9]{8}$`).MatchString(id) {
					return fmt.Errorf("id %q is not one DSS generates", id)
				}
				d := testDataCollectionRaw(t, id)
				want := fmt.Sprintf("[map[admin:false group:%s read:true write:false] map[admin:false read:true user:%s write:true] %s]", acctest.AliceGroup, acctest.BobLogin, adminOwnEntry(t))
				if d["displayName"] != name || d["description"] != "Curated" || fmt.Sprint(d["tags"]) != "[a b]" || testDataCollectionPermissions(d) != want {
					return fmt.Errorf("collection in DSS: %v\nwant permissions %s", d, want)
				}
				return nil
			},
		},
		{
			Config: testAccDataCollectionConfig(updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testDataCollectionAddr, plancheck.ResourceActionUpdate),
				acctest.ExpectOnlyChanged{Addr: testDataCollectionAddr, Attrs: []string{"display_name", "color", "tags", "permissions"}},
			}},
			Check: func(s *terraform.State) error {
				if got := s.RootModule().Resources[testDataCollectionAddr].Primary.ID; got != id {
					return fmt.Errorf("the collection was replaced: id %s, was %s", got, id)
				}
				d := testDataCollectionRaw(t, id)
				want := fmt.Sprintf("[map[admin:false group:%s read:true write:true] map[admin:false read:true user:%s write:true]]", acctest.AliceGroup, acctest.OwnLogin(t))
				if d["displayName"] != name+" renamed" || d["color"] != "#123456" || fmt.Sprint(d["tags"]) != "[a]" || testDataCollectionPermissions(d) != want {
					return fmt.Errorf("collection in DSS after the update: %v\nwant permissions %s", d, want)
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(testDataCollectionAddr, nil),
		acctest.ImportIdentityStep(t, testDataCollectionAddr),
		{
			// Changed outside Terraform: renamed, an entry added, rights
			// changed; DSS also holds keys the provider does not model, at
			// the top and in an entry, which the repair keeps, and an entry
			// without admin, which stays without it (planned false).
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.DataCollectionDoc(id).Path(), func(d map[string]any) {
					d["displayName"] = "Renamed in DSS"
					d["customField"] = map[string]any{"k": "v"}
					d["permissions"] = []any{
						map[string]any{"group": acctest.AliceGroup, "write": false, "read": true, "addedBy": "ui"},
						map[string]any{"user": acctest.OwnLogin(t), "admin": false, "write": true, "read": true},
						map[string]any{"group": "intruders", "read": true},
					}
				})
			},
			Config: testAccDataCollectionConfig(updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testDataCollectionAddr, Attrs: []string{"display_name", "permissions"}},
			}},
			Check: func(*terraform.State) error {
				d := testDataCollectionRaw(t, id)
				want := fmt.Sprintf("[map[addedBy:ui group:%s read:true write:true] map[admin:false read:true user:%s write:true]]", acctest.AliceGroup, acctest.OwnLogin(t))
				if d["displayName"] != name+" renamed" || fmt.Sprint(d["customField"]) != "map[k:v]" || testDataCollectionPermissions(d) != want {
					return fmt.Errorf("collection in DSS after the repair: %v\nwant permissions %s", d, want)
				}
				return nil
			},
		},
		{
			// The key's own entry no longer listed: DSS's again, with the
			// three rights DSS gives it at creation.
			Config: testAccDataCollectionConfig(strings.Replace(updated, fmt.Sprintf("    { user = %q, admin = false, write = true, read = true },\n", acctest.OwnLogin(t)), "", 1)),
			Check: func(*terraform.State) error {
				want := fmt.Sprintf("[map[addedBy:ui group:%s read:true write:true] %s]", acctest.AliceGroup, adminOwnEntry(t))
				if got := testDataCollectionPermissions(testDataCollectionRaw(t, id)); got != want {
					return fmt.Errorf("permissions in DSS: %s, want %s", got, want)
				}
				return nil
			},
		},
		{
			// An id chosen in the configuration replaces the collection.
			Config:           testAccDataCollectionConfig("  id = \"accDc001\"\n  display_name = \"" + name + " chosen\"\n"),
			ConfigPlanChecks: acctest.Plans(testDataCollectionAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: func(*terraform.State) error {
				if testDocExists(t, dss.DataCollectionDoc(id).Path()) {
					return fmt.Errorf("the replaced collection %s still exists", id)
				}
				if d := testDataCollectionRaw(t, "accDc001"); d["displayName"] != name+" chosen" {
					return fmt.Errorf("collection accDc001 in DSS: %v", d)
				}
				return nil
			},
		},
		{
			// Removing id from the configuration keeps it.
			Config:           testAccDataCollectionConfig("  display_name = \"" + name + " chosen\"\n"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	})
}

// A collection made in DSS as real ones come (no description, rights not
// normalised, keys the provider does not model) is adopted with an empty
// plan; deleted outside Terraform, it is planned for creation again.
func TestAccDataCollection_importBlockAndDeletedOutside(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	name := acctest.ProjectKey("acc dc imp")
	c := acctest.Client(t)
	id, err := c.CreateDataCollection(acctest.Ctx(t), dss.CreateDataCollectionRequest{DisplayName: name, Color: new("#00ff00")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteDataCollection(context.Background(), id) })
	acctest.EditRawDoc(t, dss.DataCollectionDoc(id).Path(), func(d map[string]any) {
		perms, _ := d["permissions"].([]any)
		d["permissions"] = append(perms, map[string]any{"group": "writers", "write": true, "read": false, "addedBy": "ui"})
	})
	if d := testDataCollectionRaw(t, id); d["description"] != nil {
		t.Fatalf("the collection was made with a description: %v", d)
	}
	resourceCfg := testAccDataCollectionConfig(fmt.Sprintf(`  display_name = %q
  color        = "#00ff00"
  permissions  = [{ group = "writers", admin = false, write = true, read = false }]
`, name))
	acctest.Case(t, testAccCheckDataCollectionsDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(testDataCollectionAddr, acctest.ImportBlock(testDataCollectionAddr, id)+resourceCfg,
			statecheck.ExpectKnownValue(testDataCollectionAddr, tfjsonpath.New("description"), knownvalue.StringExact(""))),
		acctest.DeletedOutsideStep(t, testDataCollectionAddr, resourceCfg,
			func() error { return c.DeleteDataCollection(acctest.Ctx(t), id) },
			func(s *terraform.State) error {
				return acctest.OnlyStateID(s, testDataCollectionAddr, "collections named "+name, testDataCollectionsNamed(t, name), id)
			}),
	})
}

// Creating a collection whose display name is taken (with an id DSS
// generates) is refused with advice to import; an id DSS refuses is
// refused with DSS's words, quoted with the address; nothing is created.
func TestAccDataCollection_refusals(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	name := acctest.ProjectKey("acc dc taken")
	c := acctest.Client(t)
	taken, err := c.CreateDataCollection(acctest.Ctx(t), dss.CreateDataCollectionRequest{DisplayName: name})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteDataCollection(context.Background(), taken) })
	acctest.Case(t, testAccCheckDataCollectionsDestroyed(t), []resource.TestStep{
		{
			Config:      testAccDataCollectionConfig(fmt.Sprintf("  display_name = %q\n", name)),
			ExpectError: regexp.MustCompile(`(?s)already exists.*terraform\s+import\s+dataiku_data_collection.<name>\s+` + taken),
		},
		{
			Config:      testAccDataCollectionConfig(fmt.Sprintf("  id = \"too-long-id\"\n  display_name = %q\n", name+" bad id")),
			ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_data_collection "` + name + ` bad id".*Invalid data collection id 'too-long-id'`),
		},
	})
	acctest.NoneInDSS(t, "collections named "+name+" bad id", testDataCollectionsNamed(t, name+" bad id"))
}

// A POST whose answer is lost (the collection was created, the answer
// never arrived) is recovered by finding the collection by display name:
// one collection in DSS, its id in the state, an empty plan after.
func TestAccDataCollection_lostPostRecovered(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	for _, fault := range acctest.LostPostFaults(`/data-collections/?$`) {
		name := acctest.ProjectKey("acc dc lost")
		t.Run(fmt.Sprintf("status %d drop %v", fault.Status, fault.DropConnection), func(t *testing.T) {
			acctest.Case(t, testAccCheckDataCollectionsDestroyed(t), []resource.TestStep{
				acctest.LostPostStep(t, em, fault, testAccDataCollectionConfig(fmt.Sprintf("  display_name = %q\n", name)),
					func(s *terraform.State) error {
						return acctest.OnlyStateID(s, testDataCollectionAddr, "collections named "+name, testDataCollectionsNamed(t, name))
					}),
			})
		})
	}
}

// bob, a reader of the collection, may refresh it but not change it:
// DSS's refusal is quoted with the address, and the state is unchanged.
func TestAccDataCollection_nonAdminKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	name := acctest.ProjectKey("acc dc bob")
	cfg := func(displayName string) string {
		return testAccDataCollectionConfig(fmt.Sprintf("  display_name = %q\n  permissions = [{ user = %q, admin = false, write = false, read = true }]\n",
			displayName, acctest.BobLogin))
	}
	acctest.Case(t, testAccCheckDataCollectionsDestroyed(t), []resource.TestStep{
		{Config: cfg(name)},
		{
			Config:      acctest.AsBob(cfg(name + " by bob")),
			ExpectError: regexp.MustCompile(`(?s)Cannot update dataiku_data_collection "` + name + `" \([A-Za-z0-9]{8}\).*UnauthorizedException.*You may not\s+administer`),
		},
		{
			Config:           cfg(name),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	})
}

// Two entries for one group, as DSS may hold them: written as configured
// (DSS holds a list), read back the same, so the plan after is empty.
func TestAccDataCollection_duplicateEntries(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	name := acctest.ProjectKey("acc dc dup")
	acctest.Case(t, testAccCheckDataCollectionsDestroyed(t), []resource.TestStep{{
		Config: testAccDataCollectionConfig(fmt.Sprintf(`  display_name = %q
  permissions = [
    { group = %[2]q, admin = false, write = false, read = true },
    { group = %[2]q, admin = false, write = true, read = true },
  ]
`, name, acctest.AliceGroup)),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(testDataCollectionAddr, tfjsonpath.New("permissions"), knownvalue.SetSizeExact(2)),
		},
		Check: func(s *terraform.State) error {
			d := testDataCollectionRaw(t, s.RootModule().Resources[testDataCollectionAddr].Primary.ID)
			want := fmt.Sprintf("[map[admin:false group:%[1]s read:true write:false] map[admin:false group:%[1]s read:true write:true] %s]", acctest.AliceGroup, adminOwnEntry(t))
			if got := testDataCollectionPermissions(d); got != want {
				return fmt.Errorf("permissions in DSS: %s, want %s", got, want)
			}
			return nil
		},
	}})
}
