package project_test

import (
	"context"
	"fmt"
	"reflect"
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

// testProjectDoc reads a project document as DSS sends it (wire names).
func testProjectDoc(t *testing.T, key, doc string) map[string]any {
	t.Helper()
	return acctest.RawDoc(t, acctest.ProjectDocPath(key, doc))
}

// testEditProjectDoc changes a project document outside Terraform.
func testEditProjectDoc(t *testing.T, key, doc string, edit func(m map[string]any)) {
	t.Helper()
	acctest.EditRawDoc(t, acctest.ProjectDocPath(key, doc), edit)
}

func testAccProjectFullConfig(key, name, tags, folder string) string {
	return fmt.Sprintf(`
resource "dataiku_project" "test" {
  project_key       = %q
  name              = %q
  description       = "Long *markdown* description"
  short_description = "One line"
  tags              = %s
  project_folder_id = %q

  permissions = [
    { group = "analysts", read_project_content = true, read_dashboards = true },
    { user = "bob", admin = true },
  ]

  standard_variables = { env = "test", n = 1 }
  local_variables    = jsonencode({ secret = "s3cr3t" })
}
`, key, name, tags, folder)
}

// Create, update in place (a custom metadata field set outside Terraform
// survives a name change), import with ImportStateVerify, replace on a key
// change, destroy.
func TestAccProject_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_LC")
	key2 := key + "_NEW"
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		{
			Config: testAccProjectFullConfig(key, "Sales", `["zeta", "alpha"]`, "ROOT"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("id"), knownvalue.StringExact(key)),
				statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("owner"), knownvalue.StringExact("admin")),
				statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("delete_managed_data"), knownvalue.Bool(false)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("dataiku_project.test", "tags.#", "2"),
				resource.TestCheckResourceAttr("dataiku_project.test", "permissions.#", "2"),
				func(*terraform.State) error {
					md := testProjectDoc(t, key, "metadata")
					if md["label"] != "Sales" || md["shortDesc"] != "One line" || md["description"] != "Long *markdown* description" {
						return fmt.Errorf("metadata in DSS: %v", md)
					}
					if fmt.Sprint(md["tags"]) != "[alpha zeta]" {
						return fmt.Errorf("tags in DSS: %v", md["tags"])
					}
					vars := testProjectDoc(t, key, "variables")
					if fmt.Sprint(vars["standard"]) != "map[env:test n:1]" || fmt.Sprint(vars["local"]) != "map[secret:s3cr3t]" {
						return fmt.Errorf("variables in DSS: %v", vars)
					}
					perms := testProjectDoc(t, key, "permissions")
					if n := len(perms["permissions"].([]any)); n != 2 {
						return fmt.Errorf("grants in DSS: %v", perms["permissions"])
					}
					return nil
				},
			),
		},
		{
			// A custom field set in DSS by someone else, then a rename.
			PreConfig: func() {
				testEditProjectDoc(t, key, "metadata", func(m map[string]any) {
					m["custom"] = map[string]any{"kv": map[string]any{"cost_center": "42"}}
					m["customFields"] = map[string]any{"domain": "finance"}
				})
			},
			Config: testAccProjectFullConfig(key, "Sales renamed", `["alpha", "zeta"]`, "ROOT"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("dataiku_project.test", plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("name"), knownvalue.StringExact("Sales renamed")),
				},
			},
			Check: func(*terraform.State) error {
				md := testProjectDoc(t, key, "metadata")
				if md["label"] != "Sales renamed" {
					return fmt.Errorf("label in DSS: %v", md["label"])
				}
				if fmt.Sprint(md["custom"]) != "map[kv:map[cost_center:42]]" || fmt.Sprint(md["customFields"]) != "map[domain:finance]" {
					return fmt.Errorf("custom metadata lost: %v / %v", md["custom"], md["customFields"])
				}
				return nil
			},
		},
		acctest.ImportVerifyStep("dataiku_project.test", acctest.ImportID(key)),
		acctest.ImportIdentityStep(t, "dataiku_project.test"),
		{
			Config: testAccProjectFullConfig(key2, "Sales renamed", `["alpha", "zeta"]`, "ROOT"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("dataiku_project.test", plancheck.ResourceActionDestroyBeforeCreate),
				},
			},
			Check: func(*terraform.State) error {
				if _, err := dss.ProjectMetadataDoc(key).Get(acctest.Ctx(t), acctest.Client(t)); !dss.IsNotFound(err) {
					return fmt.Errorf("old project %s should be gone after the replacement, got %w", key, err)
				}
				testProjectDoc(t, key2, "metadata")
				return nil
			},
		},
	})
}

