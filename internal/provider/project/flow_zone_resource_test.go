package project_test

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
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

const (
	testZoneA = "dataiku_flow_zone.a"
	testZoneB = "dataiku_flow_zone.b"
)

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
				id = acctest.ZoneID(s, addr)
			}
			if got := acctest.ZoneItems(t, key, id); !slices.Equal(got, exp) {
				return fmt.Errorf("%s (%s) holds %v in DSS, want %v", addr, id, got, exp)
			}
		}
		return nil
	}
}

// zoneCfg is the lifecycle configuration: a project with two datasets
// and a folder, zone a and zone b (b applied after a).
type zoneCfg struct {
	raw            string // name of the dataiku_dataset.raw
	aName, aColor  string
	aItems, bItems string
	bName          string
	// bProject is zone b's project_key, an HCL expression (empty: the
	// project p); extra is more configuration (another project).
	bProject, extra string
}

func (c zoneCfg) hcl(key string) string {
	color := ""
	if c.aColor != "" {
		color = fmt.Sprintf("color = %q", c.aColor)
	}
	bProject := c.bProject
	if bProject == "" {
		bProject = "dataiku_project.p.project_key"
	}
	return acctest.FilesystemDatasetHCL("raw", "dataiku_project.p.project_key", fmt.Sprintf("%q", c.raw), "/zones/raw") +
		acctest.FilesystemDatasetHCL("clean", "dataiku_project.p.project_key", `"clean"`, "/zones/clean") + fmt.Sprintf(`
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
  project_key = %[8]s
  name        = %[7]q
  color       = "#ff0000"
  items       = [%[6]s]
  depends_on  = [dataiku_flow_zone.a]
}
`, key, c.raw, c.aName, color, c.aItems, c.bItems, c.bName, bProject) + c.extra
}

