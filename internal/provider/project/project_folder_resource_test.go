package project_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

const testFolderAddr = "dataiku_project_folder.test"

// testFolderID is the id Terraform recorded for addr.
func testFolderID(s *terraform.State, addr string) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("%s is not in the state", addr)
	}
	return rs.Primary.ID, nil
}

// testFolderSettings reads a folder's settings document through the admin
// client, as DSS holds it.
func testFolderSettings(t *testing.T, id string) map[string]any {
	t.Helper()
	return acctest.RawDoc(t, dss.Path("project-folders", id, "settings"))
}

// testFoldersNamed lists the ids of the children of parent named name.
func testFoldersNamed(t *testing.T, parent, name string) []string {
	t.Helper()
	children, err := acctest.Client(t).ListProjectFolderChildren(acctest.Ctx(t), parent)
	return acctest.IDsNamed(t, children, err, name, func(f dss.ProjectFolder) (string, string) { return kit.StringOrEmpty(f.Name), f.ID })
}

// testAccCheckProjectFoldersDestroyed asserts through the admin client that
// every folder of the state is gone from DSS.
func testAccCheckProjectFoldersDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		c := acctest.Client(t)
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "dataiku_project_folder" {
				continue
			}
			_, err := c.GetProjectFolder(acctest.Ctx(t), rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("project folder %s still exists", rs.Primary.ID)
			}
			if !dss.IsGone(err, dss.Path("project-folders", rs.Primary.ID)) {
				return fmt.Errorf("checking project folder %s: %w", rs.Primary.ID, err)
			}
		}
		return nil
	}
}

// testAccFolderConfig: two parents, the folder under one of them, and a
// project placed in the folder in the same apply.
func testAccFolderConfig(prefix, name, parent, extra string) string {
	return fmt.Sprintf(`
resource "dataiku_project_folder" "a" {
  name = "%[1]s-a"
}

resource "dataiku_project_folder" "b" {
  name = "%[1]s-b"
}

resource "dataiku_project_folder" "test" {
  name      = %[2]q
  parent_id = dataiku_project_folder.%[3]s.id
  %[4]s
}

resource "dataiku_project" "in_folder" {
  project_key       = "%[5]s"
  name              = "In a folder"
  project_folder_id = dataiku_project_folder.test.id
}
`, prefix, name, parent, extra, strings.ToUpper(strings.ReplaceAll(prefix, "-", "_")))
}