func testAccProjectMinimalConfig(key, name string) string {
	return fmt.Sprintf(`
resource "dataiku_project" "test" {
  project_key = %q
  name        = %q
  tags        = ["b", "a"]
}
`, key, name)
}

// Changed outside Terraform: the plan shows exactly that change; deleted
// outside Terraform: the plan creates it again.
func TestAccProject_drift(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_DRIFT")
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		{Config: testAccProjectMinimalConfig(key, "Drift")},
		{
			PreConfig: func() {
				testEditProjectDoc(t, key, "metadata", func(m map[string]any) { m["label"] = "Renamed in the UI" })
			},
			Config: testAccProjectMinimalConfig(key, "Drift"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("dataiku_project.test", plancheck.ResourceActionUpdate),
				acctest.ExpectOnlyChanged{Addr: "dataiku_project.test", Attrs: []string{"name"}},
			}},
			Check: func(*terraform.State) error {
				if l := testProjectDoc(t, key, "metadata")["label"]; l != "Drift" {
					return fmt.Errorf("label after apply: %v", l)
				}
				return nil
			},
		},
		acctest.DeletedOutsideStep(t, "dataiku_project.test", testAccProjectMinimalConfig(key, "Drift"),
			func() error { return acctest.Client(t).DeleteProject(acctest.Ctx(t), key, dss.DeleteProjectOptions{}) },
			func(*terraform.State) error {
				testProjectDoc(t, key, "metadata")
				return nil
			}),
	})
}

func testAccProjectPermsConfig(key, grants string) string {
	return fmt.Sprintf(`
resource "dataiku_project" "test" {
  project_key = %q
  name        = "Perms"
  permissions = %s
}
`, key, grants)
}

