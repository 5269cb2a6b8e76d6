package provider

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

const (
	testZoneA = "dataiku_flow_zone.a"
	testZoneB = "dataiku_flow_zone.b"
)

// testZoneItems lists a zone's items in DSS as sorted "TYPE:ref".
func testZoneItems(t *testing.T, key, id string) []string {
	t.Helper()
	z, err := dss.FlowZoneDoc(key, id).Get(testCtx(t), testClient(t))
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, it := range z.Items {
		out = append(out, it.ObjectType+":"+it.Ref(key))
	}
	sort.Strings(out)
	return out
}

func testZoneID(s *terraform.State, addr string) string {
	if rs, ok := s.RootModule().Resources[addr]; ok {
		return rs.Primary.ID
	}
	return ""
}

// testZoneHolds checks zones in DSS: addr → sorted items (the folder is
// written @folder and replaced by its id).
func testZoneHolds(t *testing.T, key string, want map[string][]string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		folder := s.RootModule().Resources["dataiku_managed_folder.models"].Primary.ID
		for addr, items := range want {
			exp := []string{}
			for _, it := range items {
				exp = append(exp, strings.Replace(it, "@folder", folder, 1))
			}
			sort.Strings(exp)
			id := dss.DefaultZoneID
			if addr != "default" {
				id = testZoneID(s, addr)
			}
			if got := testZoneItems(t, key, id); !slices.Equal(got, exp) {
				return fmt.Errorf("%s (%s) holds %v in DSS, want %v", addr, id, got, exp)
			}
		}
		return nil
	}
}

// testAccCheckFlowZonesDestroyed asserts through the admin client that
// every zone of the state is gone (its project may be gone too).
func testAccCheckFlowZonesDestroyed(t *testing.T) resource.TestCheckFunc {
	return testAccCheckProjectObjectsGone(t, "dataiku_flow_zone", func(key, id string) string { return dss.FlowZoneDoc(key, id).Path() })
}

// zoneCfg is the lifecycle configuration: a project with two datasets
// and a folder, zone a and zone b (b applied after a).
type zoneCfg struct {
	raw            string // name of the dataiku_dataset.raw
	aName, aColor  string
	aItems, bItems string
	bName          string
}

func (c zoneCfg) hcl(key string) string {
	color := ""
	if c.aColor != "" {
		color = fmt.Sprintf("color = %q", c.aColor)
	}
	return filesystemDatasetHCL("raw", "dataiku_project.p.project_key", fmt.Sprintf("%q", c.raw), "/zones/raw") +
		filesystemDatasetHCL("clean", "dataiku_project.p.project_key", `"clean"`, "/zones/clean") + fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "Zones"
}

resource "dataiku_managed_folder" "models" {
  project_key = dataiku_project.p.project_key
  name        = "models"
}

locals {
  raw    = { type = "DATASET", id = dataiku_dataset.raw.name }
  clean  = { type = "DATASET", id = dataiku_dataset.clean.name }
  models = { type = "MANAGED_FOLDER", id = dataiku_managed_folder.models.id }
}

resource "dataiku_flow_zone" "a" {
  project_key = dataiku_project.p.project_key
  name        = %[3]q
  %[4]s
  items       = [%[5]s]
}

