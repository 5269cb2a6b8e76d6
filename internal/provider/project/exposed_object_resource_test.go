package project_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

const (
	testExpDS    = "dataiku_exposed_object.ds"
	testExpOther = "dataiku_exposed_object.other"
)

// testExposedRules is what DSS holds for (typ, name) in project key's
// settings: "-" when there is no entry, else "quick=<bool>" followed by
// the sorted "TARGET:appearOnFlow" of its rules.
func testExposedRules(t *testing.T, key, typ, name string) string {
	t.Helper()
	s, err := dss.ProjectSettingsDoc(key).Get(acctest.Ctx(t), acctest.Client(t))
	if err != nil {
		t.Fatal(err)
	}
	i := s.FindExposed(typ, name)
	if i < 0 {
		return "-"
	}
	e := s.ExposedObjects.Objects[i]
	var rules []string
	for _, r := range e.Rules {
		rules = append(rules, fmt.Sprintf("%s:%v", r.TargetProject, project.FlagValue(r.AppearOnFlow)))
	}
	sort.Strings(rules)
	return fmt.Sprintf("quick=%v %s", project.FlagValue(e.QuickSharingEnabled), strings.Join(rules, " "))
}

// testExposedHolds checks DSS's entries: "KEY TYPE name" → testExposedRules.
// A name "@folder" is the folder in the state.
func testExposedHolds(t *testing.T, want map[string]string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for k, exp := range want {
			f := strings.Fields(k)
			name := f[2]
			if name == "@folder" {
				name = s.RootModule().Resources["dataiku_managed_folder.files"].Primary.ID
			}
			if got := testExposedRules(t, f[0], f[1], name); got != exp {
				return fmt.Errorf("%s %s %s in DSS: %q, want %q", f[0], f[1], name, got, exp)
			}
		}
		return nil
	}
}

// testAccCheckExposedObjectsDestroyed asserts through the admin client
// that no exposure of the state is left in DSS: its project is gone, or
// its settings no longer hold the entry.
func testAccCheckExposedObjectsDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "dataiku_exposed_object" {
				continue
			}
			a := rs.Primary.Attributes
			st, err := dss.ProjectSettingsDoc(a["project_key"]).Get(acctest.Ctx(t), acctest.Client(t))
			if dss.IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			if st.FindExposed(a["type"], a["local_name"]) >= 0 {
				return fmt.Errorf("%s is still exposed in DSS", rs.Primary.ID)
			}
		}
		return nil
	}
}

// expCfg is the lifecycle configuration: source project A with datasets
// src, other_ds, other_ds2 and folder files; target projects B and C (C
// with dataset c_ds); exposure ds shares src; exposure other shares
// another object; a recipe of B reads A.src, ordered after ds.
type expCfg struct {
	srcName               string // the name of dataiku_dataset.src ("src" when empty)
	aDesc                 string
	dsTargets             string
	otherProject, otherTy string
	otherName, otherTgts  string
}

func (c expCfg) hcl(a, b, cc string) string {
	src := c.srcName
	if src == "" {
		src = "src"
	}
	fs := func(label, project, name string) string {
		return acctest.FilesystemDatasetHCL(label, "dataiku_project."+project+".project_key", fmt.Sprintf("%q", name), "/exp/"+label)
	}
	return fs("src", "a", src) + fs("other_ds", "a", "other_ds") + fs("other_ds2", "a", "other_ds2") + fs("c_ds", "c", "c_ds") + fs("copy", "b", "copy") +
		fmt.Sprintf(`
resource "dataiku_project" "a" {
  project_key = %[1]q
  name        = "Source"
  description = %[4]q
}

resource "dataiku_project" "b" {
  project_key = %[2]q
  name        = "Target B"
}

resource "dataiku_project" "c" {
  project_key = %[3]q
  name        = "Target C"
}

resource "dataiku_managed_folder" "files" {
  project_key = dataiku_project.a.project_key
  name        = "files"
}

resource "dataiku_exposed_object" "ds" {
  project_key = dataiku_project.a.project_key
  type        = "DATASET"
  local_name  = dataiku_dataset.src.name
  targets     = [%[5]s]
}

resource "dataiku_exposed_object" "other" {
  project_key = %[6]s
  type        = %[7]q
  local_name  = %[8]s
  targets     = [%[9]s]
  quick_sharing_enabled = true
}

resource "dataiku_recipe" "copy" {
  project_key = dataiku_project.b.project_key
  name        = "copy_src"
  type        = "sync"
  inputs      = { main = [{ ref = "${dataiku_project.a.project_key}.${dataiku_exposed_object.ds.local_name}" }] }
  outputs     = { main = [{ ref = dataiku_dataset.copy.name }] }
}
`, a, b, cc, c.aDesc, c.dsTargets, c.otherProject, c.otherTy, c.otherName, c.otherTgts)
}

