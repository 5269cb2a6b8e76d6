package project_test

import (
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

const testScenarioAddr = "dataiku_scenario.test"

// testScenarioIDs lists the ids of a project's scenarios named name.
func testScenarioIDs(t *testing.T, key, name string) []string {
	t.Helper()
	list, err := acctest.Client(t).ListScenarios(acctest.Ctx(t), key)
	return acctest.IDsNamed(t, list, err, name, func(s dss.Scenario) (string, string) { return s.Name, s.ID })
}

// testScenarioProject creates a project outside Terraform for the test's
// scenarios and deletes it at the end; it returns the admin client.
func testScenarioProject(t *testing.T, key string) *dss.Client {
	t.Helper()
	return acctest.ProjectOutside(t, key, "Scenarios "+key)
}

// testAccCheckScenariosDestroyed asserts through the admin client that
// every scenario of the state is gone (its project may be gone too).
func testAccCheckScenariosDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckProjectObjectsGone(t, "dataiku_scenario", func(key, id string) string { return dss.ScenarioDoc(key, id).Path() })
}

// testAccScenarioConfig is a project, the dataset the scenario builds and
// a scenario of type typ with body.
func testAccScenarioConfig(key, typ, body string) string {
	return fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "Scenarios"
}

resource "dataiku_dataset" "orders" {
  project_key     = dataiku_project.p.project_key
  name            = "orders_prepared"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  managed         = true
}

resource "dataiku_scenario" "test" {
  project_key = dataiku_project.p.project_key
  name        = "Nightly build"
  type        = %[2]q
%[3]s
}
`, key, typ, body)
}

func stepBasedBody(hour int, active bool) string {
	return fmt.Sprintf(`  active      = %[2]t
  description = "Builds the prepared orders"
  tags        = ["nightly"]
  triggers = [{
    type      = "temporal"
    name      = "every night"
    frequency = "Daily"
    hour      = %[1]d
    minute    = 30
  }]
  steps = [{
    type = "build_flowitem"
    name = "build orders"
    params = jsonencode({
      builds  = [{ type = "DATASET", itemId = dataiku_dataset.orders.name, partitionsSpec = "" }]
      jobType = "RECURSIVE_BUILD"
    })
  }]
