package project_test

import (
	"fmt"
	"regexp"
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

const codeStudioAddr = "dataiku_code_studio.test"

// testCodeStudioTemplates seeds the test's emulator with the templates
// the tests name (DSS's API cannot create them).
func testCodeStudioTemplates(t *testing.T) {
	t.Helper()
	em := acctest.RequireEmulator(t)
	if err := em.Server.SetCodeStudioTemplates([]map[string]any{
		{"id": "vscode", "label": "VS Code"},
		{"id": "jupyter", "label": "JupyterLab"},
	}); err != nil {
		t.Fatal(err)
	}
}

// testCodeStudio reads a studio's settings as DSS holds them.
func testCodeStudio(t *testing.T, key, id string) *dss.CodeStudio {
	t.Helper()
	cs, err := acctest.Client(t).GetCodeStudio(acctest.Ctx(t), key, id)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// testCodeStudioIDs lists the ids of a project's studios named name.
func testCodeStudioIDs(t *testing.T, key, name string) []string {
	t.Helper()
	studios, err := acctest.Client(t).ListCodeStudios(acctest.Ctx(t), key)
	return acctest.IDsNamed(t, studios, err, name, func(cs dss.CodeStudio) (string, string) { return cs.Name, cs.ID })
}

// testCheckCodeStudiosDestroyed asserts through the admin client that
// every studio of the state is gone.
func testCheckCodeStudiosDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckProjectObjectsGone(t, "dataiku_code_studio", dss.CodeStudioPath)
}

// testCodeStudioOutside creates a studio through the admin client, as
// dataikuapi's create_code_studio would.
func testCodeStudioOutside(t *testing.T, key, name, template string) string {
	t.Helper()
	id, err := acctest.Client(t).CreateCodeStudio(acctest.Ctx(t), key, name, template)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func testAccCodeStudioConfig(key, project, studio string) string {
	return testTwoProjectsConfig(key, "Studios") + fmt.Sprintf(`
resource "dataiku_code_studio" "test" {
  project_key = dataiku_project.%[1]s.project_key
%[2]s
}
`, project, studio)
}

// Create (owned by the key's user, stopped), the owner changed in place,
// import by ID and by identity, an owner changed outside Terraform
// repaired, and the replacements DSS's missing PUT imposes: another
// name, another template, another project.
func TestAccCodeStudio_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	testCodeStudioTemplates(t)
	key := acctest.ProjectKey("ACC_CS")
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	var studioID string
	replaced := func(name, template, project string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			id := s.RootModule().Resources[codeStudioAddr].Primary.ID
			if id == studioID {
				return fmt.Errorf("the studio kept its id %s: it was not replaced", id)
			}
			if _, err := c.GetCodeStudio(ctx, key, studioID); !dss.IsNotFound(err) {
				return fmt.Errorf("the replaced studio %s: %w, want it gone", studioID, err)
			}
			studioID = id
			if cs := testCodeStudio(t, project, id); cs.Name != name || cs.TemplateID != template {
				return fmt.Errorf("the new studio in DSS: %+v", cs)
			}
			return nil
		}
	}
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testCheckCodeStudiosDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: testAccCodeStudioConfig(key, "one", `  name        = "ide"
  template_id = "vscode"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(codeStudioAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{8}$`))),
				statecheck.ExpectKnownValue(codeStudioAddr, tfjsonpath.New("owner"), knownvalue.StringExact("admin")),
			},
			Check: func(s *terraform.State) error {
				studioID = s.RootModule().Resources[codeStudioAddr].Primary.ID
				cs := testCodeStudio(t, key, studioID)
				if cs.Name != "ide" || cs.TemplateID != "vscode" || cs.Owner != "admin" || cs.LibName == "" ||
					s.RootModule().Resources[codeStudioAddr].Primary.Attributes["lib_name"] != cs.LibName {
					return fmt.Errorf("studio in DSS: %+v", cs)
				}
				status, err := c.GetCodeStudioStatus(ctx, key, studioID)
				if err != nil || status.State != dss.CodeStudioStopped {
					return fmt.Errorf("a new studio's status: %+v, %w; want it stopped", status, err)
				}
				return nil
			},
		},
		{
			// In place: another owner, through change-owner.
			Config: testAccCodeStudioConfig(key, "one", `  name        = "ide"
  template_id = "vscode"
  owner       = "bob"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: codeStudioAddr, Attrs: []string{"owner"}},
			}},
			Check: func(s *terraform.State) error {
				if id := s.RootModule().Resources[codeStudioAddr].Primary.ID; id != studioID {
					return fmt.Errorf("the studio was recreated: id %s, was %s", id, studioID)
				}
				if cs := testCodeStudio(t, key, studioID); cs.Owner != "bob" || cs.Name != "ide" {
					return fmt.Errorf("after the owner change: %+v", cs)
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(codeStudioAddr, acctest.ProjectObjectImportID(codeStudioAddr)),
		acctest.ImportIdentityStep(t, codeStudioAddr),
		{
			// Changed outside Terraform: the owner drifts back to admin;
			// the plan shows it and the apply gives the studio to bob again.
			PreConfig: acctest.Must(t, func() error { return c.ChangeCodeStudioOwner(ctx, key, studioID, "admin") }),
			Config: testAccCodeStudioConfig(key, "one", `  name        = "ide"
  template_id = "vscode"
  owner       = "bob"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: codeStudioAddr, Attrs: []string{"owner"}},
			}},
			Check: func(*terraform.State) error {
				if cs := testCodeStudio(t, key, studioID); cs.Owner != "bob" {
					return fmt.Errorf("after the repair: %+v", cs)
				}
				return nil
			},
		},
		{
			// The owner left to DSS: no change, whoever owns it.
			Config: testAccCodeStudioConfig(key, "one", `  name        = "ide"
  template_id = "vscode"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		{
			// DSS cannot rename a studio: another name replaces it.
			Config: testAccCodeStudioConfig(key, "one", `  name        = "ide v2"
  template_id = "vscode"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(codeStudioAddr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: replaced("ide v2", "vscode", key),
		},
		{
			Config: testAccCodeStudioConfig(key, "one", `  name        = "ide v2"
  template_id = "jupyter"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(codeStudioAddr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: replaced("ide v2", "jupyter", key),
		},
		{
			Config: testAccCodeStudioConfig(key, "two", `  name        = "ide v2"
  template_id = "jupyter"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(codeStudioAddr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: func(s *terraform.State) error {
				if ids := testCodeStudioIDs(t, key, "ide v2"); len(ids) != 0 {
					return fmt.Errorf("the old studio is still in %s: %v", key, ids)
				}
				if ids := testCodeStudioIDs(t, key+"_2", "ide v2"); len(ids) != 1 || ids[0] != s.RootModule().Resources[codeStudioAddr].Primary.ID {
					return fmt.Errorf("studios in %s_2: %v", key, ids)
				}
				return nil
			},
		},
	})
}

// A studio adopted with an import block plans no change; one deleted
// outside Terraform is created again. A studio whose name another has is
// created beside it: DSS does not keep names unique.
func TestAccCodeStudio_importBlockAndDeletedOutside(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	testCodeStudioTemplates(t)
	key := acctest.ProjectKey("ACC_CSIMP")
	c := acctest.ProjectOutside(t, key, "Adopted studios")
	id := testCodeStudioOutside(t, key, "notebooks", "jupyter")
	resourceCfg := fmt.Sprintf(`resource "dataiku_code_studio" "test" {
  project_key = %q
  name        = "notebooks"
  template_id = "jupyter"
}
`, key)
	twin := fmt.Sprintf(`resource "dataiku_code_studio" "twin" {
  project_key = %q
  name        = "notebooks"
  template_id = "vscode"
}
`, key)
	acctest.Case(t, testCheckCodeStudiosDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(codeStudioAddr, acctest.ImportBlock(codeStudioAddr, key+"."+id)+resourceCfg,
			statecheck.ExpectKnownValue(codeStudioAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
			statecheck.ExpectKnownValue(codeStudioAddr, tfjsonpath.New("owner"), knownvalue.StringExact("admin"))),
		acctest.DeletedOutsideStep(t, codeStudioAddr, resourceCfg,
			func() error { return c.DeleteCodeStudio(acctest.Ctx(t), key, id) },
			func(s *terraform.State) error {
				return acctest.OnlyStateID(s, codeStudioAddr, "studios named notebooks", testCodeStudioIDs(t, key, "notebooks"), id)
			}),
		twinStep(resourceCfg+twin, codeStudioAddr, "dataiku_code_studio.twin", "studios named notebooks", func() []string { return testCodeStudioIDs(t, key, "notebooks") }),
	})
}

// A lost answer to the create POST adopts the one studio with the planned
// name that was not there before it: not the older studio of the same
// name.
func TestAccCodeStudio_lostPostRecovered(t *testing.T) {
	acctest.Parallel(t)
	testCodeStudioTemplates(t)
	key := acctest.ProjectKey("ACC_CSLOST")
	testLostPostByName(t, lostPostByName{key: key, collection: "code-studios", addr: codeStudioAddr, what: "studios",
		outside: func(name string) string { return testCodeStudioOutside(t, key, name, "vscode") },
		config: func(name string) string {
			return fmt.Sprintf(`resource "dataiku_code_studio" "test" {
  project_key = %q
  name        = %q
  template_id = "vscode"
}
`, key, name)
		},
		ids:       func(name string) []string { return testCodeStudioIDs(t, key, name) },
		destroyed: testCheckCodeStudiosDestroyed(t)})
}

// A key without rights on the project is refused by DSS, quoted with the
// resource's address, and nothing is created.
func TestAccCodeStudio_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	testCodeStudioTemplates(t)
	key := acctest.ProjectKey("ACC_CSBOB")
	acctest.ProjectOutside(t, key, "Admin's")
	acctest.RefusedToBob(t, fmt.Sprintf(`resource "dataiku_code_studio" "test" {
  project_key = %q
  name        = "bobs"
  template_id = "vscode"
}
`, key),
		regexp.MustCompile(`(?s)Cannot create dataiku_code_studio "bobs" in project `+key+`.*UnauthorizedException`))
	acctest.NoneInDSS(t, "studios named bobs", testCodeStudioIDs(t, key, "bobs"))
}

