package project_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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

const testRecipeAddr = "dataiku_recipe.test"

// testRecipeSettings reads a recipe's {recipe, payload} as DSS holds it.
func testRecipeSettings(t *testing.T, key, name string) *dss.RecipeSettings {
	t.Helper()
	s, err := dss.RecipeDoc(key, name).Get(acctest.Ctx(t), acctest.Client(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// testRecipeRefs lists a role's refs as DSS holds them.
func testRecipeRefs(roles map[string]dss.RecipeRole, role string) string {
	var refs []string
	for _, it := range roles[role].Items {
		refs = append(refs, it.Ref)
	}
	return strings.Join(refs, ",")
}

// testAccCheckRecipesDestroyed asserts through the admin client that every
// recipe of the state is gone (its project may be gone too).
func testAccCheckRecipesDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_recipe", func(st *terraform.InstanceState) string {
		return dss.RecipeDoc(st.Attributes["project_key"], st.Attributes["name"]).Path()
	})
}

// testAccRecipeFlow is a project with datasets raw (named rawName), other,
// clean and joined, plus recipe.
func testAccRecipeFlow(key, rawName, recipe string) string {
	ds := func(res, name string) string {
		return fmt.Sprintf(`
resource "dataiku_dataset" %[1]q {
  project_key     = dataiku_project.p.project_key
  name            = %[2]q
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  params          = jsonencode({ path = "/%[1]s" })
  format_type     = "csv"
}
`, res, name)
	}
	return fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %q
  name        = "Recipes"
}
`, key) + ds("raw", rawName) + ds("other", "other") + ds("clean", "clean") + ds("joined", "joined") + recipe
}

func testAccPythonRecipe(typ, script string) string {
	return fmt.Sprintf(`
resource "dataiku_recipe" "test" {
  project_key = dataiku_project.p.project_key
  name        = "compute_clean"
  type        = %q
  inputs      = { main = [{ ref = dataiku_dataset.raw.name }] }
  outputs     = { main = [{ ref = dataiku_dataset.clean.name }] }
  script      = %q
  params      = jsonencode({ envSelection = { envMode = "INHERIT" } })
  description = "Cleans raw"
  tags        = ["etl"]
}
`, typ, script)
}

func TestAccRecipe_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_RCP")
	v1, v2 := "import dataiku\nprint('v1')\n", "import dataiku\nprint('v2')\n"
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testAccCheckRecipesDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: testAccRecipeFlow(key, "raw", testAccPythonRecipe("python", v1)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testRecipeAddr, tfjsonpath.New("id"), knownvalue.StringExact(key+".compute_clean")),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: func(*terraform.State) error {
				s := testRecipeSettings(t, key, "compute_clean")
				if s.PayloadString() != v1 || s.Recipe.Type != "python" || s.Recipe.Description != "Cleans raw" ||
					testRecipeRefs(s.Recipe.Inputs, "main") != "raw" || testRecipeRefs(s.Recipe.Outputs, "main") != "clean" {
					return fmt.Errorf("recipe in DSS: %+v payload %q", s.Recipe, s.PayloadString())
				}
				if env, _ := s.Recipe.Params["envSelection"].(map[string]any); env["envMode"] != "INHERIT" {
					return fmt.Errorf("params in DSS: %v", s.Recipe.Params)
				}
				return nil
			},
		},
		{
			// The script changes in place; a field set in DSS by someone
			// else survives the read-modify-write.
			PreConfig: func() {
				acctest.EditOutside(t, dss.RecipeDoc(key, "compute_clean"), func(s *dss.RecipeSettings) {
					if s.Recipe.Extra == nil {
						s.Recipe.Extra = dss.Extra{}
					}
					s.Recipe.Extra["customFields"] = []byte(`{"owner":"etl-team"}`)
				})
			},
			Config: testAccRecipeFlow(key, "raw", testAccPythonRecipe("python", v2)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{acctest.ExpectOnlyChanged{Addr: testRecipeAddr, Attrs: []string{"script"}}},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(*terraform.State) error {
				s := testRecipeSettings(t, key, "compute_clean")
				if s.PayloadString() != v2 || string(s.Recipe.Extra["customFields"]) != `{"owner":"etl-team"}` {
					return fmt.Errorf("after the update: payload %q, customFields %s", s.PayloadString(), s.Recipe.Extra["customFields"])
				}
				return nil
			},
		},
		{
			ResourceName:                         testRecipeAddr,
			ImportState:                          true,
			ImportStateId:                        key + ".compute_clean",
			ImportStateVerify:                    true,
			ImportStateVerifyIdentifierAttribute: "id",
			ImportStateVerifyIgnore:              []string{"params"},
		},
		acctest.ImportIdentityStep(t, testRecipeAddr, "params"),
		{
			// Drift: the script edited in DSS shows and is written back.
			PreConfig: func() {
				acctest.EditOutside(t, dss.RecipeDoc(key, "compute_clean"), func(s *dss.RecipeSettings) {
					edited := "print('edited in DSS')"
					s.Payload = &edited
				})
			},
			Config: testAccRecipeFlow(key, "raw", testAccPythonRecipe("python", v2)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{acctest.ExpectOnlyChanged{Addr: testRecipeAddr, Attrs: []string{"script"}}},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(*terraform.State) error {
				if p := testRecipeSettings(t, key, "compute_clean").PayloadString(); p != v2 {
					return fmt.Errorf("script after the repair: %q", p)
				}
				return nil
			},
		},
		{
			// The input dataset renamed in place: DSS follows it in the
			// recipe, and the plan (the recipe reads the dataset's name)
			// agrees.
			Config: testAccRecipeFlow(key, "raw_v2", testAccPythonRecipe("python", v2)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("dataiku_dataset.raw", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(testRecipeAddr, plancheck.ResourceActionUpdate),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(*terraform.State) error {
				if refs := testRecipeRefs(testRecipeSettings(t, key, "compute_clean").Recipe.Inputs, "main"); refs != "raw_v2" {
					return fmt.Errorf("inputs after the rename: %s", refs)
				}
				return nil
			},
		},
		{
			// Another type: replaced.
			Config: testAccRecipeFlow(key, "raw_v2", testAccPythonRecipe("r", "print('r')")),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testRecipeAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(*terraform.State) error {
				if s := testRecipeSettings(t, key, "compute_clean"); s.Recipe.Type != "r" || s.PayloadString() != "print('r')" {
					return fmt.Errorf("after the replacement: %s %q", s.Recipe.Type, s.PayloadString())
				}
				return nil
			},
		},
	})
}

func testAccJoinRecipe(joinType string) string {
	return fmt.Sprintf(`