`, hour, active)
}

func TestAccScenario_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SC")
	var id string
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testAccCheckScenariosDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: testAccScenarioConfig(key, "step_based", stepBasedBody(2, false)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testScenarioAddr, tfjsonpath.New("id"), knownvalue.StringExact("Nightly_build")),
				// DSS's defaults fill the attributes left unset.
				statecheck.ExpectKnownValue(testScenarioAddr, tfjsonpath.New("triggers").AtSliceIndex(0).AtMapKey("timezone"), knownvalue.StringExact("SERVER")),
				statecheck.ExpectKnownValue(testScenarioAddr, tfjsonpath.New("steps").AtSliceIndex(0).AtMapKey("run_condition"), knownvalue.StringExact("RUN_IF_STATUS_MATCH")),
			},
			Check: func(s *terraform.State) error {
				id = s.RootModule().Resources[testScenarioAddr].Primary.ID
				sc := acctest.Scenario(t, key, id)
				if sc.Active || len(sc.Triggers) != 1 || sc.Triggers[0].Params["frequency"] != "Daily" || fmt.Sprint(sc.Triggers[0].Params["hour"]) != "2" ||
					len(sc.Params.Steps) != 1 || sc.Params.Steps[0].Type != "build_flowitem" || sc.Description != "Builds the prepared orders" {
					return fmt.Errorf("scenario in DSS: %+v", sc)
				}
				if b := fmt.Sprint(sc.Params.Steps[0].Params["builds"]); !strings.Contains(b, "orders_prepared") {
					return fmt.Errorf("the step does not build the dataset: %s", b)
				}
				return nil
			},
		},
		{
			// In place: the trigger's hour and active; the trigger keeps its id.
			Config: testAccScenarioConfig(key, "step_based", stepBasedBody(4, true)),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testScenarioAddr, plancheck.ResourceActionUpdate),
			}},
			Check: func(s *terraform.State) error {
				sc := acctest.Scenario(t, key, id)
				if !sc.Active || fmt.Sprint(sc.Triggers[0].Params["hour"]) != "4" || s.RootModule().Resources[testScenarioAddr].Primary.ID != id {
					return fmt.Errorf("after the update: %+v", sc)
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(testScenarioAddr, acctest.ProjectObjectImportID(testScenarioAddr)),
		acctest.ImportIdentityStep(t, testScenarioAddr),
		{
			// Changed in DSS: the trigger's hour and a step's name drift and
			// are repaired; a field DSS added stays and is no diff.
			PreConfig: func() {
				acctest.EditOutside(t, dss.ScenarioDoc(key, id), func(s *dss.Scenario) {
					s.Triggers[0].Params["hour"] = 7
					s.Triggers[0].Params["addedByDSS"] = true
					s.Params.Steps[0].Name = "renamed in DSS"
				})
			},
			Config: testAccScenarioConfig(key, "step_based", stepBasedBody(4, true)),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testScenarioAddr, Attrs: []string{"triggers", "steps"}},
			}},
			Check: func(*terraform.State) error {
				sc := acctest.Scenario(t, key, id)
				if fmt.Sprint(sc.Triggers[0].Params["hour"]) != "4" || sc.Params.Steps[0].Name != "build orders" || sc.Triggers[0].Params["addedByDSS"] != true {
					return fmt.Errorf("after the repair: %+v", sc)
				}
				return nil
			},
		},
		{
			// The type changes: replaced.
			Config: testAccScenarioConfig(key, "custom_python", "  script = \"print('hello')\"\n"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testScenarioAddr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: func(*terraform.State) error {
				sc := acctest.Scenario(t, key, id)
				script, err := acctest.Client(t).ScenarioScript(acctest.Ctx(t), key, id)
				if err != nil || sc.Type != "custom_python" || script != "print('hello')" {
					return fmt.Errorf("after the replacement: %+v, script %q (%w)", sc, script, err)
				}
				return nil
			},
		},
	})
}

// A custom-python scenario: the script is written with its own call,
// drift on it is repaired, and a TRACE log shows only its length.
func TestAccScenario_customPython(t *testing.T) {
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCPY")
	const marker = "scenario-secret-4f2a9c"
	script := func(v string) string {
		return fmt.Sprintf("  active = true\n  script = <<-EOT\n    # %s\n    from dataiku.scenario import Scenario\n    Scenario().build_dataset(%q)\n  EOT\n", marker, v)
	}
	logPath := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH", logPath)
	var id string
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
		{
			Config: testAccScenarioConfig(key, "custom_python", script("orders_prepared")),
			Check: func(s *terraform.State) error {
				id = s.RootModule().Resources[testScenarioAddr].Primary.ID
				got, err := acctest.Client(t).ScenarioScript(acctest.Ctx(t), key, id)
				if err != nil || !strings.Contains(got, marker) || !acctest.Scenario(t, key, id).Active {
					return fmt.Errorf("script in DSS %q (%w)", got, err)
				}
				return nil
			},
		},
		{
			PreConfig: acctest.Must(t, func() error {
				return acctest.Client(t).SetScenarioScript(acctest.Ctx(t), key, id, "print('edited in DSS')")
			}),
			Config: testAccScenarioConfig(key, "custom_python", script("orders_prepared")),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testScenarioAddr, Attrs: []string{"script"}},
			}},
			Check: func(*terraform.State) error {
				if got, _ := acctest.Client(t).ScenarioScript(acctest.Ctx(t), key, id); !strings.Contains(got, marker) {
					return fmt.Errorf("script after the repair: %q", got)
				}
				return nil
			},
		},
	})
	b, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if !strings.Contains(text, "script_length") {
		t.Errorf("the TRACE log does not show the script's length")
	}
	// The provider's own lines (tflog's "dataiku:" lines, which carry
	// tf_provider_addr) must not hold the script; Terraform's rendering of
	// the plan shows the configuration, which is not the provider's to hide.
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, marker) && (strings.Contains(line, "dataiku:") || strings.Contains(line, "tf_provider_addr")) {
			t.Errorf("a provider log line holds the script: %.300s", line)
		}
	}
}

func TestAccScenario_importBlockAndDeletedOutside(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCIMP")
	c := testScenarioProject(t, key)
	id, err := c.CreateScenario(acctest.Ctx(t), key, "Weekly report", "step_based")
	if err != nil {
		t.Fatal(err)
	}
	resourceCfg := fmt.Sprintf(`resource "dataiku_scenario" "test" {
  project_key = %q
  name        = "Weekly report"
  type        = "step_based"
  triggers    = [{ type = "temporal", frequency = "Weekly", days_of_week = ["Monday"], hour = 6 }]
}
`, key)
	importCfg := acctest.ImportBlock(testScenarioAddr, key+"."+id) + resourceCfg
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
		{
			// Adopted, then the configured trigger is added in place.
			Config: importCfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testScenarioAddr, plancheck.ResourceActionUpdate),
			}},
			Check: func(*terraform.State) error {
				sc := acctest.Scenario(t, key, id)
				if len(sc.Triggers) != 1 || sc.Triggers[0].Params["frequency"] != "Weekly" {
					return fmt.Errorf("after the import: %+v", sc.Triggers)
				}
				return nil
			},
		},
		acctest.DeletedOutsideStep(t, testScenarioAddr, resourceCfg,
			func() error { return c.DeleteScenario(acctest.Ctx(t), key, id) },
			func(s *terraform.State) error {
				return acctest.OnlyStateID(s, testScenarioAddr, "scenarios named Weekly report", testScenarioIDs(t, key, "Weekly report"))
			}),
		{
			// DSS allows a second scenario of the name; the resource refuses
			// to create one, pointing at the import of the existing one.
			Config:      resourceCfg + strings.Replace(strings.Replace(resourceCfg, `"test"`, `"dup"`, 1), "triggers", "# triggers", 1),
			ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_scenario "Weekly report".*already\s+exists\s+in\s+DSS.*import`),
		},
	})
	acctest.NoneInDSS(t, "scenarios named Weekly report", testScenarioIDs(t, key, "Weekly report"))
}