// permissions set: a grant added outside Terraform is drift and the apply
// removes it, while a flag the schema does not know and the document's other
// fields survive.
func TestAccProject_permissionsAuthoritative(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_PERM")
	dashAuth := map[string]any{"allAuthorized": true, "authorizations": []any{map[string]any{"objectRef": map[string]any{"objectType": "DATASET", "objectId": "x"}}}}
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		{Config: testAccProjectPermsConfig(key, `[{ group = "analysts", read_project_content = true }]`)},
		{
			PreConfig: func() {
				testEditProjectDoc(t, key, "permissions", func(m map[string]any) {
					grants := m["permissions"].([]any)
					grants[0].(map[string]any)["editPermissions"] = true // a DSS 15 flag
					m["permissions"] = append(grants, map[string]any{"user": "bob", "admin": true})
					m["dashboardAuthorizations"] = dashAuth
					m["additionalDashboardUsers"] = map[string]any{"users": []any{map[string]any{"login": "carol"}}}
				})
			},
			Config: testAccProjectPermsConfig(key, `[{ group = "analysts", read_project_content = true }]`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("dataiku_project.test", plancheck.ResourceActionUpdate),
				acctest.ExpectOnlyChanged{Addr: "dataiku_project.test", Attrs: []string{"permissions"}},
			}},
			Check: func(*terraform.State) error {
				doc := testProjectDoc(t, key, "permissions")
				grants := doc["permissions"].([]any)
				if len(grants) != 1 {
					return fmt.Errorf("grants after apply: %v", grants)
				}
				g := grants[0].(map[string]any)
				if g["group"] != "analysts" || g["readProjectContent"] != true || g["editPermissions"] != true {
					return fmt.Errorf("analysts grant after apply: %v", g)
				}
				if !reflect.DeepEqual(doc["dashboardAuthorizations"], dashAuth) {
					return fmt.Errorf("dashboardAuthorizations lost: %v", doc["dashboardAuthorizations"])
				}
				if fmt.Sprint(doc["additionalDashboardUsers"]) != "map[users:[map[login:carol]]]" {
					return fmt.Errorf("additionalDashboardUsers lost: %v", doc["additionalDashboardUsers"])
				}
				return nil
			},
		},
		{
			Config: testAccProjectPermsConfig(key, `[
    { group = "analysts", read_project_content = true, write_project_content = true },
    { user = "alice", run_scenarios = true },
  ]`),
			Check: func(*terraform.State) error {
				grants := testProjectDoc(t, key, "permissions")["permissions"].([]any)
				if len(grants) != 2 {
					return fmt.Errorf("grants: %v", grants)
				}
				g := grants[0].(map[string]any)
				if g["writeProjectContent"] != true || g["editPermissions"] != true {
					return fmt.Errorf("analysts grant: %v", g)
				}
				if u := grants[1].(map[string]any); u["user"] != "alice" || u["runScenarios"] != true || u["admin"] != false {
					return fmt.Errorf("alice grant: %v", u)
				}
				return nil
			},
		},
		{
			// No grants at all.
			Config: testAccProjectPermsConfig(key, `[]`),
			Check: func(*terraform.State) error {
				if grants := testProjectDoc(t, key, "permissions")["permissions"].([]any); len(grants) != 0 {
					return fmt.Errorf("grants: %v", grants)
				}
				return nil
			},
		},
	})
}

// permissions null: Terraform never touches the permissions document.
func TestAccProject_permissionsUnmanaged(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_NOPERM")
	var snapshot map[string]any
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		{
			Config: testAccProjectMinimalConfig(key, "Unmanaged"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("permissions"), knownvalue.Null()),
				statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("project_folder_id"), knownvalue.Null()),
				statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("standard_variables"), knownvalue.Null()),
			},
		},
		{
			PreConfig: func() {
				testEditProjectDoc(t, key, "permissions", func(m map[string]any) {
					m["permissions"] = []any{map[string]any{"user": "bob", "readProjectContent": true, "editPermissions": true}}
					m["dashboardAuthorizations"] = map[string]any{"allAuthorized": true}
				})
				snapshot = testProjectDoc(t, key, "permissions")
			},
			Config:           testAccProjectMinimalConfig(key, "Unmanaged"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		{
			Config: testAccProjectMinimalConfig(key, "Unmanaged renamed"),
			Check: func(*terraform.State) error {
				if doc := testProjectDoc(t, key, "permissions"); !reflect.DeepEqual(doc, snapshot) {
					return fmt.Errorf("permissions changed:\n got %v\nwant %v", doc, snapshot)
				}
				return nil
			},
		},
	})
}

func testAccProjectFolderConfig(key, folder string) string {
	return fmt.Sprintf(`
resource "dataiku_project" "test" {
  project_key       = %q
  name              = "Folders"
  project_folder_id = %q
}
`, key, folder)
}

func testCheckProjectFolder(t *testing.T, key string, want *string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		f, err := acctest.Client(t).LocateProject(acctest.Ctx(t), key)
		if err != nil {
			return err
		}
		if f.ID != *want {
			return fmt.Errorf("project %s is in folder %s, want %s", key, f.ID, *want)
		}
		return nil
	}
}

// testProjectFolderOutside creates a project folder named name under ROOT
// through the admin client, deleted when the test ends.
func testProjectFolderOutside(t *testing.T, name string) *dss.ProjectFolder {
	t.Helper()
	c := acctest.Client(t)
	f, err := c.CreateProjectFolder(acctest.Ctx(t), "ROOT", name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteProjectFolder(context.Background(), f.ID) })
	return f
}

