package project_test

import (
	"encoding/json"
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
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// testManagedFolderRaw reads a folder's definition as DSS holds it.
func testManagedFolderRaw(t *testing.T, key, id string) map[string]any {
	t.Helper()
	return acctest.RawDoc(t, dss.Path("projects", key, "managedfolders", id))
}

// testManagedFolderIDs lists the ids of a project's folders named name.
func testManagedFolderIDs(t *testing.T, key, name string) []string {
	t.Helper()
	folders, err := acctest.Client(t).ListManagedFolders(acctest.Ctx(t), key)
	return acctest.IDsNamed(t, folders, err, name, func(f dss.ManagedFolder) (string, string) { return f.Name, f.ID })
}

func testAccManagedFolderConfig(key, project, name, extra string) string {
	return testTwoProjectsConfig(key, "Folders") + fmt.Sprintf(`
resource "dataiku_managed_folder" "test" {
  project_key = dataiku_project.%[1]s.project_key
  name        = %[2]q
  %[3]s
}
`, project, name, extra)
}

func TestAccManagedFolder_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_MF")
	extra := `description = "Model files"
  tags        = ["models", "ml"]
  partitioning = {
    dimensions        = [{ name = "day", type = "time", period = "DAY" }]
    file_path_pattern = "%Y/%M/%D/.*"
  }`
	var folderID string
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(acctest.CheckManagedFoldersDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: testAccManagedFolderConfig(key, "one", "models", extra),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(acctest.ManagedFolderAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{8}$`))),
				statecheck.ExpectKnownValue(acctest.ManagedFolderAddr, tfjsonpath.New("path"), knownvalue.StringExact(dss.DefaultManagedFolderPath)),
				statecheck.ExpectKnownValue(acctest.ManagedFolderAddr, tfjsonpath.New("connection_name"), knownvalue.StringExact("filesystem_folders")),
				statecheck.ExpectKnownValue(acctest.ManagedFolderAddr, tfjsonpath.New("type"), knownvalue.StringExact("Filesystem")),
			},
			Check: func(s *terraform.State) error {
				rs := s.RootModule().Resources[acctest.ManagedFolderAddr]
				folderID = rs.Primary.ID
				f := testManagedFolderRaw(t, key, folderID)
				params, _ := f["params"].(map[string]any)
				if f["name"] != "models" || f["description"] != "Model files" || fmt.Sprint(f["tags"]) != "[ml models]" ||
					params["path"] != dss.DefaultManagedFolderPath || params["connection"] != "filesystem_folders" {
					return fmt.Errorf("folder in DSS: %v", f)
				}
				p, _ := f["partitioning"].(map[string]any)
				if fmt.Sprint(p["dimensions"]) != "[map[name:day params:map[period:DAY] type:time]]" || p["filePathPattern"] != "%Y/%M/%D/.*" {
					return fmt.Errorf("partitioning in DSS: %v", p)
				}
				return nil
			},
		},
		{
			// Renamed in place, one tag fewer; a field set in DSS by someone
			// else survives.
			PreConfig: func() {
				acctest.EditOutside(t, dss.ManagedFolderDoc(key, folderID), func(f *dss.ManagedFolder) {
					if f.Extra == nil {
						f.Extra = dss.Extra{}
					}
					f.Extra["customFields"] = []byte(`{"owner_team":"ml-platform","budget":9007199254740993}`)
				})
			},
			Config: testAccManagedFolderConfig(key, "one", "models_v2", strings.Replace(extra, `["models", "ml"]`, `["models"]`, 1)),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: acctest.ManagedFolderAddr, Attrs: []string{"name", "tags"}},
			}},
			Check: func(s *terraform.State) error {
				if id := s.RootModule().Resources[acctest.ManagedFolderAddr].Primary.ID; id != folderID {
					return fmt.Errorf("the folder was recreated: id %s, was %s", id, folderID)
				}
				var raw struct {
					Name         string `json:"name"`
					CustomFields struct {
						OwnerTeam string      `json:"owner_team"`
						Budget    json.Number `json:"budget"`
					} `json:"customFields"`
				}
				if err := acctest.Client(t).Get(acctest.Ctx(t), dss.Path("projects", key, "managedfolders", folderID), nil, &raw); err != nil {
					return err
				}
				// The integer above 2^53 must come back exactly.
				if raw.Name != "models_v2" || raw.CustomFields.Budget != "9007199254740993" || raw.CustomFields.OwnerTeam != "ml-platform" {
					return fmt.Errorf("after the rename: %+v", raw)
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(acctest.ManagedFolderAddr, acctest.ProjectObjectImportID(acctest.ManagedFolderAddr)),
		acctest.ImportIdentityStep(t, acctest.ManagedFolderAddr),
		{
			// Changed outside Terraform: drift on the description only.
			PreConfig: func() {
				acctest.EditOutside(t, dss.ManagedFolderDoc(key, folderID), func(f *dss.ManagedFolder) { f.Description = "edited in DSS" })
			},
			Config: testAccManagedFolderConfig(key, "one", "models_v2", strings.Replace(extra, `["models", "ml"]`, `["models"]`, 1)),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: acctest.ManagedFolderAddr, Attrs: []string{"description"}},
			}},
			Check: func(*terraform.State) error {
				if d := testManagedFolderRaw(t, key, folderID)["description"]; d != "Model files" {
					return fmt.Errorf("description after the repair: %v", d)
				}
				return nil
			},
		},
		// Another project: replaced, the old folder is gone.
		movedToProject{config: testAccManagedFolderConfig(key, "two", "models_v2", ""),
			addr: acctest.ManagedFolderAddr, what: "folders", key: key, oldName: "models_v2", newName: "models_v2",
			ids: func(k, n string) []string { return testManagedFolderIDs(t, k, n) }}.step(),
	})
}

func TestAccManagedFolder_importBlockAndDeletedOutside(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_MFIMP")
	c := acctest.ProjectOutside(t, key, "Adopted folders")
	id, err := c.CreateManagedFolder(acctest.Ctx(t), key, "exports", "", "filesystem_folders", "/exports/${projectKey}")
	if err != nil {
		t.Fatal(err)
	}
	resourceCfg := fmt.Sprintf("resource \"dataiku_managed_folder\" \"test\" {\n  project_key = %q\n  name        = \"exports\"\n}\n", key)
	importCfg := acctest.ImportBlock(acctest.ManagedFolderAddr, key+"."+id) + resourceCfg
	acctest.Case(t, acctest.CheckManagedFoldersDestroyed(t), []resource.TestStep{
		// Adopted as it is: a path and connection left unset are DSS's.
		acctest.AdoptedAsIsStep(acctest.ManagedFolderAddr, importCfg,
			statecheck.ExpectKnownValue(acctest.ManagedFolderAddr, tfjsonpath.New("path"), knownvalue.StringExact("/exports/${projectKey}"))),
		acctest.DeletedOutsideStep(t, acctest.ManagedFolderAddr, resourceCfg,
			func() error { return c.DeleteManagedFolder(acctest.Ctx(t), key, id) },
			func(s *terraform.State) error {
				return acctest.OnlyStateID(s, acctest.ManagedFolderAddr, "folders named exports", testManagedFolderIDs(t, key, "exports"), id)
			}),
	})
}

// A lost answer to the create POST is recovered by finding the folder by
// name: one folder in DSS, whose generated id is in the state.
func TestAccManagedFolder_lostPostRecovered(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_MFLOST")
	acctest.ProjectOutside(t, key, "Lost posts")
	for i, fault := range acctest.LostPostFaults("/projects/" + key + "/managedfolders$") {
		name := fmt.Sprintf("lost_%d", i)
		t.Run(name, func(t *testing.T) {
			acctest.Case(t, acctest.CheckManagedFoldersDestroyed(t), []resource.TestStep{
				acctest.LostPostStep(t, em, fault, fmt.Sprintf("resource \"dataiku_managed_folder\" \"test\" {\n  project_key = %q\n  name        = %q\n}\n", key, name),
					func(s *terraform.State) error {
						return acctest.OnlyStateID(s, acctest.ManagedFolderAddr, "folders named "+name, testManagedFolderIDs(t, key, name))
					}),
			})
		})
	}
}

// A key without rights on the project is refused by DSS, quoted with the
// resource's address, and nothing is created.
func TestAccManagedFolder_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_MFBOB")
	acctest.ProjectOutside(t, key, "Admin's")
	acctest.RefusedToBob(t, fmt.Sprintf("resource \"dataiku_managed_folder\" \"test\" {\n  project_key = %q\n  name        = \"bobs\"\n}\n", key),
		regexp.MustCompile(`(?s)Cannot create dataiku_managed_folder "bobs" in project `+key+`.*UnauthorizedException.*lacks\s+a\s+project\s+permission`))
	acctest.NoneInDSS(t, "folders named bobs", testManagedFolderIDs(t, key, "bobs"))
}

func TestAccManagedFolderDataSources(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_MFDS")
	cfg := fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "Folder data sources"
}

resource "dataiku_managed_folder" "a" {
  project_key = dataiku_project.p.project_key
  name        = "alpha"
  tags        = ["x"]
}

resource "dataiku_managed_folder" "b" {
  project_key = dataiku_project.p.project_key
  name        = "beta"
}

data "dataiku_managed_folder" "by_name" {
  project_key = dataiku_project.p.project_key
  name        = dataiku_managed_folder.a.name
}

data "dataiku_managed_folder" "by_id" {
  project_key = dataiku_project.p.project_key
  id          = dataiku_managed_folder.b.id
}

data "dataiku_managed_folders" "all" {
  project_key = dataiku_project.p.project_key
  depends_on  = [dataiku_managed_folder.a, dataiku_managed_folder.b]
}
`, key)
	acctest.Case(t, acctest.CheckManagedFoldersDestroyed(t), []resource.TestStep{{
		Config: cfg,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.dataiku_managed_folder.by_name", tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("x")})),
			statecheck.ExpectKnownValue("data.dataiku_managed_folder.by_id", tfjsonpath.New("name"), knownvalue.StringExact("beta")),
			statecheck.ExpectKnownValue("data.dataiku_managed_folder.by_id", tfjsonpath.New("partitioning").AtMapKey("dimensions"), knownvalue.ListSizeExact(0)),
			statecheck.ExpectKnownValue("data.dataiku_managed_folders.all", tfjsonpath.New("folders"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("alpha"), "path": knownvalue.StringExact(dss.DefaultManagedFolderPath)}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("beta")}),
			})),
		},
		Check: resource.TestCheckResourceAttrPair("data.dataiku_managed_folder.by_name", "id", "dataiku_managed_folder.a", "id"),
	}})
}

func TestParseManagedFolderImportID(t *testing.T) {
	key, id, err := project.ParseManagedFolderImportID("SALES.aB3dE5fG")
	if err != nil || key != "SALES" || id != "aB3dE5fG" {
		t.Fatalf("got %q %q %v", key, id, err)
	}
	for _, bad := range []string{"", "SALES", "SALES.", ".abc", "SALES.a.b", "SA-LES.abc", "SALES.ab/c"} {
		if _, _, err := project.ParseManagedFolderImportID(bad); err == nil || !strings.Contains(err.Error(), "PROJECT_KEY.folder_id") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