// A key without rights on the project is refused by DSS, quoted with the
// resource's address; a key that writes the project but is not an
// administrator's cannot set run_as (refused at plan time).
func TestAccScenario_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_SCBOB")
	testScenarioProject(t, key)
	cfg := func(extra string) string {
		return acctest.AsBob(fmt.Sprintf("resource \"dataiku_scenario\" \"test\" {\n  project_key = %q\n  name        = \"bobs\"\n  type        = \"step_based\"\n%s}\n", key, extra))
	}
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config:      cfg(""),
			ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_scenario "bobs" in project ` + key + `.*UnauthorizedException`),
		},
		{
			Config:      cfg("  run_as = \"admin\"\n"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)run_as needs an administrator's key`),
		},
	})
	acctest.NoneInDSS(t, "scenarios named bobs", testScenarioIDs(t, key, "bobs"))
}

func TestAccScenarioDataSources(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCDS")
	cfg := testAccScenarioConfig(key, "step_based", stepBasedBody(2, true)) + `
resource "dataiku_scenario" "py" {
  project_key = dataiku_project.p.project_key
  name        = "Python one"
  type        = "custom_python"
  script      = "print(1)"
  reporters   = jsonencode([{ messaging = { type = "mail-scenario", configuration = { recipient = "team@example.com" } } }])
  triggers = [
    { type = "dataset_modified", datasets = [dataiku_dataset.orders.name, "OTHER.raw"] },
    { type = "sql_query", active = false, params = jsonencode({ connection = "pg", query = "SELECT max(ts) FROM t" }) },
    { type = "dss:pytrigger_myplugin", params = jsonencode({ every = 3 }) },
  ]
}

data "dataiku_scenario" "one" {
  project_key = dataiku_project.p.project_key
  id          = dataiku_scenario.test.id
}

data "dataiku_scenario" "py" {
  project_key = dataiku_project.p.project_key
  id          = dataiku_scenario.py.id
}

data "dataiku_scenarios" "all" {
  project_key = dataiku_project.p.project_key
  depends_on  = [dataiku_scenario.test, dataiku_scenario.py]
}
`
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{{
		Config: cfg,
		Check: func(s *terraform.State) error {
			sc := acctest.Scenario(t, key, "Python_one")
			if len(sc.Triggers) != 3 || sc.Triggers[0].Type != "ds_modified" || sc.Triggers[1].Active || sc.Triggers[1].Params["query"] != "SELECT max(ts) FROM t" ||
				sc.Triggers[2].Type != "pytrigger_myplugin" || len(sc.Reporters) != 1 {
				return fmt.Errorf("triggers in DSS: %+v, reporters %v", sc.Triggers, sc.Reporters)
			}
			// DSS's watches: the local dataset without a project key, the
			// foreign one with its own; no key DSS ignores.
			if refs := fmt.Sprint(sc.Triggers[0].Params["watches"]); refs != "[map[itemId:orders_prepared partitionsSpec: type:DATASET] map[itemId:raw partitionsSpec: projectKey:OTHER type:DATASET]]" {
				return fmt.Errorf("watches in DSS: %s", refs)
			}
			if _, ok := sc.Triggers[0].Params["datasets"]; ok {
				return fmt.Errorf("DSS's trigger holds the datasets key: %v", sc.Triggers[0].Params)
			}
			return nil
		},
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.dataiku_scenario.one", tfjsonpath.New("triggers").AtSliceIndex(0).AtMapKey("hour"), knownvalue.Int64Exact(2)),
			statecheck.ExpectKnownValue("data.dataiku_scenario.one", tfjsonpath.New("active"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue("data.dataiku_scenario.py", tfjsonpath.New("script"), knownvalue.StringExact("print(1)")),
			statecheck.ExpectKnownValue("data.dataiku_scenario.py", tfjsonpath.New("triggers").AtSliceIndex(0).AtMapKey("datasets"),
				knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("orders_prepared"), knownvalue.StringExact("OTHER.raw")})),
			statecheck.ExpectKnownValue("data.dataiku_scenario.py", tfjsonpath.New("triggers").AtSliceIndex(2).AtMapKey("type"), knownvalue.StringExact("dss:pytrigger_myplugin")),
			statecheck.ExpectKnownValue("data.dataiku_scenarios.all", tfjsonpath.New("scenarios"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("Nightly_build"), "type": knownvalue.StringExact("step_based")}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("Python_one"), "active": knownvalue.Bool(false)}),
			})),
		},
	}})
}

