package kit_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/dataset"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// The free-form object attributes written as HCL objects (hcl_object.go):
// what DSS receives, numbers, nulls, empty objects and nested lists
// planned exactly, and the keys DSS adds never a diff.

func testAccHCLObjectsConfig(key, variables, params, ruleMax string) string {
	return fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key        = %[1]q
  name               = "HCL objects"
  standard_variables = %[2]s
}

# Known only at apply, on create: params with a part unknown at plan.
resource "terraform_data" "note" {
  input = "n-%[1]s"
}

resource "dataiku_connection" "c" {
  name   = "hcl_files_%[1]s"
  type   = "Filesystem"
  params = { root = "/data/hcl", extra = { depth = 2, dirs = ["a", "b"] }, note = terraform_data.note.output }
}

resource "dataiku_dataset" "d" {
  project_key     = dataiku_project.p.project_key
  name            = "orders"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  params          = %[3]s
  format_type     = "csv"
  format_params   = { separator = ";", parseHeaderRow = true, skipRowsBeforeHeader = 0 }
}

resource "dataiku_data_quality_rule" "r" {
  project_key  = dataiku_project.p.project_key
  dataset_name = dataiku_dataset.d.name
  name         = "rows"
  type         = "RecordCountInRangeRule"
  config       = { minimum = 1, minimumEnabled = true, maximum = %[4]s, maximumEnabled = true }
}
`, key, variables, params, ruleMax)
}

func TestAccHCLObjects(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("HCLOBJ")
	conn := "hcl_files_" + key
	vars1 := `{
    env     = "prod"
    ratio   = 0.5
    big     = 12345678901234567890
    tiny    = 0.0000001
    neg     = -3
    nothing = null
    empty   = {}
    nested  = [1, [2, "x"], { a = null, b = [] }]
    flags   = tolist([true, false])
    names   = tomap({ a = "x", b = "y" })
  }`
	vars2 := strings.Replace(vars1, `[1, [2, "x"]`, `[1, [2, "y", 3.25]`, 1)
	params := `{ path = "/hcl", filesSelectionRules = { mode = "ALL", excludeRules = [], includeRules = [] } }`
	wantVars1 := `{"big":12345678901234567890,"empty":{},"env":"prod","flags":[true,false],"names":{"a":"x","b":"y"},` +
		`"neg":-3,"nested":[1,[2,"x"],{"a":null,"b":[]}],"nothing":null,"ratio":0.5,"tiny":0.0000001}`

	checkDSS := func(wantVars string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			c := acctest.Client(t)
			var vars struct {
				Standard json.RawMessage `json:"standard"`
			}
			if err := c.Get(acctest.Ctx(t), acctest.ProjectDocPath(key, "variables"), nil, &vars); err != nil {
				return err
			}
			got, err := kit.DecodeJSONValue(string(vars.Standard))
			if err != nil {
				return err
			}
			want, _ := kit.DecodeJSONValue(wantVars)
			if !kit.JSONEqual(got, want) {
				return fmt.Errorf("DSS's standard variables %s, want %s", vars.Standard, wantVars)
			}
			if !strings.Contains(string(vars.Standard), "12345678901234567890") {
				return fmt.Errorf("the big integer lost digits on its way to DSS: %s", vars.Standard)
			}
			d := acctest.GetDataset(t, key, "orders")
			p, _ := d["params"].(map[string]any)
			fp, _ := d["formatParams"].(map[string]any)
			if p["path"] != "/hcl" || p["connection"] != "filesystem_managed" || fp["separator"] != ";" || fp["parseHeaderRow"] != true {
				return fmt.Errorf("dataset in DSS: params %v, formatParams %v", p, fp)
			}
			cn, err := acctest.Connection(t, conn)
			if err != nil {
				return err
			}
			if !kit.JSONEqual(cn.Params["extra"], map[string]any{"depth": 2, "dirs": []any{"a", "b"}}) || cn.Params["root"] != "/data/hcl" || cn.Params["note"] != "n-"+key {
				return fmt.Errorf("connection params in DSS: %v", cn.Params)
			}
			return nil
		}
	}
	checkRule := func(wantMax float64) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			id := s.RootModule().Resources["dataiku_data_quality_rule.r"].Primary.ID
			_, cfg := acctest.RuleInDSS(t, key, "orders", id)
			if n, ok := dataset.JSONNumber(cfg["maximum"]); !ok || n != wantMax || cfg["minimumEnabled"] != true {
				return fmt.Errorf("rule config in DSS: %v", cfg)
			}
			return nil
		}
	}

	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(acctest.CheckProjectDestroy(t), acctest.CheckConnectionsDestroyed(t)), []resource.TestStep{
		{
			Config: testAccHCLObjectsConfig(key, vars1, params, "10000000"),
			Check: resource.ComposeAggregateTestCheckFunc(checkDSS(wantVars1), checkRule(1e7),
				resource.TestCheckResourceAttr("dataiku_dataset.d", "params.path", "/hcl"),
				resource.TestCheckResourceAttr("dataiku_dataset.d", "format_params.separator", ";"),
				resource.TestCheckResourceAttr("dataiku_project.p", "standard_variables.nested.2.b.#", "0"),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				// The state holds the object as written: the list stays a list,
				// the map a map, the empty object empty, null null.
				statecheck.ExpectKnownValue("dataiku_project.p", tfjsonpath.New("standard_variables").AtMapKey("flags"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.Bool(true), knownvalue.Bool(false)})),
				statecheck.ExpectKnownValue("dataiku_project.p", tfjsonpath.New("standard_variables").AtMapKey("empty"), knownvalue.ObjectExact(map[string]knownvalue.Check{})),
				statecheck.ExpectKnownValue("dataiku_project.p", tfjsonpath.New("standard_variables").AtMapKey("nothing"), knownvalue.Null()),
				// DSS's own params keys stay out of the state.
				statecheck.ExpectKnownValue("dataiku_dataset.d", tfjsonpath.New("params"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"path": knownvalue.StringExact("/hcl"),
					"filesSelectionRules": knownvalue.ObjectExact(map[string]knownvalue.Check{
						"mode": knownvalue.StringExact("ALL"), "excludeRules": knownvalue.ListExact(nil), "includeRules": knownvalue.ListExact(nil),
					}),
				})),
			},
		},
		{ // a value deep in a nested list: an update in place, and DSS has it
			Config: testAccHCLObjectsConfig(key, vars2, params, "20000000"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectChangedAttributes{Addr: "dataiku_project.p", Attrs: []string{"standard_variables"}},
				acctest.ExpectChangedAttributes{Addr: "dataiku_data_quality_rule.r", Attrs: []string{"config"}},
				plancheck.ExpectResourceAction("dataiku_dataset.d", plancheck.ResourceActionNoop),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(
				checkDSS(strings.Replace(wantVars1, `[1,[2,"x"]`, `[1,[2,"y",3.25]`, 1)), checkRule(2e7)),
		},
		{ // the same objects written with jsonencode: no change
			Config:           testAccHCLObjectsConfig(key, "jsonencode("+vars2+")", "jsonencode("+params+")", "20000000"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		{ // a written key changed outside Terraform: drift on that key only
			PreConfig: func() {
				acctest.ChangeDataset(t, key, "orders", func(d map[string]any) {
					d["params"].(map[string]any)["path"] = "/elsewhere"
				})
			},
			Config: testAccHCLObjectsConfig(key, vars2, params, "20000000"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectChangedAttributes{Addr: "dataiku_dataset.d", Attrs: []string{"params"}},
			}},
			Check: func(*terraform.State) error {
				if p := acctest.GetDataset(t, key, "orders")["params"].(map[string]any); p["path"] != "/hcl" {
					return fmt.Errorf("drift not repaired: %v", p)
				}
				return nil
			},
		},
	})
}

// A state written by the provider's previous schema (JSON text, schema
// version 0) upgrades without a plan change, whether the configuration
// still uses jsonencode or is rewritten with HCL objects. testdata/state_v0
// holds the configurations and the states that version wrote from them
// (upgrade-v0.tfstate-json from upgrade.tf, and so on).
func TestAccHCLObjectStateUpgrade(t *testing.T) {
	acctest.Parallel(t)
	acctest.SeparateEmulator(t) // instance settings and variables are one per instance
	testHCLObjectUpgrade(t, "upgrade", [][2]string{
		{`jsonencode({ env = "prod", retention_days = 30, ratio = 0.5, tags = ["a", "b"], nothing = null, empty = {} })`,
			`{ env = "prod", retention_days = 30, ratio = 0.5, tags = ["a", "b"], nothing = null, empty = {} }`},
		{`jsonencode({ path = "/orders", filesSelectionRules = { mode = "ALL", excludeRules = [], includeRules = [] } })`,
			`{ path = "/orders", filesSelectionRules = { mode = "ALL", excludeRules = [], includeRules = [] } }`},
		{`jsonencode({ separator = ";", parseHeaderRow = true, skipRowsBeforeHeader = 0 })`, `{ separator = ";", parseHeaderRow = true, skipRowsBeforeHeader = 0 }`},
		{`jsonencode({ root = "/data/upg" })`, `{ root = "/data/upg" }`},
		{`jsonencode({ maxRunningActivities = 7, ldapSettings = { enabled = false } })`, `{ maxRunningActivities = 7, ldapSettings = { enabled = false } }`},
		{`jsonencode({ env = "prod", retention_days = 30, notify = ["a@example.com"] })`, `{ env = "prod", retention_days = 30, notify = ["a@example.com"] }`},
		{`jsonencode({ minimum = 1, minimumEnabled = true, maximum = 10000000, maximumEnabled = true })`, `{ minimum = 1, minimumEnabled = true, maximum = 10000000, maximumEnabled = true }`},
	}, func(dir, state string) string {
		// The rule's id is DSS's choice.
		return strings.ReplaceAll(state, "eCtsR7VO", testStateAttr(t, dir, "dataiku_data_quality_rule", "id"))
	})
	// An apply of the object form writes to DSS what the objects say.
	settings, err := dss.GeneralSettingsDoc().Get(acctest.Ctx(t), acctest.Client(t))
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := dataset.JSONNumber((*settings)["maxRunningActivities"]); !ok || n != 8 {
		t.Errorf("maxRunningActivities in DSS: %v, want 8", (*settings)["maxRunningActivities"])
	}
}

func TestAccHCLObjectStateUpgradeRecipe(t *testing.T) {
	acctest.Parallel(t)
	acctest.SeparateEmulator(t)
	// payload stays JSON text (recipe_resource.go): only params changes form.
	testHCLObjectUpgrade(t, "upgrade-recipe", [][2]string{
		{`jsonencode({ engineParams = { maxThreads = 2 } })`, `{ engineParams = { maxThreads = 2 } }`},
	}, nil)
	s, err := dss.RecipeDoc("UPGR", "join_a_b").Get(acctest.Ctx(t), acctest.Client(t))
	if err != nil {
		t.Fatal(err)
	}
	if engine, _ := s.Recipe.Params["engineParams"].(map[string]any); engine == nil {
		t.Errorf("recipe params in DSS: %v", s.Recipe.Params)
	} else if n, ok := dataset.JSONNumber(engine["maxThreads"]); !ok || n != 8 {
		t.Errorf("recipe params in DSS: %v, want maxThreads 8", s.Recipe.Params)
	}
}

func TestAccHCLListStateUpgradeProjectFolder(t *testing.T) {
	acctest.Parallel(t)
	testHCLObjectUpgrade(t, "upgrade-folder", [][2]string{
		{`jsonencode([
    { group = "analysts", read = true, writeContents = false, admin = false },
    { group = "readers", read = true },
  ])`, `[
    { group = "analysts", read = true, writeContents = false, admin = false },
    { group = "readers", read = true },
  ]`},
	}, func(dir, state string) string {
		// The folder's id is DSS's choice.
		return strings.ReplaceAll(state, "5EkZTzJ", testStateAttr(t, dir, "dataiku_project_folder", "id"))
	})
}

func TestAccHCLListStateUpgradeScenario(t *testing.T) {
	acctest.Parallel(t)
	testHCLObjectUpgrade(t, "upgrade-scenario", [][2]string{
		{`jsonencode([{
    id = "rep1", active = true, name = "Mail the team", phase = "END"
    messaging = { type = "mail-scenario", configuration = { recipient = "team@example.com", retries = 2 } }
  }])`, `[{
    id = "rep1", active = true, name = "Mail the team", phase = "END"
    messaging = { type = "mail-scenario", configuration = { recipient = "team@example.com", retries = 2 } }
  }]`},
	}, nil)
	// The list form applied with a change (retries 2 to 8) is in DSS.
	sc := acctest.Scenario(t, "UPGSC", "Nightly")
	if len(sc.Reporters) != 1 {
		t.Fatalf("reporters in DSS: %v", sc.Reporters)
	}
	if n, ok := dataset.JSONNumber(dss.ReporterConfiguration(sc.Reporters[0])["retries"]); !ok || n != 8 {
		t.Errorf("reporters in DSS: %v, want retries 8", sc.Reporters)
	}
}

// testHCLObjectUpgrade applies testdata/state_v0/<name>.tf with this
// provider (the objects in DSS), puts in the state the version 0 state
// that the previous version wrote from it (fix adjusts what DSS chose),
// and checks that neither the configuration nor its rewrite with HCL
// objects (rewrites) plans a change, that a refresh stores schema version
// 1 in the user's form, and that an apply of the objects with the first
// 7 changed to 8 writes it and plans nothing after.
func testHCLObjectUpgrade(t *testing.T, name string, rewrites [][2]string, fix func(dir, state string) string) {
	t.Helper()
	env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
	cfgV0, err := os.ReadFile(filepath.Join("testdata", "state_v0", name+".tf"))
	if err != nil {
		t.Fatal(err)
	}
	stateV0, err := os.ReadFile(filepath.Join("testdata", "state_v0", name+"-v0.tfstate-json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": string(cfgV0)})
	acctest.MustTerraform(t, dir, env, nil, "apply", "-auto-approve", "-no-color")
	t.Cleanup(func() { _, _ = acctest.RunTerraform(t, dir, env, "destroy", "-auto-approve", "-no-color") })
	old := string(stateV0)
	if fix != nil {
		old = fix(dir, old)
	}
	if err := os.WriteFile(filepath.Join(dir, "terraform.tfstate"), []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}

	// The old configuration on the old state: nothing to do.
	if out, err := acctest.RunTerraform(t, dir, env, "plan", "-detailed-exitcode", "-no-color"); err != nil {
		t.Fatalf("plan of the unchanged configuration on the version 0 state is not empty: %v\n%s", err, acctest.Tail(out, 6000))
	}
	// The configuration rewritten with HCL objects: nothing to do either.
	objects := string(cfgV0)
	for _, r := range rewrites {
		if !strings.Contains(objects, r[0]) {
			t.Fatalf("%s.tf lacks %s", name, r[0])
		}
		objects = strings.Replace(objects, r[0], r[1], 1)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(objects), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := acctest.RunTerraform(t, dir, env, "plan", "-detailed-exitcode", "-no-color"); err != nil {
		t.Fatalf("plan of the configuration in HCL objects on the version 0 state is not empty: %v\n%s", err, acctest.Tail(out, 6000))
	}
	// Refreshed, the state is at version 1 and keeps the user's form.
	acctest.MustTerraform(t, dir, env, nil, "apply", "-refresh-only", "-auto-approve", "-no-color")
	for _, r := range acctest.StateResources(t, dir) {
		if v := r.Instances[0].SchemaVersion; v != 1 {
			t.Errorf("%s: schema_version %d after a refresh, want 1", r.Type, v)
		}
		for _, attr := range []string{"params", "permissions", "reporters"} {
			v := r.Instances[0].Attributes[attr]
			if v == nil {
				continue
			}
			// A dynamic attribute's state is its value and its type.
			if dynamic, _ := v.(map[string]any); dynamic["type"] != "string" {
				t.Errorf("%s %s after the upgrade: %v, want the jsonencode form kept", r.Type, attr, v)
			}
		}
	}
	// The object form applied with a change.
	objects = strings.Replace(objects, "= 7", "= 8", 1)
	objects = strings.Replace(objects, "= 2 }", "= 8 }", 1)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(objects), 0o600); err != nil {
		t.Fatal(err)
	}
	acctest.MustTerraform(t, dir, env, nil, "apply", "-auto-approve", "-no-color")
	if out, err := acctest.RunTerraform(t, dir, env, "plan", "-detailed-exitcode", "-no-color"); err != nil {
		t.Fatalf("plan after the apply is not empty: %v\n%s", err, acctest.Tail(out, 6000))
	}
}

// testStateAttr reads an attribute of the only instance of a resource
// type from dir's state file.
func testStateAttr(t *testing.T, dir, typ, attr string) string {
	t.Helper()
	for _, r := range acctest.StateResources(t, dir) {
		if r.Type == typ && len(r.Instances) == 1 {
			return fmt.Sprint(r.Instances[0].Attributes[attr])
		}
	}
	t.Fatalf("no %s in the state", typ)
	return ""
}