// A template DSS does not hold fails the create with DSS's message naming
// it, and nothing is created; a blank name is refused at plan time.
func TestAccCodeStudio_badInput(t *testing.T) {
	acctest.Parallel(t)
	testCodeStudioTemplates(t)
	key := acctest.ProjectKey("ACC_CSBAD")
	acctest.ProjectOutside(t, key, "Bad studios")
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config: fmt.Sprintf(`resource "dataiku_code_studio" "test" {
  project_key = %q
  name        = "ide"
  template_id = "no-such-template"
}
`, key),
			ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_code_studio "ide".*Code\s+studio\s+template\s+no-such-template\s+does\s+not\s+exist`),
		},
		{
			Config: fmt.Sprintf(`resource "dataiku_code_studio" "test" {
  project_key = %q
  name        = "  "
  template_id = "vscode"
}
`, key),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)name.*must not be blank`),
		},
	})
	acctest.NoneInDSS(t, "studios named ide", testCodeStudioIDs(t, key, "ide"))
}

// A create whose owner DSS refuses (no such user) fails after the studio
// exists: the state keeps it, tainted (the kit's rule for a create whose
// follow-up write failed), and the next apply, with an owner DSS knows,
// replaces it: no orphan is left, and DSS holds one studio, the state's,
// given to that owner.
func TestAccCodeStudio_partialCreateRepaired(t *testing.T) {
	acctest.Parallel(t)
	testCodeStudioTemplates(t)
	key := acctest.ProjectKey("ACC_CSPART")
	acctest.ProjectOutside(t, key, "Partial studios")
	cfg := func(owner string) string {
		return fmt.Sprintf(`resource "dataiku_code_studio" "test" {
  project_key = %q
  name        = "ide"
  template_id = "vscode"
  owner       = %q
}
`, key, owner)
	}
	var first []string
	acctest.Case(t, testCheckCodeStudiosDestroyed(t), []resource.TestStep{
		{
			Config:      cfg("ghost"),
			ExpectError: regexp.MustCompile(`(?s)dataiku_code_studio.*User\s+ghost\s+does\s+not\s+exist`),
		},
		{
			PreConfig: func() {
				if first = testCodeStudioIDs(t, key, "ide"); len(first) != 1 {
					t.Fatalf("after the failed owner change DSS holds studios %v, want the one created", first)
				}
			},
			Config: cfg("bob"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(codeStudioAddr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: func(s *terraform.State) error {
				if err := acctest.OnlyStateID(s, codeStudioAddr, "studios named ide", testCodeStudioIDs(t, key, "ide"), first[0]); err != nil {
					return err
				}
				if cs := testCodeStudio(t, key, s.RootModule().Resources[codeStudioAddr].Primary.ID); cs.Owner != "bob" {
					return fmt.Errorf("the studio after the repair: %+v, want it given to bob", cs)
				}
				return nil
			},
		},
	})
}

func TestAccCodeStudioDataSource(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	testCodeStudioTemplates(t)
	key := acctest.ProjectKey("ACC_CSDS")
	cfg := fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "Studio data sources"
}

resource "dataiku_code_studio" "a" {
  project_key = dataiku_project.p.project_key
  name        = "alpha"
  template_id = "vscode"
}

resource "dataiku_code_studio" "b" {
  project_key = dataiku_project.p.project_key
  name        = "beta"
  template_id = "jupyter"
  owner       = "bob"
}
`, key) + readBothWaysConfig("dataiku_code_studio")
	twin := `
resource "dataiku_code_studio" "twin" {
  project_key = dataiku_project.p.project_key
  name        = "alpha"
  template_id = "jupyter"
}
`
	acctest.Case(t, testCheckCodeStudiosDestroyed(t), []resource.TestStep{
		{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.dataiku_code_studio.by_name", tfjsonpath.New("template_id"), knownvalue.StringExact("vscode")),
				statecheck.ExpectKnownValue("data.dataiku_code_studio.by_name", tfjsonpath.New("state"), knownvalue.StringExact("STOPPED")),
				statecheck.ExpectKnownValue("data.dataiku_code_studio.by_id", tfjsonpath.New("name"), knownvalue.StringExact("beta")),
				statecheck.ExpectKnownValue("data.dataiku_code_studio.by_id", tfjsonpath.New("owner"), knownvalue.StringExact("bob")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrPair("data.dataiku_code_studio.by_name", "id", "dataiku_code_studio.a", "id"),
				resource.TestCheckResourceAttrPair("data.dataiku_code_studio.by_id", "lib_name", "dataiku_code_studio.b", "lib_name"),
			),
		},
		// Two studios named alpha: the name no longer says which.
		twoNamedStep(cfg+twin, "code studios"),
	})
}

// dataiku_code_studio_restart and dataiku_code_studio_stop, triggered by
// a terraform_data: each sends DSS's call once per trigger and follows
// its future; the studio is running after the restart and stopped after
// the stop; an unknown studio fails with DSS's message.
func TestAccCodeStudioActions(t *testing.T) {
	acctest.RequireActionsTerraform(t)
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	testCodeStudioTemplates(t)
	key := acctest.ProjectKey("ACC_CSACT")
	acctest.ProjectOutside(t, key, "Studio actions")
	id := testCodeStudioOutside(t, key, "ide", "vscode")
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	calls := func(what string) int64 {
		return em.Server.Stats().ByRoute["POST /public/api/projects/{projectKey}/code-studios/{codeStudioId}/"+what]
	}
	action := func(typ, name string) string {
		return fmt.Sprintf("\naction %q %q {\n  config {\n    project_key    = %q\n    code_studio_id = %q\n  }\n}\n", typ, name, key, id)
	}
	config := func(kind, release string) string {
		return action("dataiku_code_studio_restart", "start") + action("dataiku_code_studio_stop", "stop") + fmt.Sprintf(`
resource "terraform_data" "release" {
  input = %q
  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.dataiku_code_studio_%s]
    }
  }
}
`, release, kind)
	}
	expect := func(restarts, stops int64, state string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if r, s := calls("restart"), calls("stop"); r != restarts || s != stops {
				return fmt.Errorf("DSS got %d restarts and %d stops, want %d and %d", r, s, restarts, stops)
			}
			status, err := c.GetCodeStudioStatus(ctx, key, id)
			if err != nil || status.State != state {
				return fmt.Errorf("the studio's status: %+v, %w; want %s", status, err, state)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps: []resource.TestStep{
			{Config: config("restart.start", "1"), Check: expect(1, 0, dss.CodeStudioRunning)},
			// Unchanged: no event, nothing sent.
			{Config: config("restart.start", "1"), Check: expect(1, 0, dss.CodeStudioRunning)},
			{Config: config("stop.stop", "2"), Check: expect(1, 1, dss.CodeStudioStopped)},
		},
	})
	acctest.InvokeAction(t, action("dataiku_code_studio_restart", "start"), "dataiku_code_studio_restart.start", true, "an invoked restart",
		"Code studio "+key+"."+id+": starting (DSS task ", "Code studio "+key+"."+id+": done")
	if n := calls("restart"); n != 2 {
		t.Fatalf("%d restarts after the invoke, want 2", n)
	}
	// A user without rights on the project: DSS's refusal, nothing sent
	// further.
	acctest.InvokeAction(t, acctest.AsBob(action("dataiku_code_studio_stop", "stop")), "dataiku_code_studio_stop.stop", false, "bob's stop",
		"cannot stop code studio "+key+"."+id, "UnauthorizedException")
	if n := calls("stop"); n != 2 {
		t.Fatalf("%d stops after bob's, want DSS's one refusal counted (2)", n)
	}
	id = "nOsUcHid"
	acctest.InvokeAction(t, action("dataiku_code_studio_stop", "stop"), "dataiku_code_studio_stop.stop", false, "an unknown studio",
		"cannot stop code studio "+key+".nOsUcHid", "Code studio does not exist")
}
