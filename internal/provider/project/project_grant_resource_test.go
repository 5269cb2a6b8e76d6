package project_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const (
	testGrantAnalysts = "dataiku_project_grant.analysts"
	testGrantBob      = "dataiku_project_grant.bob"
)

// testGrantOutsider is the grant added outside Terraform that every apply
// and the destroy must keep as it is, with a right the schema does not
// know.
var testGrantOutsider = map[string]any{"group": "outsiders", "readProjectContent": true, "someFutureRight": true}

// testGrantSeed creates project key outside Terraform (owner admin) with
// the outsider's grant, grants, and a field of the permissions document
// the provider does not model.
func testGrantSeed(t *testing.T, key string, grants ...map[string]any) {
	t.Helper()
	acctest.ProjectOutside(t, key, "Grants")
	testEditProjectDoc(t, key, "permissions", func(m map[string]any) {
		all := []any{testGrantOutsider}
		for _, g := range grants {
			all = append(all, g)
		}
		m["permissions"] = all
		m["dashboardAuthorizations"] = map[string]any{"allAuthorized": true}
	})
}

// testGrantsInDSS is project key's grants as DSS holds them, by principal
// ("group:NAME", "user:LOGIN"), as JSON text, plus "owner" and "dash"
// (the dashboard authorizations); nil when the project is gone.
func testGrantsInDSS(t *testing.T, key string) map[string]string {
	t.Helper()
	var doc map[string]any
	err := acctest.Client(t).Get(acctest.Ctx(t), acctest.ProjectDocPath(key, "permissions"), nil, &doc)
	if dss.IsNotFound(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	text := func(v any) string {
		b, _ := json.Marshal(v)
		return string(b)
	}
	out := map[string]string{"owner": fmt.Sprint(doc["owner"]), "dash": text(doc["dashboardAuthorizations"])}
	grants, _ := doc["permissions"].([]any)
	for _, g := range grants {
		m, _ := g.(map[string]any)
		p := "user:" + fmt.Sprint(m["user"])
		if grp, ok := m["group"].(string); ok && grp != "" {
			p = "group:" + grp
		}
		out[p] = text(m)
	}
	return out
}

// testGrantsHold checks what DSS holds besides the grants want: the
// outsider's grant, the owner and the document's other field as seeded;
// want maps a principal to the flags its grant must hold ("" : none must
// exist), each "flag=value" ("flag=-": absent).
func testGrantsHold(t *testing.T, key string, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := testGrantsInDSS(t, key)
		outsider, _ := json.Marshal(testGrantOutsider)
		if got["group:outsiders"] != string(outsider) || got["owner"] != "admin" || got["dash"] != `{"allAuthorized":true}` {
			return fmt.Errorf("the outsider's grant, the owner or the dashboard authorizations changed: %v", got)
		}
		for p, flags := range want {
			g, held := got[p]
			if flags == "" {
				if held {
					return fmt.Errorf("DSS still holds a grant for %s: %s", p, g)
				}
				continue
			}
			if !held {
				return fmt.Errorf("DSS holds no grant for %s: %v", p, got)
			}
			var m map[string]any
			if err := json.Unmarshal([]byte(g), &m); err != nil {
				return err
			}
			for _, f := range strings.Fields(flags) {
				name, v, _ := strings.Cut(f, "=")
				if have, ok := m[name]; (v == "-" && ok) || (v != "-" && fmt.Sprint(have) != v) {
					return fmt.Errorf("DSS's grant for %s: %s = %v, want %s (%s)", p, name, have, v, g)
				}
			}
		}
		return nil
	}
}

// testGrantEdit changes principal's grant in project key outside
// Terraform; edit nil removes it.
func testGrantEdit(t *testing.T, key, principal string, edit func(map[string]any)) {
	t.Helper()
	testEditProjectDoc(t, key, "permissions", func(m map[string]any) {
		grants, _ := m["permissions"].([]any)
		kept := []any{}
		for _, g := range grants {
			gm, _ := g.(map[string]any)
			if "group:"+fmt.Sprint(gm["group"]) == principal || "user:"+fmt.Sprint(gm["user"]) == principal {
				if edit == nil {
					continue
				}
				edit(gm)
			}
			kept = append(kept, gm)
		}
		m["permissions"] = kept
	})
}

func testGrantConfig(key, group, groupFlags, bobFlags string) string {
	return fmt.Sprintf(`
resource "dataiku_project_grant" "analysts" {
  project_key = %[1]q
  group       = %[2]q
  %[3]s
}

resource "dataiku_project_grant" "bob" {
  project_key = %[1]q
  user        = "bob"
  %[4]s
}
`, key, group, groupFlags, bobFlags)
}

// testOneGrantHCL is dataiku_project_grant.analysts, for group analysts
// on project key, with flags (HCL attribute lines).
func testOneGrantHCL(key, flags string) string {
	return fmt.Sprintf("\nresource \"dataiku_project_grant\" \"analysts\" {\n  project_key = %q\n  group       = \"analysts\"\n  %s\n}\n", key, flags)
}

