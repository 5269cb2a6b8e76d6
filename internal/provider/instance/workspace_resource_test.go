package instance_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
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

const testWorkspaceAddr = "dataiku_workspace.test"

func testWorkspaceRaw(t *testing.T, key string) map[string]any {
	return acctest.RawDoc(t, dss.WorkspaceDoc(key).Path())
}

func testAccCheckWorkspacesDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_workspace", func(st *terraform.InstanceState) string { return dss.WorkspaceDoc(st.ID).Path() })
}

func testAccWorkspaceConfig(key, body string) string {
	return fmt.Sprintf("resource \"dataiku_workspace\" \"test\" {\n  workspace_key = %q\n%s}\n", key, body)
}

// testWorkspacePermissions is DSS's permission list of a workspace, as
// JSON text with sorted keys and entries (their order means nothing), for
// exact comparisons.
func testWorkspacePermissions(t *testing.T, key string) string {
	t.Helper()
	perms, _ := testWorkspaceRaw(t, key)["permissions"].([]any)
	entries := make([]string, len(perms))
	for i, p := range perms {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		entries[i] = string(b)
	}
	slices.Sort(entries)
	return "[" + strings.Join(entries, ",") + "]"
}

// testWorkspaceOwnEntry is the entry DSS gives the key's user on a
// workspace it creates, as testWorkspacePermissions prints it.
func testWorkspaceOwnEntry(t *testing.T) string {
	return `{"admin":true,"read":true,"user":"` + acctest.OwnLogin(t) + `","write":true}`
}

// testSetWorkspaceOwnEntry changes, outside Terraform, the flags of the
// admin key user's entry.
func testSetWorkspaceOwnEntry(t *testing.T, key string, flags map[string]any) {
	t.Helper()
	acctest.EditRawDoc(t, dss.WorkspaceDoc(key).Path(), func(w map[string]any) {
		perms, _ := w["permissions"].([]any)
		for _, p := range perms {
			if p := p.(map[string]any); p["user"] == acctest.OwnLogin(t) {
				maps.Copy(p, flags)
				return
			}
		}
		t.Fatalf("workspace %s holds no entry for %s: %v", key, acctest.OwnLogin(t), perms)
	})
}

// testWorkspaceGroupEntry checks a group's element of permissions.
func testWorkspaceGroupEntry(group string, admin, write, read bool) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{"group": knownvalue.StringExact(group), "user": knownvalue.Null(),
		"admin": knownvalue.Bool(admin), "write": knownvalue.Bool(write), "read": knownvalue.Bool(read)})
}