func TestAccProjectFolder_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	prefix := strings.ToLower(acctest.ProjectKey("acc_pf"))
	managed := `owner = "alice"
  permissions = [{ group = "analysts", read = true, writeContents = false, admin = false }]`
	managedJSON := `owner = "alice"
  permissions = jsonencode([{ group = "analysts", read = true, writeContents = false, admin = false }])`
	var folderID string
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testAccCheckProjectFoldersDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: testAccFolderConfig(prefix, "Sales", "a", managed),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testFolderAddr, tfjsonpath.New("name"), knownvalue.StringExact("Sales")),
				statecheck.CompareValuePairs(testFolderAddr, tfjsonpath.New("parent_id"),
					"dataiku_project_folder.a", tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.CompareValuePairs(testFolderAddr, tfjsonpath.New("id"),
					"dataiku_project.in_folder", tfjsonpath.New("project_folder_id"), compare.ValuesSame()),
			},
			Check: func(s *terraform.State) error {
				id, err := testFolderID(s, testFolderAddr)
				if err != nil {
					return err
				}
				folderID = id
				parent, _ := testFolderID(s, "dataiku_project_folder.a")
				f, err := acctest.Client(t).GetProjectFolder(acctest.Ctx(t), id)
				if err != nil {
					return err
				}
				if kit.StringOrEmpty(f.Name) != "Sales" || kit.StringOrEmpty(f.ParentID) != parent || len(f.ProjectKeys) != 1 {
					return fmt.Errorf("folder in DSS: %+v (want Sales under %s holding the project)", f, parent)
				}
				st := testFolderSettings(t, id)
				if st["owner"] != "alice" || fmt.Sprint(st["permissions"]) != "[map[admin:false group:analysts read:true writeContents:false]]" {
					return fmt.Errorf("settings in DSS: %v", st)
				}
				return nil
			},
		},
		{
			// Renamed and moved in place: same id, the project follows.
			Config: testAccFolderConfig(prefix, "Sales EMEA", "b", managed),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testFolderAddr, plancheck.ResourceActionUpdate),
				acctest.ExpectOnlyChanged{Addr: testFolderAddr, Attrs: []string{"name", "parent_id"}},
			}},
			Check: func(s *terraform.State) error {
				id, _ := testFolderID(s, testFolderAddr)
				parent, _ := testFolderID(s, "dataiku_project_folder.b")
				if id != folderID {
					return fmt.Errorf("the folder was replaced: id %s, was %s", id, folderID)
				}
				f, err := acctest.Client(t).GetProjectFolder(acctest.Ctx(t), id)
				if err != nil {
					return err
				}
				if kit.StringOrEmpty(f.Name) != "Sales EMEA" || kit.StringOrEmpty(f.ParentID) != parent || len(f.ProjectKeys) != 1 {
					return fmt.Errorf("folder in DSS after the move: %+v", f)
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(testFolderAddr, nil),
		acctest.ImportIdentityStep(t, testFolderAddr),
		{
			// Changed outside Terraform: renamed, given away and its
			// permissions changed in DSS.
			PreConfig: func() {
				acctest.EditOutside(t, dss.ProjectFolderSettingsDoc(folderID), func(s *dss.ProjectFolderSettings) {
					s.Name, s.Owner = "Renamed in DSS", "bob"
					s.Permissions = []byte(`[{"group":"analysts","read":true,"writeContents":true,"admin":false}]`)
				})
			},
			Config: testAccFolderConfig(prefix, "Sales EMEA", "b", managed),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testFolderAddr, Attrs: []string{"name", "owner", "permissions"}},
			}},
			Check: func(*terraform.State) error {
				st := testFolderSettings(t, folderID)
				if st["name"] != "Sales EMEA" || st["owner"] != "alice" ||
					fmt.Sprint(st["permissions"]) != "[map[admin:false group:analysts read:true writeContents:false]]" {
					return fmt.Errorf("settings after the repair: %v", st)
				}
				return nil
			},
		},
		{
			// The same entries written with jsonencode (the form of earlier
			// versions): no change.
			Config: testAccFolderConfig(prefix, "Sales EMEA", "b", managedJSON),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
		},
		{
			// An entry added in the HCL form is written to DSS.
			Config: testAccFolderConfig(prefix, "Sales EMEA", "b", `permissions = [
    { group = "analysts", read = true, writeContents = false, admin = false },
    { group = "readers", read = true },
  ]`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testFolderAddr, Attrs: []string{"permissions"}},
			}},
			Check: func(*terraform.State) error {
				st := testFolderSettings(t, folderID)
				if fmt.Sprint(st["permissions"]) != "[map[admin:false group:analysts read:true writeContents:false] map[group:readers read:true]]" {
					return fmt.Errorf("permissions in DSS: %v", st["permissions"])
				}
				return nil
			},
		},
		{
			// Unmanaging owner and permissions leaves them alone in DSS.
			Config: testAccFolderConfig(prefix, "Sales EMEA", "b", ""),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
		},
	})
}