// testThreeGrants are the grants of groups team_a, team_b and team_c on
// project (an HCL expression), each reading the project's content.
var testThreeGrants = []string{"team_a", "team_b", "team_c"}

func testThreeGrantsHCL(project string) string {
	out := ""
	for _, g := range testThreeGrants {
		out += fmt.Sprintf("\nresource \"dataiku_project_grant\" %q {\n  project_key          = %s\n  group                = %q\n  read_project_content = true\n}\n", g, project, g)
	}
	return out
}

// testThreeGrantsLanded checks that DSS holds the three grants and owner.
func testThreeGrantsLanded(t *testing.T, key, owner string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := testGrantsInDSS(t, key)
		for _, g := range testThreeGrants {
			if !strings.Contains(got["group:"+g], `"readProjectContent":true`) {
				return fmt.Errorf("grant for %s lost: %v", g, got)
			}
		}
		if got["owner"] != owner {
			return fmt.Errorf("owner lost: %v, want %s", got, owner)
		}
		return nil
	}
}

// testGrantsDestroyed checks through the admin client that no grant of
// the state is left in DSS, and that the outsider's grant and the owner
// are.
func testGrantsDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "dataiku_project_grant" {
				continue
			}
			a := rs.Primary.Attributes
			p := "user:" + a["user"]
			if a["group"] != "" {
				p = "group:" + a["group"]
			}
			if testGrantsInDSS(t, a["project_key"]) == nil {
				continue // the project is gone
			}
			if err := testGrantsHold(t, a["project_key"], map[string]string{p: ""})(s); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestAccProjectGrant_lifecycle: a group's and a user's grant created on
// a project whose other grants, owner and other fields are DSS's; flags
// updated in place; the group changed (a name with dots and spaces)
// replaces the grant; imported by id and by identity; deleted and changed
// outside Terraform, restored. Every apply keeps what is not its own.
func TestAccProjectGrant_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_GRANT")
	testGrantSeed(t, key)
	base := testGrantConfig(key, "analysts", "read_project_content = true", "read_dashboards = true")
	updated := testGrantConfig(key, "analysts", "read_project_content = true\n  write_project_content = true", "read_dashboards = true")
	const lead = "analysts.team lead"
	replaced := testGrantConfig(key, lead, "read_project_content = true\n  write_project_content = true", "read_dashboards = true")
	all := "admin=false exportDatasetsData=false runScenarios=false executeApp=false editPermissions=- publishToDataCollections=-"
	acctest.Case(t, testGrantsDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: base,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testGrantAnalysts, "id", key+".group.analysts"),
				resource.TestCheckResourceAttr(testGrantBob, "id", key+".user.bob"),
				resource.TestCheckNoResourceAttr(testGrantBob, "group"),
				resource.TestCheckResourceAttr(testGrantBob, "read_project_content", "false"),
				resource.TestCheckNoResourceAttr(testGrantBob, "edit_permissions"),
				testGrantsHold(t, key, map[string]string{
					"group:analysts": "readProjectContent=true writeProjectContent=false " + all,
					"user:bob":       "readDashboards=true readProjectContent=false " + all,
				})),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           updated,
			ConfigPlanChecks: acctest.Plans(testGrantAnalysts, plancheck.ResourceActionUpdate),
			Check: testGrantsHold(t, key, map[string]string{
				"group:analysts": "readProjectContent=true writeProjectContent=true",
				"user:bob":       "readDashboards=true",
			}),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           replaced,
			ConfigPlanChecks: acctest.Plans(testGrantAnalysts, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testGrantAnalysts, "id", key+".group."+lead),
				testGrantsHold(t, key, map[string]string{
					"group:analysts": "",
					"group:" + lead:  "readProjectContent=true writeProjectContent=true",
					"user:bob":       "readDashboards=true",
				})),
		}),
		acctest.ImportVerifyStep(testGrantAnalysts, nil),
		acctest.ImportVerifyStep(testGrantBob, nil),
		acctest.ImportIdentityStep(t, testGrantAnalysts),
		acctest.ImportIdentityStep(t, testGrantBob),
		// Deleted outside Terraform: the plan creates it again.
		acctest.EmptyPlanAfter(acctest.DeletedOutsideStep(t, testGrantBob, replaced,
			func() error { testGrantEdit(t, key, "user:bob", nil); return nil },
			testGrantsHold(t, key, map[string]string{"user:bob": "readDashboards=true " + all}))),
		// Changed outside Terraform: the plan shows the update, the apply
		// restores the flags.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				testGrantEdit(t, key, "group:"+lead, func(g map[string]any) { g["writeProjectContent"], g["admin"] = false, true })
			},
			Config:           replaced,
			ConfigPlanChecks: acctest.Plans(testGrantAnalysts, plancheck.ResourceActionUpdate),
			Check: testGrantsHold(t, key, map[string]string{
				"group:" + lead: "readProjectContent=true writeProjectContent=true admin=false",
				"user:bob":      "readDashboards=true",
			}),
		}),
	})
	if err := testGrantsHold(t, key, map[string]string{"group:" + lead: "", "user:bob": ""})(nil); err != nil {
		t.Error(err)
	}
}