func TestAccWorkspace_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const key = "ACC_WS_LIFE"
	base := `  display_name = "Sales"
  description  = "For the sales team"
  permissions = [
    { group = "ws_members", admin = false, write = false, read = true },
    { group = "ws_contributors", admin = false, write = true, read = true },
  ]
`
	renamed := testAccWorkspaceConfig(key, `  display_name = "Sales team"
  description  = "For the sales team"
  permissions = [
    { group = "ws_members", admin = false, write = false, read = true },
    { group = "ws_contributors", admin = false, write = true, read = true },
  ]
`)
	// emea is the configuration with DSS's entry of writers without read,
	// plus more entries.
	emea := func(more string) string {
		return testAccWorkspaceConfig(key, `  display_name = "Sales (EMEA)"
  color        = "#123abc"
  permissions = [
    { group = "ws_members", admin = false, write = false, read = true },
    { group = "ws_contributors", admin = false, write = true, read = false },
`+more+`  ]
`)
	}
	// permissionsAre checks DSS's permission list, after what.
	permissionsAre := func(what, want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := testWorkspacePermissions(t, key); got != want {
				return fmt.Errorf("%s: permissions in DSS %s, want %s", what, got, want)
			}
			return nil
		}
	}
	var color string
	acctest.Case(t, testAccCheckWorkspacesDestroyed(t), []resource.TestStep{
		{
			// Created without a color (DSS picks one) and with permissions
			// that leave out the creator: DSS's entry for the key's user
			// stays in DSS (the key keeps administering what it created),
			// out of the state, and the plan that follows is empty.
			Config: testAccWorkspaceConfig(key, base) + `
data "dataiku_workspace" "test" {
  workspace_key = dataiku_workspace.test.workspace_key
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testWorkspaceAddr, tfjsonpath.New("id"), knownvalue.StringExact(key)),
				statecheck.ExpectKnownValue(testWorkspaceAddr, tfjsonpath.New("color"), knownvalue.StringRegexp(regexp.MustCompile(`^#[0-9a-f]{6}$`))),
				statecheck.ExpectKnownValue(testWorkspaceAddr, tfjsonpath.New("permissions"), knownvalue.SetExact([]knownvalue.Check{
					testWorkspaceGroupEntry("ws_members", false, false, true), testWorkspaceGroupEntry("ws_contributors", false, true, true),
				})),
				statecheck.ExpectKnownValue("data.dataiku_workspace.test", tfjsonpath.New("display_name"), knownvalue.StringExact("Sales")),
				// The data source shows every entry, the key user's included.
				statecheck.ExpectKnownValue("data.dataiku_workspace.test", tfjsonpath.New("permissions"), knownvalue.SetSizeExact(3)),
			},
			Check: func(*terraform.State) error {
				w := testWorkspaceRaw(t, key)
				color, _ = w["color"].(string)
				want := `[{"admin":false,"group":"ws_contributors","read":true,"write":true},{"admin":false,"group":"ws_members","read":true,"write":false},` + testWorkspaceOwnEntry(t) + `]`
				if got := testWorkspacePermissions(t, key); got != want || w["displayName"] != "Sales" || w["description"] != "For the sales team" {
					return fmt.Errorf("workspace in DSS: %v; permissions %s, want %s", w, got, want)
				}
				return nil
			},
		},
		{
			// Changed outside Terraform: the name, an entry's flags and a new
			// entry are repaired; an unmodelled key survives the write, and
			// the color DSS picked stays.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.WorkspaceDoc(key).Path(), func(w map[string]any) {
					w["displayName"] = "Renamed in DSS"
					w["customField"] = json.RawMessage(`{"budget":9007199254740993}`)
					perms, _ := w["permissions"].([]any)
					for _, p := range perms {
						if p := p.(map[string]any); p["group"] == "ws_members" {
							p["write"] = true
						}
					}
					w["permissions"] = append(perms, map[string]any{"user": "intruder", "admin": true, "write": true, "read": true})
				})
			},
			Config: renamed,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testWorkspaceAddr, Attrs: []string{"display_name", "permissions"}},
			}},
			Check: func(*terraform.State) error {
				var raw struct {
					DisplayName string `json:"displayName"`
					Color       string `json:"color"`
					CustomField struct {
						Budget json.Number `json:"budget"`
					} `json:"customField"`
				}
				if err := acctest.Client(t).Get(acctest.Ctx(t), dss.WorkspaceDoc(key).Path(), nil, &raw); err != nil {
					return err
				}
				want := `[{"admin":false,"group":"ws_contributors","read":true,"write":true},{"admin":false,"group":"ws_members","read":true,"write":false},` + testWorkspaceOwnEntry(t) + `]`
				if got := testWorkspacePermissions(t, key); got != want || raw.DisplayName != "Sales team" || raw.Color != color || raw.CustomField.Budget != "9007199254740993" {
					return fmt.Errorf("after the update: %+v, permissions %s (want color %s, permissions %s)", raw, got, color, want)
				}
				return nil
			},
		},
		{
			// The key user's own entry, not configured, changed outside
			// Terraform: the plan shows it (only its permissions change) and
			// the apply gives it back its three flags.
			PreConfig: func() { testSetWorkspaceOwnEntry(t, key, map[string]any{"admin": false, "write": false, "read": true}) },
			Config:    renamed,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testWorkspaceAddr, Attrs: []string{"permissions"}},
			}},
			Check: permissionsAre("after the repair of the key user's entry",
				`[{"admin":false,"group":"ws_contributors","read":true,"write":true},{"admin":false,"group":"ws_members","read":true,"write":false},`+testWorkspaceOwnEntry(t)+`]`),
		},
		acctest.ImportVerifyStep(testWorkspaceAddr, acctest.ImportID(key)),
		acctest.ImportIdentityStep(t, testWorkspaceAddr),
		{
			// An entry as DSS may hold it (write without read, no admin key)
			// and no description: the configuration that says the same plans
			// only the name's change, whose write leaves both as they are.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.WorkspaceDoc(key).Path(), func(w map[string]any) {
					delete(w, "description")
					perms, _ := w["permissions"].([]any)
					for i, p := range perms {
						if p.(map[string]any)["group"] == "ws_contributors" {
							perms[i] = map[string]any{"group": "ws_contributors", "write": true, "since": "2024"}
						}
					}
				})
			},
			Config: emea(""),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testWorkspaceAddr, Attrs: []string{"display_name", "color"}},
			}},
			Check: func(*terraform.State) error {
				w := testWorkspaceRaw(t, key)
				want := `[{"admin":false,"group":"ws_members","read":true,"write":false},` + testWorkspaceOwnEntry(t) + `,{"group":"ws_contributors","since":"2024","write":true}]`
				if _, has := w["description"]; has || w["color"] != "#123abc" || testWorkspacePermissions(t, key) != want {
					return fmt.Errorf("after the update: %v, want permissions %s", w, want)
				}
				return nil
			},
		},
		{
			// The key's user listed: its entry is managed like any other,
			// read into the state and written as configured.
			Config: emea(`    { user = "` + acctest.OwnLogin(t) + `", admin = false, write = true, read = true },
`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testWorkspaceAddr, Attrs: []string{"permissions"}},
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testWorkspaceAddr, tfjsonpath.New("permissions"), knownvalue.SetSizeExact(3)),
			},
			Check: permissionsAre("with the key's user listed",
				`[{"admin":false,"group":"ws_members","read":true,"write":false},{"admin":false,"read":true,"user":"`+acctest.OwnLogin(t)+`","write":true},{"group":"ws_contributors","since":"2024","write":true}]`),
		},
		{
			// No longer listed: the entry is DSS's again, with the three
			// flags DSS gives it at creation, and out of the state.
			Config: emea(""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testWorkspaceAddr, tfjsonpath.New("permissions"), knownvalue.SetSizeExact(2)),
			},
			Check: permissionsAre("with the key's user no longer listed",
				`[{"admin":false,"group":"ws_members","read":true,"write":false},`+testWorkspaceOwnEntry(t)+`,{"group":"ws_contributors","since":"2024","write":true}]`),
		},
		{
			// A new key: DSS cannot change it, so the workspace is replaced.
			Config: testAccWorkspaceConfig(key+"_2", `  display_name = "Sales"
`),
			ConfigPlanChecks: acctest.Plans(testWorkspaceAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: func(*terraform.State) error {
				if testDocExists(t, dss.WorkspaceDoc(key).Path()) {
					return fmt.Errorf("the old workspace %s still exists", key)
				}
				if w := testWorkspaceRaw(t, key+"_2"); w["displayName"] != "Sales" {
					return fmt.Errorf("new workspace: %v", w)
				}
				return nil
			},
		},
	})
}