func TestAccProjectFolder_deletedOutsideAndImportBlock(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	name := strings.ToLower(acctest.ProjectKey("acc_pf_del"))
	c := acctest.Client(t)
	f, err := c.CreateProjectFolder(acctest.Ctx(t), dss.RootProjectFolderID, name)
	if err != nil {
		t.Fatal(err)
	}
	importCfg := fmt.Sprintf(`
import {
  to = dataiku_project_folder.test
  id = %[1]q
}

resource "dataiku_project_folder" "test" {
  name = %[2]q
}
`, f.ID, name)
	plainCfg := fmt.Sprintf("resource \"dataiku_project_folder\" \"test\" {\n  name = %q\n}\n", name)
	acctest.Case(t, testAccCheckProjectFoldersDestroyed(t), []resource.TestStep{
		// Adopted as it is: the import changes nothing.
		acctest.AdoptedAsIsStep(testFolderAddr, importCfg,
			statecheck.ExpectKnownValue(testFolderAddr, tfjsonpath.New("id"), knownvalue.StringExact(f.ID)),
			statecheck.ExpectKnownValue(testFolderAddr, tfjsonpath.New("owner"), knownvalue.StringExact("admin"))),
		// Deleted outside Terraform: planned for creation again.
		acctest.DeletedOutsideStep(t, testFolderAddr, plainCfg,
			func() error { return c.DeleteProjectFolder(acctest.Ctx(t), f.ID) },
			func(s *terraform.State) error {
				id, _ := testFolderID(s, testFolderAddr)
				if id == f.ID || len(testFoldersNamed(t, dss.RootProjectFolderID, name)) != 1 {
					return fmt.Errorf("expected one new folder named %s, id %s (old %s)", name, id, f.ID)
				}
				return nil
			}),
	})
}

// Creating a folder whose name is taken among its siblings is refused with
// advice to import; a folder that still holds a project is not deleted,
// and DSS's refusal is quoted with the address.
func TestAccProjectFolder_existingAndNotEmpty(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	name := strings.ToLower(acctest.ProjectKey("acc_pf_ex"))
	c := acctest.Client(t)
	taken, err := c.CreateProjectFolder(acctest.Ctx(t), dss.RootProjectFolderID, name+"-taken")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteProjectFolder(context.Background(), taken.ID) })
	key := acctest.ProjectKey("ACC_PF_NE")
	folderCfg := fmt.Sprintf("resource \"dataiku_project_folder\" \"test\" {\n  name = %q\n}\n", name)
	acctest.Case(t, testAccCheckProjectFoldersDestroyed(t), []resource.TestStep{
		{
			Config:      fmt.Sprintf("resource \"dataiku_project_folder\" \"test\" {\n  name = %q\n}\n", name+"-taken"),
			ExpectError: regexp.MustCompile(`(?s)already exists.*terraform\s+import\s+dataiku_project_folder.<name>\s+` + taken.ID),
		},
		{Config: folderCfg},
		{
			// Someone puts a project in the folder; removing the folder
			// from the configuration then fails with DSS's answer.
			PreConfig: func() {
				var id string
				for _, ch := range mustChildren(t, dss.RootProjectFolderID) {
					if kit.StringOrEmpty(ch.Name) == name {
						id = ch.ID
					}
				}
				if err := c.CreateProject(acctest.Ctx(t), dss.CreateProjectRequest{ProjectKey: key, Name: "Squatter", Owner: "admin"}, id); err != nil {
					t.Fatal(err)
				}
			},
			Config:      "# nothing\n",
			ExpectError: regexp.MustCompile(`(?s)Cannot delete dataiku_project_folder "` + name + `".*is not empty`),
		},
		{
			PreConfig: acctest.Must(t, func() error { return c.DeleteProject(acctest.Ctx(t), key, dss.DeleteProjectOptions{}) }),
			Config:    "# nothing\n",
		},
	})
}

func mustChildren(t *testing.T, parent string) []dss.ProjectFolder {
	t.Helper()
	children, err := acctest.Client(t).ListProjectFolderChildren(acctest.Ctx(t), parent)
	if err != nil {
		t.Fatal(err)
	}
	return children
}

// A POST whose answer is lost (the folder was created, the answer never
// arrived) is recovered by finding the folder by name under its parent:
// one folder in DSS, its id in the state, an empty plan after.
func TestAccProjectFolder_lostPostRecovered(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	for _, fault := range acctest.LostPostFaults(`/project-folders/ROOT/children$`) {
		name := strings.ToLower(acctest.ProjectKey("acc_pf_lost"))
		t.Run(fmt.Sprintf("status %d drop %v", fault.Status, fault.DropConnection), func(t *testing.T) {
			acctest.Case(t, testAccCheckProjectFoldersDestroyed(t), []resource.TestStep{
				acctest.LostPostStep(t, em, fault, fmt.Sprintf("resource \"dataiku_project_folder\" \"test\" {\n  name = %q\n}\n", name),
					func(s *terraform.State) error {
						return acctest.OnlyStateID(s, testFolderAddr, "folders named "+name, testFoldersNamed(t, dss.RootProjectFolderID, name))
					}),
			})
		})
	}
}