func TestAccFlowZone_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_FZ")
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
	// Zone b, emptied, to another project.
	key2 := acctest.ProjectKey("ACC_FZ2")
	moved := renamedDS
	moved.bItems, moved.bProject = "", "dataiku_project.q.project_key"
	moved.extra = fmt.Sprintf("\nresource \"dataiku_project\" \"q\" {\n  project_key = %q\n  name        = \"Zones too\"\n}\n", key2)
	var aID, bID string
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(acctest.CheckFlowZonesDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: base.hcl(key),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testZoneA, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]+$`))),
				statecheck.ExpectKnownValue(testZoneA, tfjsonpath.New("color"), knownvalue.StringExact(dss.DefaultZoneColor)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				testZoneHolds(t, key, map[string][]string{testZoneA: {"DATASET:raw", "MANAGED_FOLDER:@folder"}, testZoneB: {"DATASET:clean"}, "default": {}}),
				func(s *terraform.State) error {
					aID, bID = acctest.ZoneID(s, testZoneA), acctest.ZoneID(s, testZoneB)
					z, err := dss.FlowZoneDoc(key, bID).Get(acctest.Ctx(t), acctest.Client(t))
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
				acctest.ExpectOnlyChanged{Addr: testZoneA, Attrs: []string{"name", "color"}},
				plancheck.ExpectResourceAction(testZoneB, plancheck.ResourceActionNoop),
			}},
			Check: func(s *terraform.State) error {
				z, err := dss.FlowZoneDoc(key, aID).Get(acctest.Ctx(t), acctest.Client(t))
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
				acctest.ExpectOnlyChanged{Addr: testZoneA, Attrs: []string{"items"}},
				acctest.ExpectOnlyChanged{Addr: testZoneB, Attrs: []string{"items"}},
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
		acctest.ImportVerifyStep(testZoneA, acctest.ProjectObjectImportID(testZoneA)),
		acctest.ImportIdentityStep(t, testZoneA),
		{
			// Drift: clean moved to a in DSS, b renamed in DSS; both repaired.
			PreConfig: func() {
				if _, err := acctest.Client(t).MoveToFlowZone(acctest.Ctx(t), key, aID, []dss.ZoneItem{{ObjectID: "clean", ObjectType: "DATASET"}}); err != nil {
					t.Fatal(err)
				}
				acctest.EditOutside(t, dss.FlowZoneDoc(key, bID), func(z *dss.FlowZone) { z.Name = "Renamed in DSS" })
			},
			Config: renamedDS.hcl(key),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testZoneA, Attrs: []string{"items"}},
				acctest.ExpectOnlyChanged{Addr: testZoneB, Attrs: []string{"name", "items"}},
			}},
			Check: resource.ComposeAggregateTestCheckFunc(
				testZoneHolds(t, key, map[string][]string{testZoneA: {"DATASET:raw_v2"}, testZoneB: {"DATASET:clean"}}),
				func(*terraform.State) error {
					if z, err := dss.FlowZoneDoc(key, bID).Get(acctest.Ctx(t), acctest.Client(t)); err != nil || z.Name != "Prepare" {
						return fmt.Errorf("zone b after the repair: %+v %w", z, err)
					}
					return nil
				}),
		},
		// Deleted outside Terraform: its objects went to the default zone;
		// the zone is created again and takes them back.
		acctest.DeletedOutsideStep(t, testZoneB, renamedDS.hcl(key),
			func() error { return acctest.Client(t).DeleteFlowZone(acctest.Ctx(t), key, bID) },
			resource.ComposeAggregateTestCheckFunc(
				testZoneHolds(t, key, map[string][]string{testZoneB: {"DATASET:clean"}, "default": {"MANAGED_FOLDER:@folder"}}),
				func(s *terraform.State) error {
					if id := acctest.ZoneID(s, testZoneB); id == bID {
						return fmt.Errorf("zone b kept its old id %s", id)
					}
					bID = acctest.ZoneID(s, testZoneB)
					return nil
				})),
		{
			// Another project: DSS cannot move a zone, so b is replaced;
			// its dataset goes back to the default zone.
			Config:           moved.hcl(key),
			ConfigPlanChecks: acctest.Plans(testZoneB, plancheck.ResourceActionReplace),
			Check: resource.ComposeAggregateTestCheckFunc(
				testZoneHolds(t, key, map[string][]string{"default": {"DATASET:clean", "MANAGED_FOLDER:@folder"}}),
				func(s *terraform.State) error {
					if _, err := dss.FlowZoneDoc(key, bID).Get(acctest.Ctx(t), acctest.Client(t)); !dss.IsNotFound(err) {
						return fmt.Errorf("zone b %s still in project %s: %w", bID, key, err)
					}
					z, err := dss.FlowZoneDoc(key2, acctest.ZoneID(s, testZoneB)).Get(acctest.Ctx(t), acctest.Client(t))
					if err != nil || z.Name != "Prepare" || z.Color != "#ff0000" {
						return fmt.Errorf("zone b in project %s: %+v %w", key2, z, err)
					}
					return nil
				}),
		},
	})
}

// An existing zone adopted with an import block; items left null leave
// membership alone; a zone of the same name without import is refused.
func TestAccFlowZone_importBlock(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_FZIMP")
	c := acctest.ProjectOutside(t, key, "Adopted zones")
	folder, err := c.CreateManagedFolder(acctest.Ctx(t), key, "exports", "", "filesystem_folders", dss.DefaultManagedFolderPath)
	if err != nil {
		t.Fatal(err)
	}
	z, err := c.CreateFlowZone(acctest.Ctx(t), key, "Exports", "#123456")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.MoveToFlowZone(acctest.Ctx(t), key, z.ID, []dss.ZoneItem{{ObjectID: folder, ObjectType: "MANAGED_FOLDER"}}); err != nil {
		t.Fatal(err)
	}
	withItems := fmt.Sprintf("resource \"dataiku_flow_zone\" \"a\" {\n  project_key = %q\n  name        = \"Exports\"\n  color       = \"#123456\"\n  items       = [{ type = \"MANAGED_FOLDER\", id = %q }]\n}\n", key, folder)
	importCfg := acctest.ImportBlock(testZoneA, key+"."+z.ID) + withItems
	noItems := fmt.Sprintf("resource \"dataiku_flow_zone\" \"a\" {\n  project_key = %q\n  name        = \"Exports\"\n  color       = \"#123456\"\n}\n", key)
	dup := noItems + fmt.Sprintf("resource \"dataiku_flow_zone\" \"dup\" {\n  project_key = %q\n  name        = \"Exports\"\n}\n", key)
	acctest.Case(t, acctest.CheckFlowZonesDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(testZoneA, importCfg),
		{
			// items no longer managed: null in state, DSS untouched.
			Config: noItems,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testZoneA, tfjsonpath.New("items"), knownvalue.Null()),
			},
			Check: func(*terraform.State) error {
				if got := acctest.ZoneItems(t, key, z.ID); !slices.Equal(got, []string{"MANAGED_FOLDER:" + folder}) {
					return fmt.Errorf("zone items after unmanaging them: %v", got)
				}
				return nil
			},
		},
		{
			Config: dup,
			// The hint gives the import ID (PROJECT_KEY.zone_id), not the bare id.
			ExpectError: regexp.MustCompile(`(?s)dataiku_flow_zone "Exports" in project ` + key + `.*already\s+exists\s+in\s+DSS.*terraform\s+import\s+dataiku_flow_zone.<name>\s+` + key + `\.` + z.ID),
		},
	})
}

// A zone DSS holds with an empty color (a zone saved with color "") is
// adopted as it is: the generated configuration holds color = "", which
// validates, and the next plan is empty (the validator refused "", which
// locked the zone out of an adoption; so did the emulator). Found by the
// shapes tests' empty variants (REALWORLD/zones/Mlz0001.json:color=empty).
func TestAccFlowZone_emptyColorAdopted(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_FZCOL")
	c := acctest.ProjectOutside(t, key, "A zone without a color")
	z, err := c.CreateFlowZone(acctest.Ctx(t), key, "Plain", "")
	if err != nil {
		t.Fatal(err)
	}
	cfg := fmt.Sprintf("resource \"dataiku_flow_zone\" \"a\" {\n  project_key = %q\n  name        = \"Plain\"\n  color       = \"\"\n  items       = []\n}\n", key)
	acctest.Case(t, acctest.CheckFlowZonesDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(testZoneA, acctest.ImportBlock(testZoneA, key+"."+z.ID)+cfg,
			statecheck.ExpectKnownValue(testZoneA, tfjsonpath.New("color"), knownvalue.StringExact(""))),
		// A configured "" comes back as configured, from a color and to one.
		{Config: strings.Replace(cfg, `""`, `"#00ff00"`, 1)},
		{Config: cfg, ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(testZoneA, tfjsonpath.New("color"), knownvalue.StringExact("")),
		}},
	})
}

// A key without rights on the project is refused by DSS, quoted with the
// resource's address, and nothing is created.
func TestAccFlowZone_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_FZBOB")
	c := acctest.ProjectOutside(t, key, "Admin's")
	acctest.RefusedToBob(t, fmt.Sprintf("resource \"dataiku_flow_zone\" \"a\" {\n  project_key = %q\n  name        = \"bobs\"\n}\n", key),
		regexp.MustCompile(`(?s)Cannot create dataiku_flow_zone "bobs" in project `+key+`.*UnauthorizedException.*lacks\s+a\s+project\s+permission`))
	zones, err := c.ListFlowZones(acctest.Ctx(t), key)
	if err != nil || len(zones) != 1 {
		t.Fatalf("zones after the refusal: %v %v", zones, err)
	}
}

// The data source lists every zone, the default one included, with its
// objects; a refresh of a zone costs 1 GET.
func TestAccFlowZones_dataSourceAndRefreshCount(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_FZDS")
	c := acctest.ProjectOutside(t, key, "Zones listed")
	folder, err := c.CreateManagedFolder(acctest.Ctx(t), key, "loose", "", "filesystem_folders", dss.DefaultManagedFolderPath)
	if err != nil {
		t.Fatal(err)
	}
	inZone, err := c.CreateManagedFolder(acctest.Ctx(t), key, "kept", "", "filesystem_folders", dss.DefaultManagedFolderPath)
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
	acctest.Case(t, acctest.CheckFlowZonesDestroyed(t), []resource.TestStep{
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
		// One GET of the zone and one list for the data source per command.
		acctest.RefreshCostStep(t, em, "flow zone 1 GET per zone (items included), data source 1 list", map[string]int64{
			"GET /public/api/projects/{projectKey}/flow/zones/{zoneId}": 1,
			"GET /public/api/projects/{projectKey}/flow/zones":          1,
		}),
	})
}

func TestParseFlowZoneImportID(t *testing.T) {
	key, id, err := project.ParseFlowZoneImportID("SALES.kFJ3a9x")
	if err != nil || key != "SALES" || id != "kFJ3a9x" {
		t.Fatalf("got %q %q %v", key, id, err)
	}
	// A zone id is only a path segment: a dot is DSS's to judge, a slash
	// or a blank is refused.
	if key, id, err := project.ParseFlowZoneImportID("SALES.a.b"); err != nil || key != "SALES" || id != "a.b" {
		t.Errorf("SALES.a.b: %q %q %v", key, id, err)
	}
	for _, bad := range []string{"", "SALES", "SALES.", ".abc", "SALES.a/b", "SALES. ", "SA-LES.abc"} {
		if _, _, err := project.ParseFlowZoneImportID(bad); err == nil || !strings.Contains(err.Error(), "PROJECT_KEY.zone_id") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if _, _, err := project.ParseFlowZoneImportID("SALES.default"); err == nil || !strings.Contains(err.Error(), "default zone") {
		t.Errorf("default zone import: %v", err)
	}
}

// Terraform applies two zones in parallel when nothing orders them. Zone a
// giving an object away and zone b taking it, at the same time, must end
// with the object in b every time: SyncZoneItems serialises the moves of
// one project's zones, so a never sends back to the default zone an object
// b has just taken.
func TestAccFlowZone_parallelTradeConverges(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_FZPAR")
	c, ctx := acctest.ProjectOutside(t, key, "Parallel zones"), acctest.Ctx(t)
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
				_, errs[i] = project.SyncZoneItems(ctx, c, key, z.id, z.want)
			}()
		}
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("round %d: %v", round, errs)
		}
		if got := acctest.ZoneItems(t, key, to); !slices.Equal(got, []string{"MANAGED_FOLDER:" + obj}) {
			t.Fatalf("round %d: the taker holds %v, want the folder", round, got)
		}
	}
}