// A workspace made elsewhere, as DSS may hold it (an entry DSS added for
// its creator, flags not normalised, no description), is adopted with an
// empty plan, the key user's own entry left out of the state as after a
// create; deleted outside Terraform, it is created again, and with
// permissions not configured, DSS's entries are left alone.
func TestAccWorkspace_importBlockAndDeletedOutside(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const key = "ACC_WS_IMP"
	c := acctest.Client(t)
	create := func() error {
		return c.CreateWorkspace(acctest.Ctx(t), dss.WorkspaceCreate{Key: key, DisplayName: "Made elsewhere",
			Permissions: &[]dss.WorkspacePermission{{Group: "ws_readers", Write: new(true)}}})
	}
	acctest.Must(t, create)()
	t.Cleanup(func() { _ = c.DeleteWorkspace(acctest.Ctx(t), key) })
	resourceCfg := testAccWorkspaceConfig(key, "  display_name = \"Made elsewhere\"\n")
	importCfg := acctest.ImportBlock(testWorkspaceAddr, key) + resourceCfg
	before := testWorkspacePermissions(t, key)
	if !strings.Contains(before, testWorkspaceOwnEntry(t)) {
		t.Fatalf("DSS gave the creator no entry of its own: %s", before)
	}
	acctest.Case(t, testAccCheckWorkspacesDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(testWorkspaceAddr, importCfg,
			statecheck.ExpectKnownValue(testWorkspaceAddr, tfjsonpath.New("permissions"), knownvalue.SetExact([]knownvalue.Check{
				testWorkspaceGroupEntry("ws_readers", false, true, false),
			})),
			statecheck.ExpectKnownValue(testWorkspaceAddr, tfjsonpath.New("description"), knownvalue.StringExact(""))),
		{
			// The import wrote nothing.
			Config: resourceCfg,
			Check: func(*terraform.State) error {
				if got := testWorkspacePermissions(t, key); got != before {
					return fmt.Errorf("permissions changed by the import: %s, were %s", got, before)
				}
				return nil
			},
		},
		acctest.DeletedOutsideStep(t, testWorkspaceAddr, resourceCfg,
			func() error { return c.DeleteWorkspace(acctest.Ctx(t), key) },
			func(s *terraform.State) error {
				w := testWorkspaceRaw(t, key)
				if w["displayName"] != "Made elsewhere" {
					return fmt.Errorf("workspace %s was not created again: %v", key, w)
				}
				if perms := s.RootModule().Resources[testWorkspaceAddr].Primary.Attributes["permissions.#"]; perms != "" {
					return fmt.Errorf("unmanaged permissions in the state: %s entries", perms)
				}
				return nil
			}),
	})
}

// A non-admin key's creation gets DSS's refusal, with the address; no
// workspace is created.
func TestAccWorkspace_nonAdminKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	acctest.RefusedToBob(t, testAccWorkspaceConfig("ACC_WS_BOB", "  display_name = \"Bob's\"\n"),
		regexp.MustCompile(`(?s)with dataiku_workspace.test.*POST /public/api/workspaces/: 403.*You may not create\s+workspaces`))
	if testDocExists(t, dss.WorkspaceDoc("ACC_WS_BOB").Path()) {
		t.Fatal("the workspace was created")
	}
}

// A refresh of a workspace costs its settings' GET alone: the key's user,
// whose entry the read leaves out, is the one the provider's
// configuration learnt.
func TestAccWorkspace_refreshCost(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	acctest.Case(t, testAccCheckWorkspacesDestroyed(t), []resource.TestStep{
		{Config: testAccWorkspaceConfig("ACC_WS_COST", `  display_name = "Cost"
  permissions  = [{ group = "ws_members", admin = false, write = false, read = true }]
`)},
		acctest.RefreshCostStep(t, em, "1 API call (the settings)", map[string]int64{"GET /public/api/workspaces/{workspaceKey}": 1}),
	})
}