// TestAccProjectGrant_parallel: three grants of one project created in
// one apply (Terraform applies them in parallel) all land: each
// read-modify-write of the permissions document holds the project's lock.
// The project is Terraform's, created before them (they name it by
// reference); TestAccProjectGrant_withProjectOwner writes it at the same
// time.
func TestAccProjectGrant_parallel(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_GRANTPAR")
	cfg := fmt.Sprintf("resource \"dataiku_project\" \"p\" {\n  project_key = %q\n  name        = \"Grants\"\n  owner       = \"admin\"\n}\n", key) +
		testThreeGrantsHCL("dataiku_project.p.project_key")
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testGrantsDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{Config: cfg, Check: testThreeGrantsLanded(t, key, "admin")}),
	})
}

// TestAccProjectGrant_existing: a grant DSS already holds is refused on
// create with the import to run, and nothing is written; imported, an
// entry DSS wrote its own way (write without read, rights it lacks) plans
// empty and is left as it is; the project deleted outside Terraform
// removes the grant from the state.
func TestAccProjectGrant_existing(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_GRANTEX")
	seeded := map[string]any{"group": "analysts", "writeProjectContent": true, "readProjectContent": false}
	testGrantSeed(t, key, seeded)
	cfg := testOneGrantHCL(key, "write_project_content = true")
	asSeeded := testGrantsHold(t, key, map[string]string{
		"group:analysts": "writeProjectContent=true readProjectContent=false admin=- runScenarios=- editPermissions=-",
	})
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config: cfg,
			ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_project_grant "` + key + `\.group\.analysts".*already exists in\s+DSS.*` +
				`import.*` + key + `\.group\.analysts`),
		},
		{
			PreConfig: func() {
				if err := asSeeded(nil); err != nil {
					t.Fatal(err)
				}
			},
			Config:           acctest.ImportBlock(testGrantAnalysts, key+".group.analysts") + cfg,
			ConfigPlanChecks: acctest.Plans(testGrantAnalysts, plancheck.ResourceActionNoop),
			Check:            asSeeded,
		},
		acctest.EmptyPlanAfter(resource.TestStep{Config: cfg, Check: asSeeded}),
		acctest.ProjectDeletedStep(t, acctest.Client(t), key, testGrantAnalysts),
	})
}

// TestAccProjectGrant_nonAdmin: a key without admin rights on the project
// cannot read its permissions: DSS's refusal is quoted with the resource's
// address, and nothing is written.
func TestAccProjectGrant_nonAdmin(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_GRANTNA")
	testGrantSeed(t, key)
	acctest.RefusedToBob(t, testOneGrantHCL(key, "read_project_content = true"), regexp.MustCompile(`(?s)Cannot create dataiku_project_grant "`+key+`\.group\.analysts".*DSS answered:.*permissions`))
	if err := testGrantsHold(t, key, map[string]string{"group:analysts": ""})(nil); err != nil {
		t.Error(err)
	}
}

// TestAccProjectGrant_readError: a refresh whose read of the permissions
// is refused (DSS's 403) fails with DSS's answer and keeps the grant in
// the state: it is never taken for deleted. The next plan, with DSS
// answering again, changes nothing.
func TestAccProjectGrant_readError(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_GRANTRE")
	testGrantSeed(t, key)
	cfg := testOneGrantHCL(key, "read_project_content = true")
	acctest.Case(t, testGrantsDestroyed(t), []resource.TestStep{
		{Config: cfg},
		{
			PreConfig:   acctest.SetFaults(t, em, emulator.FaultRule{Method: "GET", PathRegex: "/projects/" + key + "/permissions$", Status: 403}),
			Config:      cfg,
			ExpectError: regexp.MustCompile(`(?s)Cannot read dataiku_project_grant "` + key + `\.group\.analysts".*DSS answered:.*403`),
		},
		{
			PreConfig:        func() { em.Server.ClearFaults() },
			Config:           cfg,
			ConfigPlanChecks: acctest.Plans(testGrantAnalysts, plancheck.ResourceActionNoop),
			Check:            testGrantsHold(t, key, map[string]string{"group:analysts": "readProjectContent=true"}),
		},
	})
}

// TestAccProjectGrant_withProjectOwner: dataiku_project's write of the
// permissions document (its owner) and three grants naming the project by
// its key (no dependency: Terraform applies all four at once) lose
// nothing: they take the same per-project lock.
func TestAccProjectGrant_withProjectOwner(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_GRANTOWN")
	project := func(owner string) string {
		return fmt.Sprintf("resource \"dataiku_project\" \"p\" {\n  project_key = %q\n  name        = \"Grants\"\n  owner       = %q\n}\n", key, owner)
	}
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testGrantsDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{Config: project("admin")},
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           project(acctest.BobLogin) + testThreeGrantsHCL(fmt.Sprintf("%q", key)),
			ConfigPlanChecks: acctest.Plans("dataiku_project.p", plancheck.ResourceActionUpdate),
			Check:            testThreeGrantsLanded(t, key, acctest.BobLogin),
		}),
	})
}