// Creation in a folder, moves in both directions, and a move outside
// Terraform shown as drift.
func TestAccProject_folders(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_FOLD")
	c := acctest.Client(t)
	f1, f2 := testProjectFolderOutside(t, "acc-"+key+"-1"), testProjectFolderOutside(t, "acc-"+key+"-2")
	root := "ROOT"
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		{Config: testAccProjectFolderConfig(key, f1.ID), Check: testCheckProjectFolder(t, key, &f1.ID)},
		{
			Config: testAccProjectFolderConfig(key, f2.ID),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("dataiku_project.test", plancheck.ResourceActionUpdate),
			}},
			Check: testCheckProjectFolder(t, key, &f2.ID),
		},
		{Config: testAccProjectFolderConfig(key, root), Check: testCheckProjectFolder(t, key, &root)},
		{Config: testAccProjectFolderConfig(key, f1.ID), Check: testCheckProjectFolder(t, key, &f1.ID)},
		{
			PreConfig: acctest.Must(t, func() error { return c.MoveProject(acctest.Ctx(t), f1.ID, key, f2.ID) }),
			Config:    testAccProjectFolderConfig(key, f1.ID),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: "dataiku_project.test", Attrs: []string{"project_folder_id"}},
			}},
			Check: testCheckProjectFolder(t, key, &f1.ID),
		},
	})
}

// A key that cannot see the project gets an error naming the missing
// rights, and the state is kept.
func TestAccProject_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_BOB")
	cfg := testAccProjectMinimalConfig(key, "Admin's")
	bobCfg := acctest.AsBob(cfg)
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		{Config: cfg},
		{
			Config:      bobCfg,
			ExpectError: regexp.MustCompile(`(?s)Cannot read dataiku_project.*Failed to read project\s+permissions.*lacks\s+a\s+project\s+permission`),
		},
		{
			// Back with the admin key: the project is still in state, with
			// nothing to change.
			Config:           cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            resource.TestCheckResourceAttr("dataiku_project.test", "id", key),
		},
	})
}

// Creating a project whose key exists is refused with advice to import.
func TestAccProject_existingKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_EXIST")
	acctest.ProjectOutside(t, key, "Existing")
	acctest.Case(t, nil, []resource.TestStep{{
		Config:      testAccProjectMinimalConfig(key, "Mine"),
		ExpectError: regexp.MustCompile(`(?s)already exists.*terraform import dataiku_project.<name>\s+` + key),
	}})
	if l := testProjectDoc(t, key, "metadata")["label"]; l != "Existing" {
		t.Fatalf("the existing project was changed: label %v", l)
	}
}

// An import block adopts an existing project with everything in DSS
// (grants, variables, folder) and gives an empty plan even with a minimal
// configuration.
func TestAccProject_importBlock(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_IMP")
	c := acctest.Client(t)
	err := c.CreateProject(acctest.Ctx(t), dss.CreateProjectRequest{ProjectKey: key, Name: "Imported", Owner: "alice",
		Tags: []string{"x"}, Permissions: []any{map[string]any{"group": "analysts", "readProjectContent": true}}}, "")
	if err != nil {
		t.Fatal(err)
	}
	testEditProjectDoc(t, key, "variables", func(m map[string]any) { m["standard"] = map[string]any{"a": 1} })
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{acctest.AdoptedAsIsStep("dataiku_project.test",
		acctest.ImportBlock("dataiku_project.test", key)+fmt.Sprintf(`
resource "dataiku_project" "test" {
  project_key = %q
  name        = "Imported"
  tags        = ["x"]
}
`, key),
		statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("owner"), knownvalue.StringExact("alice")),
		statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("project_folder_id"), knownvalue.StringExact("ROOT")),
		statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("permissions"), knownvalue.SetSizeExact(1)),
		statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("standard_variables"), knownvalue.ObjectExact(map[string]knownvalue.Check{"a": knownvalue.Int64Exact(1)})),
	)})
}