func TestAccExposedObject_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	a, b, cc := acctest.ProjectKey("ACC_EXA"), acctest.ProjectKey("ACC_EXB"), acctest.ProjectKey("ACC_EXC")
	toB := `{ project_key = dataiku_project.b.project_key, appear_on_flow = true }`
	toC := `{ project_key = dataiku_project.c.project_key, appear_on_flow = false }`
	base := expCfg{aDesc: "v1", dsTargets: toB, otherProject: "dataiku_project.a.project_key", otherTy: "DATASET",
		otherName: "dataiku_dataset.other_ds.name", otherTgts: toC}
	// In place: ds gains C and B's flag flips; A's description changes in
	// the same apply (dataiku_project must not touch exposedObjects).
	moreTargets := base
	moreTargets.aDesc = "v2"
	moreTargets.dsTargets = `{ project_key = dataiku_project.b.project_key, appear_on_flow = false }, ` + toC
	renamed := moreTargets
	renamed.otherName = "dataiku_dataset.other_ds2.name"
	retyped := renamed
	retyped.otherTy, retyped.otherName = "MANAGED_FOLDER", "dataiku_managed_folder.files.id"
	moved := retyped
	moved.otherProject, moved.otherTy, moved.otherName = "dataiku_project.c.project_key", "DATASET", "dataiku_dataset.c_ds.name"
	moved.otherTgts = `{ project_key = dataiku_project.b.project_key, appear_on_flow = false }`
	renamedSrc := moved
	renamedSrc.srcName = "src_v2"

	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testAccCheckExposedObjectsDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: base.hcl(a, b, cc),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testExpDS, "id", a+".DATASET.src"),
				testExposedHolds(t, map[string]string{
					a + " DATASET src":      "quick=false " + b + ":true",
					a + " DATASET other_ds": "quick=true " + cc + ":false",
				}),
				// The recipe of B reads A.src, exposed to it.
				resource.TestCheckResourceAttr("dataiku_recipe.copy", "inputs.main.0.ref", a+".src")),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: moreTargets.hcl(a, b, cc),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testExpDS, Attrs: []string{"targets"}},
				plancheck.ExpectResourceAction(testExpOther, plancheck.ResourceActionNoop),
			}},
			Check: testExposedHolds(t, map[string]string{
				a + " DATASET src":      "quick=false " + b + ":false " + cc + ":false",
				a + " DATASET other_ds": "quick=true " + cc + ":false",
			}),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			// Another object of the type: the entry is renamed in place.
			Config: renamed.hcl(a, b, cc),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testExpOther, Attrs: []string{"local_name", "id"}},
			}},
			Check: testExposedHolds(t, map[string]string{
				a + " DATASET other_ds":  "-",
				a + " DATASET other_ds2": "quick=true " + cc + ":false",
				a + " DATASET src":       "quick=false " + b + ":false " + cc + ":false",
			}),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			// Another type: a managed folder, by id.
			Config:           retyped.hcl(a, b, cc),
			ConfigPlanChecks: acctest.Plans(testExpOther, plancheck.ResourceActionReplace),
			Check: testExposedHolds(t, map[string]string{
				a + " DATASET other_ds2":      "-",
				a + " MANAGED_FOLDER @folder": "quick=true " + cc + ":false",
			}),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			// Another project: C shares its own dataset with B.
			Config:           moved.hcl(a, b, cc),
			ConfigPlanChecks: acctest.Plans(testExpOther, plancheck.ResourceActionReplace),
			Check: testExposedHolds(t, map[string]string{
				a + " MANAGED_FOLDER @folder": "-",
				cc + " DATASET c_ds":          "quick=true " + b + ":false",
				a + " DATASET src":            "quick=false " + b + ":false " + cc + ":false",
			}),
		}),
		acctest.ImportVerifyStep(testExpDS, nil),
		acctest.ImportIdentityStep(t, testExpDS),
		acctest.ImportVerifyStep(testExpOther, acctest.ImportID(cc+".DATASET.c_ds")),
		acctest.ImportIdentityStep(t, testExpOther),
		acctest.EmptyPlanAfter(resource.TestStep{
			// Changed outside Terraform: B's rule shows on the Flow, a rule
			// for another project and quick sharing were added. The plan
			// shows it, the apply puts back the configuration.
			PreConfig: func() {
				acctest.EditOutside(t, dss.ProjectSettingsDoc(a), func(s *dss.ProjectSettings) {
					e := &s.ExposedObjects.Objects[s.FindExposed("DATASET", "src")]
					yes := true
					e.QuickSharingEnabled = &yes
					e.Rules[0].AppearOnFlow = &yes
					e.Rules = append(e.Rules, dss.ExposedRule{TargetProject: "SOMEONE_ELSE"})
				})
			},
			Config: moved.hcl(a, b, cc),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testExpDS, Attrs: []string{"targets", "quick_sharing_enabled"}},
			}},
			Check: testExposedHolds(t, map[string]string{a + " DATASET src": "quick=false " + b + ":false " + cc + ":false"}),
		}),
		// Deleted outside Terraform: created again.
		acctest.DeletedOutsideStep(t, testExpDS, moved.hcl(a, b, cc),
			func() error {
				_, _, err := dss.ProjectSettingsDoc(a).Update(acctest.Ctx(t), acctest.Client(t), func(s *dss.ProjectSettings) error {
					i := s.FindExposed("DATASET", "src")
					s.ExposedObjects.Objects = slices.Delete(s.ExposedObjects.Objects, i, i+1)
					return nil
				})
				return err
			},
			testExposedHolds(t, map[string]string{a + " DATASET src": "quick=false " + b + ":false " + cc + ":false"})),
		acctest.EmptyPlanAfter(resource.TestStep{
			// The shared dataset renamed in place: DSS carries the entry and
			// B's recipe along; the exposure and the recipe follow in place.
			Config: renamedSrc.hcl(a, b, cc),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testExpDS, Attrs: []string{"local_name", "id"}},
				plancheck.ExpectResourceAction("dataiku_recipe.copy", plancheck.ResourceActionUpdate),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(
				testExposedHolds(t, map[string]string{
					a + " DATASET src":    "-",
					a + " DATASET src_v2": "quick=false " + b + ":false " + cc + ":false",
				}),
				resource.TestCheckResourceAttr(testExpDS, "id", a+".DATASET.src_v2"),
				resource.TestCheckResourceAttr("dataiku_recipe.copy", "inputs.main.0.ref", a+".src_v2")),
		}),
	})
}