resource "dataiku_flow_zone" "b" {
  project_key = dataiku_project.p.project_key
  name        = %[7]q
  color       = "#ff0000"
  items       = [%[6]s]
  depends_on  = [dataiku_flow_zone.a]
}
`, key, c.raw, c.aName, color, c.aItems, c.bItems, c.bName)
}

func TestAccFlowZone_lifecycle(t *testing.T) {
	testAccParallel(t)
	testAccProjectSetup(t)
	key := testProjectKey("ACC_FZ")
	base := zoneCfg{raw: "raw", aName: "Ingest", aItems: "local.raw, local.models", bItems: "local.clean", bName: "Prepare"}
	recolored := base
	recolored.aName, recolored.aColor = "Ingestion", "#00aa00"
	// b depends on a, so a is applied first: when a takes clean, the taker
	// goes first; when b takes it back, the giver goes first.
	taken := recolored
	taken.aItems, taken.bItems = "local.raw, local.models, local.clean", ""
	givenBack := recolored
	fewer := recolored
	fewer.aItems = "local.raw"
	renamedDS := fewer
	renamedDS.raw = "raw_v2"
	var aID, bID string
	testAccCase(t, resource.ComposeAggregateTestCheckFunc(testAccCheckFlowZonesDestroyed(t), testAccCheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: base.hcl(key),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testZoneA, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]+$`))),
				statecheck.ExpectKnownValue(testZoneA, tfjsonpath.New("color"), knownvalue.StringExact(dss.DefaultZoneColor)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				testZoneHolds(t, key, map[string][]string{testZoneA: {"DATASET:raw", "MANAGED_FOLDER:@folder"}, testZoneB: {"DATASET:clean"}, "default": {}}),
				func(s *terraform.State) error {
					aID, bID = testZoneID(s, testZoneA), testZoneID(s, testZoneB)
					z, err := dss.FlowZoneDoc(key, bID).Get(testCtx(t), testClient(t))
					if err != nil || z.Name != "Prepare" || z.Color != "#ff0000" {
						return fmt.Errorf("zone b in DSS: %+v %w", z, err)
					}
					return nil
				}),
		},
		{
			// Renamed and recolored in place.
			Config: recolored.hcl(key),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				expectOnlyChanged{addr: testZoneA, attrs: []string{"name", "color"}},
				plancheck.ExpectResourceAction(testZoneB, plancheck.ResourceActionNoop),
			}},
			Check: func(s *terraform.State) error {
				z, err := dss.FlowZoneDoc(key, aID).Get(testCtx(t), testClient(t))
				if err != nil || z.ID != aID || z.Name != "Ingestion" || z.Color != "#00aa00" || len(z.Items) != 2 {
					return fmt.Errorf("zone a in DSS: %+v %w", z, err)
				}
				return nil
			},
		},
		{
			// clean moves from b to a; a (the taker) is applied first.
			Config: taken.hcl(key),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				expectOnlyChanged{addr: testZoneA, attrs: []string{"items"}},
				expectOnlyChanged{addr: testZoneB, attrs: []string{"items"}},
			}},
			Check: testZoneHolds(t, key, map[string][]string{testZoneA: {"DATASET:raw", "DATASET:clean", "MANAGED_FOLDER:@folder"}, testZoneB: {}}),
		},
		{
			// And back: a (now the giver) is applied first.
			Config: givenBack.hcl(key),
			Check:  testZoneHolds(t, key, map[string][]string{testZoneA: {"DATASET:raw", "MANAGED_FOLDER:@folder"}, testZoneB: {"DATASET:clean"}}),
		},
		{
			// The folder leaves a: back in the default zone.
			Config: fewer.hcl(key),
			Check:  testZoneHolds(t, key, map[string][]string{testZoneA: {"DATASET:raw"}, "default": {"MANAGED_FOLDER:@folder"}}),
		},
		{
			// The dataset renamed in place stays in its zone.
			Config: renamedDS.hcl(key),
			Check:  testZoneHolds(t, key, map[string][]string{testZoneA: {"DATASET:raw_v2"}, "default": {"MANAGED_FOLDER:@folder"}}),
		},
		testImportVerifyStep(testZoneA, testProjectObjectImportID(testZoneA)),
		testImportIdentityStep(t, testZoneA),
		{
			// Drift: clean moved to a in DSS, b renamed in DSS; both repaired.
			PreConfig: func() {
				if _, err := testClient(t).MoveToFlowZone(testCtx(t), key, aID, []dss.ZoneItem{{ObjectID: "clean", ObjectType: "DATASET"}}); err != nil {
					t.Fatal(err)
				}
				testEditOutside(t, dss.FlowZoneDoc(key, bID), func(z *dss.FlowZone) { z.Name = "Renamed in DSS" })
			},
			Config: renamedDS.hcl(key),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				expectOnlyChanged{addr: testZoneA, attrs: []string{"items"}},
				expectOnlyChanged{addr: testZoneB, attrs: []string{"name", "items"}},
			}},
			Check: resource.ComposeAggregateTestCheckFunc(
				testZoneHolds(t, key, map[string][]string{testZoneA: {"DATASET:raw_v2"}, testZoneB: {"DATASET:clean"}}),
				func(*terraform.State) error {
					if z, err := dss.FlowZoneDoc(key, bID).Get(testCtx(t), testClient(t)); err != nil || z.Name != "Prepare" {
						return fmt.Errorf("zone b after the repair: %+v %w", z, err)
					}
					return nil
				}),
		},
		// Deleted outside Terraform: its objects went to the default zone;
		// the zone is created again and takes them back.
		testDeletedOutsideStep(t, testZoneB, renamedDS.hcl(key),
			func() error { return testClient(t).DeleteFlowZone(testCtx(t), key, bID) },
			resource.ComposeAggregateTestCheckFunc(
				testZoneHolds(t, key, map[string][]string{testZoneB: {"DATASET:clean"}, "default": {"MANAGED_FOLDER:@folder"}}),
				func(s *terraform.State) error {
					if id := testZoneID(s, testZoneB); id == bID {
						return fmt.Errorf("zone b kept its old id %s", id)
					}
					return nil
				})),
	})
}