// The refresh cost the resource documents: 1 GET of the settings for a
// step-based scenario, 2 (settings and script) for a custom-python one.
func TestAccScenario_refreshCost(t *testing.T) {
	acctest.Parallel(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_SCCOST")
	testScenarioProject(t, key)
	env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
	secrets := acctest.KeyForms(acctest.APIKey)
	for _, tc := range []struct {
		name, body string
		want       map[string]int64
	}{
		{"step_based", "  type = \"step_based\"\n  triggers = [{ type = \"temporal\", frequency = \"Daily\", hour = 2 }]\n  steps = [{ type = \"build_flowitem\" }]\n",
			map[string]int64{"GET /public/api/projects/{projectKey}/scenarios/{scenarioId}": 1}},
		{"custom_python", "  type = \"custom_python\"\n  script = \"print(1)\"\n",
			map[string]int64{"GET /public/api/projects/{projectKey}/scenarios/{scenarioId}": 1, "GET /public/api/projects/{projectKey}/scenarios/{scenarioId}/payload": 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := acctest.CliRequiredProviders + fmt.Sprintf("resource \"dataiku_scenario\" \"s\" {\n  project_key = %q\n  name = %q\n%s}\n", key, tc.name, tc.body)
			dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": cfg})
			acctest.MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color")
			before := em.Server.Stats().ByRoute
			acctest.MustTerraform(t, dir, env, secrets, "plan", "-detailed-exitcode", "-no-color")
			after := em.Server.Stats().ByRoute
			got := map[string]int64{}
			for route, n := range after {
				if d := n - before[route]; d > 0 && strings.Contains(route, "/scenarios") {
					got[route] = d
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("requests per refresh of a %s scenario: %v, want %v", tc.name, got, tc.want)
			}
			t.Logf("requests per refresh of a %s scenario: %v", tc.name, got)
			acctest.MustTerraform(t, dir, env, secrets, "destroy", "-auto-approve", "-no-color")
		})
	}
}

// TestAccScenario_unknownRunConditionAdopted: a step whose run condition
// the provider does not list (one a DSS version adds), made through the
// client as DSS holds it, is adopted with a configuration writing it as it
// is, with no change and an empty plan; then a known condition replaces it
// and DSS holds that. The provider once refused any value outside its list
// at plan time.
func TestAccScenario_unknownRunConditionAdopted(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCRUNC")
	c := testScenarioProject(t, key)
	const later = "RUN_IF_A_LATER_DSS_SAYS"
	testSeedScenario(t, c, key, `{"type": "step_based", "id": "LATER", "name": "Later", "active": false, "tags": [], "reporters": [], "triggers": [],
  "params": {"steps": [{"id": "s1", "type": "custom_python", "name": "Step", "runConditionType": "`+later+`", "params": {}}]}}`)
	cfg := func(condition string) string {
		return fmt.Sprintf(`resource "dataiku_scenario" "test" {
  project_key = %q
  name        = "Later"
  type        = "step_based"
  triggers    = []
  steps       = [{ type = "custom_python", name = "Step", run_condition = %q }]
}
`, key, condition)
	}
	held := func(condition string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if steps := testRawSteps(t, key, "LATER"); len(steps) != 1 || steps[0]["runConditionType"] != condition {
				return fmt.Errorf("steps in DSS: %v", steps)
			}
			return nil
		}
	}
	adopt := acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testScenarioAddr, acctest.ImportBlock(testScenarioAddr, key+".LATER")+cfg(later)))
	adopt.Check = held(later)
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
		adopt,
		acctest.EmptyPlanAfter(resource.TestStep{Config: cfg("RUN_ALWAYS"), Check: held("RUN_ALWAYS")}),
	})
}