// A recipe of B reading A's dataset that A does not expose to B is
// refused by DSS, quoted with the recipe's address.
func TestAccExposedObject_recipeNeedsExposure(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	a, b := acctest.ProjectKey("ACC_EXNA"), acctest.ProjectKey("ACC_EXNB")
	acctest.ProjectOutside(t, a, "Not shared")
	acctest.ProjectOutside(t, b, "Reader")
	acctest.FilesystemDatasetOutside(t, a, "src", "/exn/src", "")
	acctest.FilesystemDatasetOutside(t, b, "copy", "/exn/copy", "")
	cfg := fmt.Sprintf(`
resource "dataiku_recipe" "copy" {
  project_key = %[2]q
  name        = "copy_src"
  type        = "sync"
  inputs      = { main = [{ ref = "%[1]s.src" }] }
  outputs     = { main = [{ ref = "copy" }] }
}
`, a, b)
	acctest.Case(t, nil, []resource.TestStep{{
		Config:      cfg,
		ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_recipe "` + b + `.copy_src".*UnauthorizedException.*Dataset\s+` + a + `.src\s+is\s+not\s+exposed\s+to\s+project\s+` + b),
	}})
}

// An exposure made outside Terraform is adopted with an import block and
// no change; a second resource for the same object without import is
// refused with the import hint.
func TestAccExposedObject_importBlock(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_EXIMP")
	acctest.ProjectOutside(t, key, "Adopted exposure")
	acctest.EditOutside(t, dss.ProjectSettingsDoc(key), func(s *dss.ProjectSettings) {
		// As dataikuapi's add_exposed_object writes it: no flags at all.
		s.ExposedObjects.Objects = append(s.ExposedObjects.Objects,
			dss.ExposedObject{Type: "DATASET", LocalName: "orders", Rules: []dss.ExposedRule{{TargetProject: "REPORTING"}}})
	})
	cfg := fmt.Sprintf(`
resource "dataiku_exposed_object" "ds" {
  project_key = %q
  type        = "DATASET"
  local_name  = "orders"
  targets     = [{ project_key = "REPORTING", appear_on_flow = false }]
}
`, key)
	dup := cfg + fmt.Sprintf(`
resource "dataiku_exposed_object" "dup" {
  project_key = %q
  type        = "DATASET"
  local_name  = "orders"
}
`, key)
	acctest.Case(t, testAccCheckExposedObjectsDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(testExpDS, acctest.ImportBlock(testExpDS, key+".DATASET.orders")+cfg),
		{
			Config:      dup,
			ExpectError: regexp.MustCompile(`(?s)dataiku_exposed_object "` + key + `.DATASET.orders".*already\s+exists\s+in\s+DSS.*import`),
		},
	})
}

// A key with write access to the project but neither admin rights nor
// manageExposedElements is refused by DSS, quoted with the resource's
// address, and the entry is not created.
func TestAccExposedObject_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_EXBOB")
	acctest.ProjectOutside(t, key, "Admin's")
	acctest.EditOutside(t, dss.ProjectPermissionsDoc(key), func(p *dss.ProjectPermissions) {
		p.Grants = append(p.Grants, dss.ProjectGrant{User: acctest.BobLogin, ReadProjectContent: new(true), WriteProjectContent: new(true)})
	})
	cfg := fmt.Sprintf("resource \"dataiku_exposed_object\" \"ds\" {\n  project_key = %q\n  type = \"DATASET\"\n  local_name = \"d\"\n  targets = [{ project_key = \"X\", appear_on_flow = false }]\n}\n", key)
	acctest.RefusedToBob(t, cfg,
		regexp.MustCompile(`(?s)Cannot create dataiku_exposed_object "`+key+`.DATASET.d".*UnauthorizedException.*manage\s+the\s+exposed\s+objects`))
	if got := testExposedRules(t, key, "DATASET", "d"); got != "-" {
		t.Fatalf("entry after the refusal: %s", got)
	}
	// With manageExposedElements (and no admin rights), bob may.
	acctest.EditOutside(t, dss.ProjectPermissionsDoc(key), func(p *dss.ProjectPermissions) {
		p.Grants[len(p.Grants)-1].ManageExposedElements = new(true)
	})
	acctest.Case(t, testAccCheckExposedObjectsDestroyed(t), []resource.TestStep{{
		Config: acctest.AsBob(cfg),
		Check:  testExposedHolds(t, map[string]string{key + " DATASET d": "quick=false X:false"}),
	}})
}

// Several exposures of one project applied at once: every entry lands in
// DSS. Each read of the settings is slowed down so that, without the
// provider's per-project lock, the read-modify-writes would overlap and
// lose entries.
func TestAccExposedObject_parallelWritesAllLand(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_EXPAR")
	c := acctest.ProjectOutside(t, key, "Parallel exposures")
	// An entry Terraform does not manage, as dataikuapi writes it (no
	// flags) with a field the provider does not know: it must come out of
	// the parallel writes byte for byte.
	settingsPath := dss.ProjectSettingsDoc(key).Path()
	foreign := map[string]any{"type": "SAVED_MODEL", "localName": "m1", "rules": []any{map[string]any{"targetProject": "OTHER"}}, "custom": map[string]any{"k": "v"}}
	acctest.EditRawDoc(t, settingsPath, func(raw map[string]any) { raw["exposedObjects"] = map[string]any{"objects": []any{foreign}} })
	foreignKept := func(*terraform.State) error {
		var now struct {
			ExposedObjects struct {
				Objects []json.RawMessage `json:"objects"`
			} `json:"exposedObjects"`
		}
		if err := c.Get(acctest.Ctx(t), settingsPath, nil, &now); err != nil {
			return err
		}
		want, _ := json.Marshal(foreign)
		for _, o := range now.ExposedObjects.Objects {
			if string(o) == string(want) {
				return nil
			}
		}
		return fmt.Errorf("the unmanaged entry %s is not in DSS as it was: %s", want, now.ExposedObjects.Objects)
	}
	const n = 6
	var cfg strings.Builder
	want := map[string]string{}
	for i := range n {
		fmt.Fprintf(&cfg, "resource \"dataiku_exposed_object\" \"e%d\" {\n  project_key = %q\n  type = \"DATASET\"\n  local_name = \"d%d\"\n  targets = [{ project_key = \"T%d\", appear_on_flow = false }]\n}\n", i, key, i, i)
		want[fmt.Sprintf("%s DATASET d%d", key, i)] = fmt.Sprintf("quick=false T%d:false", i)
	}
	acctest.Case(t, testAccCheckExposedObjectsDestroyed(t), []resource.TestStep{{
		PreConfig: acctest.SetFaults(t, em, emulator.FaultRule{Method: "GET", PathRegex: "/projects/" + key + "/settings$", DelayMs: 100}),
		Config:    cfg.String(),
		Check: resource.ComposeAggregateTestCheckFunc(
			func(*terraform.State) error { em.Server.ClearFaults(); return nil },
			testExposedHolds(t, want), foreignKept),
	}})
	if err := foreignKept(nil); err != nil {
		t.Errorf("after the destroy: %v", err)
	}
}

// The lock itself: writers of one project's settings, run together, each
// keep the others' entries.
func TestExposedObjectLockSerialisesWrites(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_EXLCK")
	c := acctest.ProjectOutside(t, key, "Locked settings")
	if err := em.Server.SetFaults([]emulator.FaultRule{{Method: "GET", PathRegex: "/projects/" + key + "/settings$", DelayMs: 50}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(em.Server.ClearFaults)
	k := &project.ExposedObjectKind{Locks: &kit.ProjectLocks{}}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = k.Post(acctest.Ctx(t), c, testExposedModel(key, fmt.Sprintf("d%d", i)))
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", i, err)
		}
		if got := testExposedRules(t, key, "DATASET", fmt.Sprintf("d%d", i)); got == "-" {
			t.Errorf("entry d%d was lost", i)
		}
	}
}

// testExposedModel is a planned exposure of dataset name to no project.
func testExposedModel(key, name string) *project.ExposedObjectModel {
	return &project.ExposedObjectModel{ProjectKey: types.StringValue(key), Type: types.StringValue("DATASET"), LocalName: types.StringValue(name),
		QuickSharingEnabled: types.BoolValue(false), Targets: types.SetValueMust(project.ExposedTargetObjectType(), nil)}
}

func TestParseExposedObjectImportID(t *testing.T) {
	key, typ, name, err := project.ParseExposedObjectImportID("SALES.MANAGED_FOLDER.aB3dE6gH")
	if err != nil || key != "SALES" || typ != "MANAGED_FOLDER" || name != "aB3dE6gH" {
		t.Fatalf("got %q %q %q %v", key, typ, name, err)
	}
	// The local name is the rest, dots included: DSS's type list is open
	// and so is what it names.
	if _, _, name, err := project.ParseExposedObjectImportID("SALES.JUPYTER_NOTEBOOK.my.notebook"); err != nil || name != "my.notebook" {
		t.Fatalf("dotted local name: %q %v", name, err)
	}
	for _, bad := range []string{"", "SALES", "SALES.DATASET", "SALES.DATASET.", ".DATASET.x", "SA LES.DATASET.x", "SALES..x"} {
		if _, _, _, err := project.ParseExposedObjectImportID(bad); err == nil || !strings.Contains(err.Error(), "PROJECT_KEY.TYPE.local_name") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// The sharing project deleted outside Terraform: DSS's not-found for its
// settings removes the exposure from the state (with a warning), and
// nothing else is attempted.
func TestAccExposedObject_projectGone(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_EXGONE")
	c := acctest.ProjectOutside(t, key, "Deleted outside")
	cfg := fmt.Sprintf("resource \"dataiku_exposed_object\" \"ds\" {\n  project_key = %q\n  type = \"DATASET\"\n  local_name = \"d\"\n  targets = [{ project_key = \"X\", appear_on_flow = true }]\n}\n", key)
	acctest.Case(t, testAccCheckExposedObjectsDestroyed(t), []resource.TestStep{
		{Config: cfg, Check: testExposedHolds(t, map[string]string{key + " DATASET d": "quick=false X:true"})},
		acctest.ProjectDeletedStep(t, c, key, testExpDS),
	})
}