// A project whose name was emptied in DSS (its metadata call keeps an
// empty label) is adopted with name = "" and no change, then named in
// place; a new project with an empty name is refused at plan time, as DSS
// refuses it ("Missing project name").
func TestAccProject_emptyNameAdopted(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_NONAME")
	acctest.ProjectOutside(t, key, "Soon blank")
	testEditProjectDoc(t, key, "metadata", func(m map[string]any) { m["label"] = "" })
	cfg := func(name string) string {
		return fmt.Sprintf("resource \"dataiku_project\" \"test\" {\n  project_key = %q\n  name        = %q\n}\n", key, name)
	}
	acctest.Case(t, nil, []resource.TestStep{
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep("dataiku_project.test", acctest.ImportBlock("dataiku_project.test", key)+cfg(""),
			statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("name"), knownvalue.StringExact("")))),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           cfg("Named again"),
			ConfigPlanChecks: acctest.Plans("dataiku_project.test", plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				if l := testProjectDoc(t, key, "metadata")["label"]; l != "Named again" {
					return fmt.Errorf("label in DSS: %v", l)
				}
				return nil
			},
		}),
		{
			Config:      cfg("Named again") + strings.NewReplacer(`"test"`, `"new"`, key, key+"_NEW").Replace(cfg("")),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)A new project needs a name.*Missing project name`),
		},
	})
}

// Plan-time validation of the key and of grants.
func TestAccProject_validation(t *testing.T) {
	acctest.Parallel(t)
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config:      `resource "dataiku_project" "test" {` + "\n" + `project_key = "bad-key"` + "\n" + `name = "x"` + "\n}",
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`letters, digits and underscores`),
		},
		{
			Config: `resource "dataiku_project" "test" {
  project_key = "OK_KEY"
  name        = "x"
  permissions = [{ group = "g", user = "u" }]
}`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`one \(and only one\) of`),
		},
		{
			// A grant for nobody is refused, not dropped.
			Config: `resource "dataiku_project" "test" {
  project_key = "OK_KEY"
  name        = "x"
  permissions = [{ read_project_content = true }]
}`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Invalid project grant.*permissions.*one \(and only one\) of group\s+and\s+user:\s+this\s+grant\s+sets\s+0`),
		},
		{
			Config: `resource "dataiku_project" "test" {
  project_key        = "OK_KEY"
  name               = "x"
  standard_variables = jsonencode([1, 2])
}`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`must be an object`),
		},
		{
			Config: `resource "dataiku_project" "test" {
  project_key        = "OK_KEY"
  name               = "x"
  standard_variables = [1, 2]
}`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)standard_variables must be an object.*not a list`),
		},
	})
}

// projectRequests counts the requests the emulator served on project and
// folder routes (the provider's credentials check is not counted).
func projectRequests(t *testing.T) int64 {
	var n int64
	for route, c := range acctest.Emulator(t).Server.Stats().ByRoute {
		if strings.Contains(route, "/projects") || strings.Contains(route, "/project-folders") {
			n += c
		}
	}
	return n
}

// A refresh costs 2 requests (metadata, permissions) for name, description,
// tags and owner; permissions add none; variables and folder add 1 each.
func TestAccProject_refreshCost(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_COST")
	var before int64
	mark := func() { before = projectRequests(t) }
	expect := func(label string, want int64) resource.TestCheckFunc {
		return func(*terraform.State) error {
			got := projectRequests(t) - before
			t.Logf("refresh cost with %s: %d requests", label, got)
			if got != want {
				return fmt.Errorf("refresh with %s cost %d project requests, want %d", label, got, want)
			}
			return nil
		}
	}
	cfg := func(extra string) string {
		return fmt.Sprintf(`