// A non-admin key that does not own the folder cannot change it: DSS's
// refusal is quoted with the address, and the state is unchanged.
func TestAccProjectFolder_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	name := strings.ToLower(acctest.ProjectKey("acc_pf_bob"))
	cfg := fmt.Sprintf("resource \"dataiku_project_folder\" \"test\" {\n  name = %q\n}\n", name)
	bobCfg := acctest.AsBob(fmt.Sprintf("resource \"dataiku_project_folder\" \"test\" {\n  name = %q\n}\n", name+"-bob"))
	acctest.Case(t, testAccCheckProjectFoldersDestroyed(t), []resource.TestStep{
		{Config: cfg},
		{
			Config:      bobCfg,
			ExpectError: regexp.MustCompile(`(?s)Cannot update dataiku_project_folder "` + name + `".*UnauthorizedException.*lacks\s+the\s+rights`),
		},
		{
			Config:           cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	})
}

func TestProjectFolderImportID(t *testing.T) {
	for _, ok := range []string{"aB3dE5f", "x"} {
		if err := project.ParseProjectFolderImportID(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "ROOT", "a/b", "a b"} {
		err := project.ParseProjectFolderImportID(bad)
		if err == nil {
			t.Errorf("%q accepted", bad)
			continue
		}
		if !strings.Contains(err.Error(), "project folder") {
			t.Errorf("%q: the error does not name the expected form: %v", bad, err)
		}
	}
}

func TestHCLListValidatorPermissions(t *testing.T) {
	obj := func(attrs map[string]attr.Value) attr.Value {
		tys := map[string]attr.Type{}
		for k, v := range attrs {
			tys[k] = v.Type(context.Background())
		}
		return types.ObjectValueMust(tys, attrs)
	}
	entry := obj(map[string]attr.Value{"group": types.StringValue("g"), "read": types.BoolValue(true)})
	for name, c := range map[string]struct {
		v  types.Dynamic
		ok bool
	}{
		"empty text":     {types.DynamicValue(types.StringValue(`[]`)), true},
		"text":           {types.DynamicValue(types.StringValue(`[{"group":"g","read":true}]`)), true},
		"tuple":          {types.DynamicValue(types.TupleValueMust([]attr.Type{entry.Type(context.Background())}, []attr.Value{entry})), true},
		"empty tuple":    {types.DynamicValue(types.TupleValueMust(nil, nil)), true},
		"object text":    {types.DynamicValue(types.StringValue(`{}`)), false},
		"number in text": {types.DynamicValue(types.StringValue(`[1]`)), false},
		"null text":      {types.DynamicValue(types.StringValue(`null`)), false},
		"not JSON":       {types.DynamicValue(types.StringValue(`nope`)), false},
		"object":         {types.DynamicValue(entry), false},
		"list of string": {types.DynamicValue(types.ListValueMust(types.StringType, []attr.Value{types.StringValue("g")})), false},
	} {
		req := validator.DynamicRequest{Path: path.Root("permissions"), ConfigValue: c.v}
		var resp validator.DynamicResponse
		kit.HCLListValidator.ValidateDynamic(context.Background(), req, &resp)
		if resp.Diagnostics.HasError() == c.ok {
			t.Errorf("%s: accepted %v, want %v (%v)", name, !resp.Diagnostics.HasError(), c.ok, resp.Diagnostics)
		}
		if !c.ok && !strings.Contains(fmt.Sprint(resp.Diagnostics), "permissions") {
			t.Errorf("%s: the refusal does not name the attribute: %v", name, resp.Diagnostics)
		}
	}
}