// An existing zone adopted with an import block; items left null leave
// membership alone; a zone of the same name without import is refused.
func TestAccFlowZone_importBlock(t *testing.T) {
	testAccParallel(t)
	testAccProjectSetup(t)
	key := testProjectKey("ACC_FZIMP")
	c := testProjectOutside(t, key, "Adopted zones")
	folder, err := c.CreateManagedFolder(testCtx(t), key, "exports", "", "filesystem_folders", dss.DefaultManagedFolderPath)
	if err != nil {
		t.Fatal(err)
	}
	z, err := c.CreateFlowZone(testCtx(t), key, "Exports", "#123456")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.MoveToFlowZone(testCtx(t), key, z.ID, []dss.ZoneItem{{ObjectID: folder, ObjectType: "MANAGED_FOLDER"}}); err != nil {
		t.Fatal(err)
	}
	withItems := fmt.Sprintf("resource \"dataiku_flow_zone\" \"a\" {\n  project_key = %q\n  name        = \"Exports\"\n  color       = \"#123456\"\n  items       = [{ type = \"MANAGED_FOLDER\", id = %q }]\n}\n", key, folder)
	importCfg := testImportBlock(testZoneA, key+"."+z.ID) + withItems
	noItems := fmt.Sprintf("resource \"dataiku_flow_zone\" \"a\" {\n  project_key = %q\n  name        = \"Exports\"\n  color       = \"#123456\"\n}\n", key)
	dup := noItems + fmt.Sprintf("resource \"dataiku_flow_zone\" \"dup\" {\n  project_key = %q\n  name        = \"Exports\"\n}\n", key)
	testAccCase(t, testAccCheckFlowZonesDestroyed(t), []resource.TestStep{
		testAdoptedAsIsStep(testZoneA, importCfg),
		{
			// items no longer managed: null in state, DSS untouched.
			Config: noItems,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testZoneA, tfjsonpath.New("items"), knownvalue.Null()),
			},
			Check: func(*terraform.State) error {
				if got := testZoneItems(t, key, z.ID); !slices.Equal(got, []string{"MANAGED_FOLDER:" + folder}) {
					return fmt.Errorf("zone items after unmanaging them: %v", got)
				}
				return nil
			},
		},
		{
			Config:      dup,
			ExpectError: regexp.MustCompile(`(?s)dataiku_flow_zone "Exports" in project ` + key + `.*already exists in DSS.*import`),
		},
	})
}

// A key without rights on the project is refused by DSS, quoted with the
// resource's address, and nothing is created.
func TestAccFlowZone_nonAdminKey(t *testing.T) {
	testAccParallel(t)
	requireEmulator(t)
	key := testProjectKey("ACC_FZBOB")
	c := testProjectOutside(t, key, "Admin's")
	testAccRefusedToBob(t, fmt.Sprintf("resource \"dataiku_flow_zone\" \"a\" {\n  project_key = %q\n  name        = \"bobs\"\n}\n", key),
		regexp.MustCompile(`(?s)Cannot create dataiku_flow_zone "bobs" in project `+key+`.*UnauthorizedException.*lacks\s+a\s+project\s+permission`))
	zones, err := c.ListFlowZones(testCtx(t), key)
	if err != nil || len(zones) != 1 {
		t.Fatalf("zones after the refusal: %v %v", zones, err)
	}
}