resource "dataiku_recipe" "test" {
  project_key = dataiku_project.p.project_key
  name        = "join_raw_other"
  type        = "join"
  inputs      = { main = [{ ref = dataiku_dataset.raw.name }, { ref = dataiku_dataset.other.name }] }
  outputs     = { main = [{ ref = dataiku_dataset.joined.name, append = true }] }
  payload = jsonencode({
    joins = [{ table1 = 0, table2 = 1, type = %q, conditionsMode = "AND",
      on = [{ type = "EQ", column1 = { name = "id", table = 0 }, column2 = { name = "id", table = 1 } }] }]
  })
}

data "dataiku_recipe" "join" {
  project_key = dataiku_recipe.test.project_key
  name        = dataiku_recipe.test.name
}

data "dataiku_recipes" "all" {
  project_key = dataiku_recipe.test.project_key
}
`, joinType)
}

// A visual join: payload keys DSS fills (virtualInputs, computedColumns)
// are no diff; a join type changed in DSS is drift; deleted outside
// Terraform, it is created again.
func TestAccRecipe_visualJoin(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_RCJ")
	joinOf := func() string {
		var p struct {
			Joins         []map[string]any `json:"joins"`
			VirtualInputs []any            `json:"virtualInputs"`
		}
		if err := json.Unmarshal([]byte(testRecipeSettings(t, key, "join_raw_other").PayloadString()), &p); err != nil || len(p.Joins) != 1 {
			t.Fatalf("payload: %v %v", p, err)
		}
		return fmt.Sprintf("%v/%d", p.Joins[0]["type"], len(p.VirtualInputs))
	}
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testAccCheckRecipesDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config:           testAccRecipeFlow(key, "raw", testAccJoinRecipe("INNER")),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.dataiku_recipe.join", tfjsonpath.New("type"), knownvalue.StringExact("join")),
				statecheck.ExpectKnownValue("data.dataiku_recipe.join", tfjsonpath.New("inputs").AtMapKey("main"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.dataiku_recipes.all", tfjsonpath.New("recipes"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("join_raw_other"), "type": knownvalue.StringExact("join")}),
				})),
			},
			Check: func(*terraform.State) error {
				if j := joinOf(); j != "INNER/2" {
					return fmt.Errorf("join in DSS: %s", j)
				}
				out := testRecipeSettings(t, key, "join_raw_other").Recipe.Outputs["main"].Items
				if len(out) != 1 || out[0].AppendMode == nil || !*out[0].AppendMode {
					return fmt.Errorf("outputs in DSS: %+v", out)
				}
				return nil
			},
		},
		{
			PreConfig: func() {
				acctest.EditOutside(t, dss.RecipeDoc(key, "join_raw_other"), func(s *dss.RecipeSettings) {
					p := strings.Replace(s.PayloadString(), `"INNER"`, `"LEFT"`, 1)
					s.Payload = &p
				})
			},
			Config: testAccRecipeFlow(key, "raw", testAccJoinRecipe("INNER")),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{acctest.ExpectOnlyChanged{Addr: testRecipeAddr, Attrs: []string{"payload"}}},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(*terraform.State) error {
				if j := joinOf(); j != "INNER/2" {
					return fmt.Errorf("join after the repair: %s", j)
				}
				return nil
			},
		},
		acctest.EmptyPlanAfter(acctest.DeletedOutsideStep(t, testRecipeAddr, testAccRecipeFlow(key, "raw", testAccJoinRecipe("INNER")),
			func() error { return acctest.Client(t).DeleteRecipe(acctest.Ctx(t), key, "join_raw_other") },
			func(*terraform.State) error {
				if j := joinOf(); j != "INNER/2" {
					return fmt.Errorf("join after the re-creation: %s", j)
				}
				return nil
			})),
	})
}

// testAccRecipeProject creates a project with datasets through the client.
func testAccRecipeProject(t *testing.T, key string, datasets ...string) {
	t.Helper()
	c := acctest.ProjectOutside(t, key, "Recipes "+key)
	for _, d := range datasets {
		err := c.Post(acctest.Ctx(t), dss.Path("projects", key, "datasets")+"/", nil, map[string]any{
			"projectKey": key, "name": d, "type": "Filesystem",
			"params": map[string]any{"connection": "filesystem_managed", "path": "/" + d}, "formatType": "csv", "formatParams": map[string]any{},
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
	}
}

// An existing sync recipe adopted with an import block, as it is.
func TestAccRecipe_importBlock(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_RCI")
	testAccRecipeProject(t, key, "src", "dst")
	f := false
	_, err := acctest.Client(t).CreateRecipe(acctest.Ctx(t), dss.RecipePrototype{ProjectKey: key, Name: "sync_src", Type: "sync",
		Inputs:  map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "src"}}}},
		Outputs: map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "dst", AppendMode: &f}}}}})
	if err != nil {
		t.Fatal(err)
	}
	resourceCfg := fmt.Sprintf(`