resource "dataiku_project" "test" {
  project_key = %q
  name        = "Cost"
  description = "d"
  tags        = ["t"]
  owner       = "admin"
%s
}
`, key, extra)
	}
	perms := `  permissions = [{ group = "analysts", read_project_content = true }]`
	vars := perms + "\n  standard_variables = jsonencode({ a = 1 })"
	folder := vars + "\n  project_folder_id = \"ROOT\""
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		{Config: cfg("")},
		{PreConfig: mark, RefreshState: true, Check: expect("name, description, tags and owner", 2)},
		{Config: cfg(perms)},
		{PreConfig: mark, RefreshState: true, Check: expect("+ permissions", 2)},
		{Config: cfg(vars)},
		{PreConfig: mark, RefreshState: true, Check: expect("+ permissions + variables", 3)},
		{Config: cfg(folder)},
		{PreConfig: mark, RefreshState: true, Check: expect("+ permissions + variables + folder", 4)},
	})
}

// With no owner configured, the owner is the DSS user the API key acts as:
// for a global key, its associated user; a global key without one is
// refused before anything is written, asking for owner.
func TestAccProject_ownerFromGlobalKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_GOWN")
	keyNoUser := acctest.ProjectKey("ACC_GNONE")
	withKey := func(apiKey, cfg string) string {
		return fmt.Sprintf("provider \"dataiku\" {\n  api_key = %q\n}\n", apiKey) + cfg
	}
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		{
			Config: withKey(acctest.GlobalAliceKey, testAccProjectMinimalConfig(key, "Global")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("owner"), knownvalue.StringExact(acctest.AliceLogin)),
			},
			Check: func(*terraform.State) error {
				if o := testProjectDoc(t, key, "permissions")["owner"]; o != acctest.AliceLogin {
					return fmt.Errorf("owner in DSS: %v", o)
				}
				return nil
			},
		},
		{
			Config: withKey(acctest.GlobalNoUserKey, testAccProjectMinimalConfig(keyNoUser, "No user")),
			// Refused by the plan (TestAccProject_ownerNeededAtPlan).
			ExpectError: regexp.MustCompile(`(?s)dataiku_project "` + keyNoUser + `" needs an owner.*no\s+associated\s+DSS\s+user.*Set\s+owner`),
			Check: func(*terraform.State) error {
				return nil
			},
		},
		{
			// Nothing was created: the key is still free.
			PreConfig: func() {
				if _, err := dss.ProjectMetadataDoc(keyNoUser).Get(acctest.Ctx(t), acctest.Client(t)); !dss.IsNotFound(err) {
					t.Fatalf("project %s after the refused create: %v", keyNoUser, err)
				}
			},
			Config: withKey(acctest.GlobalNoUserKey, strings.Replace(testAccProjectMinimalConfig(keyNoUser, "No user"),
				"tags", "owner       = \"bob\"\n  tags", 1)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("owner"), knownvalue.StringExact(acctest.BobLogin)),
			},
		},
	})
}

// project_folder_id may reference a value unknown until apply (a folder
// created in the same apply): the plan keeps it unknown, creation places
// the project there, and a change to another unknown value moves it.
func TestAccProject_folderUnknownAtPlan(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_UFOLD")
	f1, f2 := testProjectFolderOutside(t, "acc-"+key+"-1"), testProjectFolderOutside(t, "acc-"+key+"-2")
	cfg := func(folder string) string {
		return fmt.Sprintf(`
resource "terraform_data" "folder" {
  input = %q
}

resource "dataiku_project" "test" {
  project_key       = %q
  name              = "Unknown folder"
  project_folder_id = terraform_data.folder.output
}
`, folder, key)
	}
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		{
			Config: cfg(f1.ID),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownValue("dataiku_project.test", tfjsonpath.New("project_folder_id")),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(testCheckProjectFolder(t, key, &f1.ID),
				resource.TestCheckResourceAttr("dataiku_project.test", "project_folder_id", f1.ID)),
		},
		{
			Config: cfg(f2.ID),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("dataiku_project.test", plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue("dataiku_project.test", tfjsonpath.New("project_folder_id")),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(testCheckProjectFolder(t, key, &f2.ID),
				resource.TestCheckResourceAttr("dataiku_project.test", "project_folder_id", f2.ID)),
		},
		{
			Config:           cfg(f2.ID),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	})
}