// The data source lists every zone, the default one included, with its
// objects; a refresh of a zone costs 1 GET.
func TestAccFlowZones_dataSourceAndRefreshCount(t *testing.T) {
	testAccParallel(t)
	em := requireEmulator(t)
	key := testProjectKey("ACC_FZDS")
	c := testProjectOutside(t, key, "Zones listed")
	folder, err := c.CreateManagedFolder(testCtx(t), key, "loose", "", "filesystem_folders", dss.DefaultManagedFolderPath)
	if err != nil {
		t.Fatal(err)
	}
	inZone, err := c.CreateManagedFolder(testCtx(t), key, "kept", "", "filesystem_folders", dss.DefaultManagedFolderPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg := fmt.Sprintf(`
resource "dataiku_flow_zone" "a" {
  project_key = %[1]q
  name        = "Kept"
  items       = [{ type = "MANAGED_FOLDER", id = %[2]q }]
}

data "dataiku_flow_zones" "all" {
  project_key = %[1]q
  depends_on  = [dataiku_flow_zone.a]
}
`, key, inZone)
	const (
		authRoute = "GET /public/api/auth/info"
		zoneRoute = "GET /public/api/projects/{projectKey}/flow/zones/{zoneId}"
		listRoute = "GET /public/api/projects/{projectKey}/flow/zones"
	)
	var before map[string]int64
	testAccCase(t, testAccCheckFlowZonesDestroyed(t), []resource.TestStep{
		{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.dataiku_flow_zones.all", tfjsonpath.New("zones"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact("default"), "name": knownvalue.NotNull(), "color": knownvalue.NotNull(),
						"items": knownvalue.SetExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("MANAGED_FOLDER"), "id": knownvalue.StringExact(folder)})}),
					}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.NotNull(), "name": knownvalue.StringExact("Kept"), "color": knownvalue.StringExact(dss.DefaultZoneColor),
						"items": knownvalue.SetExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("MANAGED_FOLDER"), "id": knownvalue.StringExact(inZone)})}),
					}),
				})),
			},
		},
		{
			PreConfig:    func() { before = em.Server.Stats().ByRoute },
			RefreshState: true,
			Check: func(*terraform.State) error {
				delta := routeDelta(before, em.Server.Stats().ByRoute)
				n := delta[authRoute]
				// One GET of the zone and one list for the data source per command.
				if n == 0 || delta[zoneRoute] != n || delta[listRoute] != n || len(delta) != 3 {
					return fmt.Errorf("requests during the refresh of %d command(s): %v", n, delta)
				}
				t.Logf("refresh: flow zone 1 GET per zone (items included), data source 1 list; all: %v", delta)
				return nil
			},
		},
	})
}

func TestParseFlowZoneImportID(t *testing.T) {
	key, id, err := parseFlowZoneImportID("SALES.kFJ3a9x")
	if err != nil || key != "SALES" || id != "kFJ3a9x" {
		t.Fatalf("got %q %q %v", key, id, err)
	}
	// A zone id is only a path segment: a dot is DSS's to judge, a slash
	// or a blank is refused.
	if key, id, err := parseFlowZoneImportID("SALES.a.b"); err != nil || key != "SALES" || id != "a.b" {
		t.Errorf("SALES.a.b: %q %q %v", key, id, err)
	}
	for _, bad := range []string{"", "SALES", "SALES.", ".abc", "SALES.a/b", "SALES. ", "SA-LES.abc"} {
		if _, _, err := parseFlowZoneImportID(bad); err == nil || !strings.Contains(err.Error(), "PROJECT_KEY.zone_id") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if _, _, err := parseFlowZoneImportID("SALES.default"); err == nil || !strings.Contains(err.Error(), "default zone") {
		t.Errorf("default zone import: %v", err)
	}
}

// Terraform applies two zones in parallel when nothing orders them. Zone a
// giving an object away and zone b taking it, at the same time, must end
// with the object in b every time: syncZoneItems serialises the moves of
// one project's zones, so a never sends back to the default zone an object
// b has just taken.
func TestAccFlowZone_parallelTradeConverges(t *testing.T) {
	testAccParallel(t)
	testAccProjectSetup(t)
	key := testProjectKey("ACC_FZPAR")
	c, ctx := testProjectOutside(t, key, "Parallel zones"), testCtx(t)
	obj, err := c.CreateManagedFolder(ctx, key, "traded", "", "filesystem_folders", dss.DefaultManagedFolderPath)
	if err != nil {
		t.Fatal(err)
	}
	item := dss.ZoneItem{ObjectID: obj, ObjectType: dss.ZoneItemManagedFolder}
	a, err := c.CreateFlowZone(ctx, key, "A", dss.DefaultZoneColor)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.CreateFlowZone(ctx, key, "B", dss.DefaultZoneColor)
	if err != nil {
		t.Fatal(err)
	}
	for round := range 20 {
		from, to := a.ID, b.ID
		if round%2 == 1 {
			from, to = b.ID, a.ID
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, z := range []struct {
			id   string
			want []dss.ZoneItem
		}{{from, nil}, {to, []dss.ZoneItem{item}}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = syncZoneItems(ctx, c, key, z.id, z.want)
			}()
		}
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("round %d: %v", round, errs)
		}
		if got := testZoneItems(t, key, to); !slices.Equal(got, []string{"MANAGED_FOLDER:" + obj}) {
			t.Fatalf("round %d: the taker holds %v, want the folder", round, got)
		}
	}
}