resource "dataiku_recipe" "test" {
  project_key = %q
  name        = "sync_src"
  type        = "sync"
  inputs      = { main = [{ ref = "src" }] }
  outputs     = { main = [{ ref = "dst" }] }
}
`, key)
	importCfg := acctest.ImportBlock(testRecipeAddr, key+".sync_src") + resourceCfg
	acctest.Case(t, testAccCheckRecipesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testRecipeAddr, importCfg)),
		{
			ResourceName:                         testRecipeAddr,
			ImportState:                          true,
			ImportStateId:                        key + ".sync_src",
			ImportStateVerify:                    true,
			ImportStateVerifyIdentifierAttribute: "id",
		},
	})
}

// A recipe without outputs, which DSS keeps (the emulator creates one as
// the API asks): adopted as it is with no outputs written, then given an
// output in place, then none again. Required outputs would lock it out.
func TestAccRecipe_withoutOutputs(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_RCNO")
	testAccRecipeProject(t, key, "src", "dst")
	_, err := acctest.Client(t).CreateRecipe(acctest.Ctx(t), dss.RecipePrototype{ProjectKey: key, Name: "notify", Type: "python",
		Inputs: map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "src"}}}}, Script: "print(1)\n"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := func(outputs string) string {
		return fmt.Sprintf(`
resource "dataiku_recipe" "test" {
  project_key = %q
  name        = "notify"
  type        = "python"
  inputs      = { main = [{ ref = "src" }] }
  script      = "print(1)\n"
  %s
}
`, key, outputs)
	}
	outputsInDSS := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			s := testRecipeSettings(t, key, "notify")
			if got := testRecipeRefs(s.Recipe.Outputs, "main"); got != want || (want == "" && len(s.Recipe.Outputs) != 0) {
				return fmt.Errorf("outputs in DSS: %+v, want main = %q", s.Recipe.Outputs, want)
			}
			return nil
		}
	}
	acctest.Case(t, testAccCheckRecipesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testRecipeAddr, acctest.ImportBlock(testRecipeAddr, key+".notify")+cfg(""),
			statecheck.ExpectKnownValue(testRecipeAddr, tfjsonpath.New("outputs"), knownvalue.Null()))),
		{
			Config: cfg(`outputs = { main = [{ ref = "dst" }] }`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{acctest.ExpectOnlyChanged{Addr: testRecipeAddr, Attrs: []string{"outputs"}}},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: outputsInDSS("dst"),
		},
		{
			Config: cfg(""),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{acctest.ExpectOnlyChanged{Addr: testRecipeAddr, Attrs: []string{"outputs"}}},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: outputsInDSS(""),
		},
	})
}

// A key without write on the project gets DSS's refusal with the address.
func TestAccRecipe_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_RCBOB")
	testAccRecipeProject(t, key, "src", "dst")
	acctest.RefusedToBob(t, fmt.Sprintf("resource \"dataiku_recipe\" \"test\" {\n  project_key = %q\n  name = \"bobs\"\n  type = \"sync\"\n  inputs = { main = [{ ref = \"src\" }] }\n  outputs = { main = [{ ref = \"dst\" }] }\n}\n", key),
		regexp.MustCompile(`(?s)Cannot create dataiku_recipe "`+key+`\.bobs".*UnauthorizedException.*lacks\s+a\s+project\s+permission`))
	testRecipeCount(t, key, 0)
}

// A dataset already written by another recipe: DSS's refusal, with the
// address; nothing is created.
func TestAccRecipe_outputAlreadyWritten(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_RCDUP")
	testAccRecipeProject(t, key, "src", "dst")
	f := false
	if _, err := acctest.Client(t).CreateRecipe(acctest.Ctx(t), dss.RecipePrototype{ProjectKey: key, Name: "first", Type: "sync",
		Inputs:  map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "src"}}}},
		Outputs: map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "dst", AppendMode: &f}}}}}); err != nil {
		t.Fatal(err)
	}
	acctest.Case(t, nil, []resource.TestStep{{
		Config:      fmt.Sprintf("resource \"dataiku_recipe\" \"test\" {\n  project_key = %q\n  name = \"second\"\n  type = \"python\"\n  inputs = { main = [{ ref = \"src\" }] }\n  outputs = { main = [{ ref = \"dst\" }] }\n  script = \"print(2)\"\n}\n", key),
		ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_recipe "` + key + `\.second".*Dataset\s+dst\s+is\s+already\s+the\s+output\s+of\s+recipe\s+first`),
	}})
	testRecipeCount(t, key, 1)
}

// A TRACE apply and refresh: the script and the payload appear nowhere in
// the provider's log, only their length.
func TestAccRecipe_traceLogHidesScripts(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_RCTR")
	testAccRecipeProject(t, key, "src", "dst", "src2", "dst2")
	script := "password = 'hunter2-in-a-recipe-XYZZY'"
	payloadMarker := "payload-marker-PLUGH"
	cfg := acctest.CliRequiredProviders + fmt.Sprintf(`
resource "dataiku_recipe" "code" {
  project_key = %[1]q
  name        = "code"
  type        = "python"
  inputs      = { main = [{ ref = "src" }] }
  outputs     = { main = [{ ref = "dst" }] }
  script      = %[2]q
}

resource "dataiku_recipe" "visual" {
  project_key = %[1]q
  name        = "visual"
  type        = "grouping"
  inputs      = { main = [{ ref = "src2" }] }
  outputs     = { main = [{ ref = "dst2" }] }
  payload     = jsonencode({ keys = [{ column = %[3]q }] })
}
`, key, script, payloadMarker)
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": cfg})
	log := filepath.Join(dir, "trace.log")
	env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
	t.Cleanup(func() { _, _ = acctest.RunTerraform(t, dir, env, "destroy", "-auto-approve", "-no-color") })
	acctest.MustTerraform(t, dir, append(env, "TF_LOG=TRACE", "TF_LOG_PATH="+log), nil, "apply", "-auto-approve", "-no-color")
	acctest.MustTerraform(t, dir, append(env, "TF_LOG=TRACE", "TF_LOG_PATH="+log), nil, "plan", "-no-color", "-detailed-exitcode")
	if s := testRecipeSettings(t, key, "code"); s.PayloadString() != script {
		t.Fatalf("script in DSS: %q", s.PayloadString())
	}
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if !strings.Contains(text, "script_length") || !strings.Contains(text, "DSS request") {
		t.Fatalf("not a TRACE log of the provider's requests (%d bytes)", len(text))
	}
	for _, secret := range []string{"hunter2-in-a-recipe-XYZZY", payloadMarker} {
		if i := strings.Index(text, secret); i >= 0 {
			t.Errorf("the TRACE log holds %q: %s", secret, text[max(0, i-600):min(len(text), i+200)])
		}
	}
}

// testRecipeCount fails the test unless DSS holds n recipes in project key.
func testRecipeCount(t *testing.T, key string, n int) {
	t.Helper()
	if l, err := acctest.Client(t).ListRecipes(acctest.Ctx(t), key); err != nil || len(l) != n {
		t.Fatalf("recipes in %s: %v (%v), want %d", key, l, err, n)
	}
}
