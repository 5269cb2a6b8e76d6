package dataset_test

import (
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
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/dataset"
)

const testRuleAddr = "dataiku_data_quality_rule.test"

// testAccCheckRulesDestroyed asserts through the admin client that every
// rule of the state is gone (its dataset or project may be gone too).
func testAccCheckRulesDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "dataiku_data_quality_rule" {
				continue
			}
			a := rs.Primary.Attributes
			_, err := acctest.Client(t).GetDataQualityRule(acctest.Ctx(t), a["project_key"], a["dataset_name"], rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("rule %s.%s.%s still exists", a["project_key"], a["dataset_name"], rs.Primary.ID)
			}
			if !dss.IsRuleNotFound(err) && !dss.IsNotFound(err) {
				return fmt.Errorf("checking rule %s: %w", rs.Primary.ID, err)
			}
		}
		return nil
	}
}

func testAccRuleConfig(key, dataset, ruleType, name, extra string) string {
	return fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "Data quality"
}

resource "dataiku_dataset" "d" {
  project_key     = dataiku_project.p.project_key
  name            = %[2]q
  type            = "Filesystem"
  connection_name = "filesystem_root"
}

resource "dataiku_data_quality_rule" "test" {
  project_key  = dataiku_dataset.d.project_key
  dataset_name = dataiku_dataset.d.name
  name         = %[4]q
  type         = %[3]q
  %[5]s
}
`, key, dataset, ruleType, name, extra)
}

// emptyAfterApply is the plan check every step has: nothing left to do.
var emptyAfterApply = []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}

func TestAccDataQualityRule_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DQ")
	var ruleID string
	idOf := func(s *terraform.State) string { return s.RootModule().Resources[testRuleAddr].Primary.ID }
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testAccCheckRulesDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: testAccRuleConfig(key, "orders", "RecordCountInRangeRule", "enough rows",
				`config = { minimum = 1, minimumEnabled = true }`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: emptyAfterApply},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testRuleAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{8}$`))),
				statecheck.ExpectKnownValue(testRuleAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(testRuleAddr, tfjsonpath.New("auto_run"), knownvalue.Bool(true)),
			},
			Check: func(s *terraform.State) error {
				ruleID = idOf(s)
				r, cfg := acctest.RuleInDSS(t, key, "orders", ruleID)
				if r == nil || r.Type != "RecordCountInRangeRule" || r.DisplayName != "enough rows" || fmt.Sprint(cfg) != "map[minimum:1 minimumEnabled:true]" {
					return fmt.Errorf("rule in DSS: %+v %v", r, cfg)
				}
				return nil
			},
		},
		{
			// Config, name and auto_run change in place: same id.
			Config: testAccRuleConfig(key, "orders", "RecordCountInRangeRule", "row count",
				"config = { minimum = 5, minimumEnabled = true, softMaximum = 1000, softMaximumEnabled = true }\n  auto_run = false"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testRuleAddr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: emptyAfterApply,
			},
			Check: func(s *terraform.State) error {
				if idOf(s) != ruleID {
					return fmt.Errorf("id changed: %s -> %s", ruleID, idOf(s))
				}
				r, cfg := acctest.RuleInDSS(t, key, "orders", ruleID)
				if r == nil || r.DisplayName != "row count" || r.AutoRun == nil || *r.AutoRun || cfg["minimum"] != "5" && fmt.Sprint(cfg["minimum"]) != "5" || fmt.Sprint(cfg["softMaximum"]) != "1000" {
					return fmt.Errorf("rule in DSS: %+v %v", r, cfg)
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(testRuleAddr, func(s *terraform.State) (string, error) { return key + ".orders." + idOf(s), nil }),
		acctest.ImportIdentityStep(t, testRuleAddr),
		{
			// Changed in DSS: a managed key is repaired, a field the
			// configuration does not write is kept.
			PreConfig: func() {
				c := acctest.Client(t)
				r, _ := acctest.RuleInDSS(t, key, "orders", ruleID)
				_ = r.SetConfigField("minimum", 99)
				_ = r.SetConfigField("uiNote", "set in DSS")
				if err := c.SaveDataQualityRule(acctest.Ctx(t), key, "orders", *r); err != nil {
					t.Fatal(err)
				}
			},
			Config: testAccRuleConfig(key, "orders", "RecordCountInRangeRule", "row count",
				"config = { minimum = 5, minimumEnabled = true, softMaximum = 1000, softMaximumEnabled = true }\n  auto_run = false"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testRuleAddr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: emptyAfterApply,
			},
			Check: func(s *terraform.State) error {
				_, cfg := acctest.RuleInDSS(t, key, "orders", ruleID)
				if fmt.Sprint(cfg["minimum"]) != "5" || cfg["uiNote"] != "set in DSS" {
					return fmt.Errorf("drift not repaired or unmanaged field lost: %v", cfg)
				}
				return nil
			},
		},
		{
			// A new type replaces the rule.
			Config: testAccRuleConfig(key, "orders", "ColumnNotEmptyRule", "row count", `config = jsonencode({ column = "id" })`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testRuleAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				PostApplyPostRefresh: emptyAfterApply,
			},
			Check: func(s *terraform.State) error {
				if old, _ := acctest.RuleInDSS(t, key, "orders", ruleID); old != nil || idOf(s) == ruleID {
					return fmt.Errorf("the old rule %s is still in DSS or kept its id", ruleID)
				}
				r, cfg := acctest.RuleInDSS(t, key, "orders", idOf(s))
				if r == nil || r.Type != "ColumnNotEmptyRule" || cfg["column"] != "id" {
					return fmt.Errorf("new rule in DSS: %+v %v", r, cfg)
				}
				return nil
			},
		},
	})
}

// testAccDatasetWithRule makes a project, a managed dataset and one rule
// through the admin client; the project goes at the end of the test.
func testAccDatasetWithRule(t *testing.T, key, name string) string {
	const ds = "orders"
	t.Helper()
	c, ctx := acctest.ProjectOutside(t, key, "Data quality"), acctest.Ctx(t)
	if err := c.CreateManagedDataset(ctx, key, ds, "filesystem_managed"); err != nil {
		t.Fatal(err)
	}
	if name == "" {
		return ""
	}
	rule := dss.DataQualityRule{Type: "ColumnNotEmptyRule", DisplayName: name}
	_ = rule.SetConfigField("column", "id")
	r, err := c.CreateDataQualityRule(ctx, key, ds, rule)
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}

func TestAccDataQualityRule_importBlockAndDeletedOutside(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DQIMP")
	id := testAccDatasetWithRule(t, key, "ids present")
	resourceCfg := fmt.Sprintf(`resource "dataiku_data_quality_rule" "test" {
  project_key  = %q
  dataset_name = "orders"
  name         = "ids present"
  type         = "ColumnNotEmptyRule"
  config       = jsonencode({ column = "id" })
}
`, key)
	importCfg := acctest.ImportBlock(testRuleAddr, key+".orders."+id) + resourceCfg
	acctest.Case(t, testAccCheckRulesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testRuleAddr, importCfg,
			statecheck.ExpectKnownValue(testRuleAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)))),
		acctest.EmptyPlanAfter(acctest.DeletedOutsideStep(t, testRuleAddr, resourceCfg,
			func() error { return acctest.Client(t).DeleteDataQualityRule(acctest.Ctx(t), key, "orders", id) },
			func(s *terraform.State) error {
				newID := s.RootModule().Resources[testRuleAddr].Primary.ID
				if r, _ := acctest.RuleInDSS(t, key, "orders", newID); r == nil || newID == id {
					return fmt.Errorf("rule not created again (old id %s, new %s)", id, newID)
				}
				return nil
			})),
	})
}

// A rule of a type the provider's list does not know (one a newer DSS
// adds) is adopted with an empty plan, changed in place, and kept as DSS
// has it: the known types are not a closed list.
func TestAccDataQualityRule_unknownTypeAdopted(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DQNEW")
	const newType = "ColumnValuesMatchPatternRule" // not in names.DataQualityRuleTypes
	for _, known := range dss.DataQualityRuleTypes {
		if strings.EqualFold(known, newType) {
			t.Fatalf("%s is a known type: the test needs an unknown one", newType)
		}
	}
	testAccDatasetWithRule(t, key, "")
	rule := dss.DataQualityRule{Type: newType, DisplayName: "codes match"}
	_ = rule.SetConfigField("column", "code")
	_ = rule.SetConfigField("pattern", "^[A-Z]{3}$")
	created, err := acctest.Client(t).CreateDataQualityRule(acctest.Ctx(t), key, "orders", rule)
	if err != nil {
		t.Fatal(err)
	}
	cfg := func(pattern string) string {
		return fmt.Sprintf(`resource "dataiku_data_quality_rule" "test" {
  project_key  = %q
  dataset_name = "orders"
  name         = "codes match"
  type         = %q
  config       = { column = "code", pattern = %q }
}
`, key, newType, pattern)
	}
	acctest.Case(t, testAccCheckRulesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testRuleAddr, acctest.ImportBlock(testRuleAddr, key+".orders."+created.ID)+cfg("^[A-Z]{3}$"),
			statecheck.ExpectKnownValue(testRuleAddr, tfjsonpath.New("type"), knownvalue.StringExact(newType)))),
		{
			Config:           cfg("^[A-Z]{2,3}$"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testRuleAddr, plancheck.ResourceActionUpdate)}, PostApplyPostRefresh: emptyAfterApply},
			Check: func(*terraform.State) error {
				r, c := acctest.RuleInDSS(t, key, "orders", created.ID)
				if r == nil || r.Type != newType || c["pattern"] != "^[A-Z]{2,3}$" || c["column"] != "code" {
					return fmt.Errorf("rule in DSS: %+v %v", r, c)
				}
				return nil
			},
		},
	})
}

// testAccRuleRetargeted applies cfg(from), then cfg(to), which changes
// the dataset the rule is on: the second apply is planned as an update of
// the rule (and of the resources in alsoUpdated), both applies leave an
// empty plan, and check judges the result knowing the rule's first id.
func testAccRuleRetargeted(t *testing.T, cfg func(dataset string) string, from, to string, alsoUpdated []string,
	check func(s *terraform.State, firstID string) error,
) {
	t.Helper()
	var firstID string
	updates := []plancheck.PlanCheck{}
	for _, addr := range append(alsoUpdated, testRuleAddr) {
		updates = append(updates, plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate))
	}
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testAccCheckRulesDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config:           cfg(from),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: emptyAfterApply},
			Check:            acctest.KeepID(testRuleAddr, &firstID),
		},
		{
			Config:           cfg(to),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: updates, PostApplyPostRefresh: emptyAfterApply},
			Check:            func(s *terraform.State) error { return check(s, firstID) },
		},
	})
}

// A dataset renamed in place keeps its rules: the rule's dataset_name
// follows and the rule is updated, not replaced, with the same id in DSS.
func TestAccDataQualityRule_survivesDatasetRename(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DQREN")
	cfg := func(ds string) string {
		return testAccRuleConfig(key, ds, "ColumnNotEmptyRule", "ids present", `config = jsonencode({ column = "id" })`)
	}
	testAccRuleRetargeted(t, cfg, "orders", "orders_v2", []string{"dataiku_dataset.d"}, func(s *terraform.State, ruleID string) error {
		if got := s.RootModule().Resources[testRuleAddr].Primary.ID; got != ruleID {
			return fmt.Errorf("the rule's id changed across the rename: %s -> %s", ruleID, got)
		}
		rules, err := acctest.Client(t).ListDataQualityRules(acctest.Ctx(t), key, "orders_v2")
		if err != nil || len(rules) != 1 || rules[0].ID != ruleID {
			return fmt.Errorf("rules of orders_v2 in DSS: %+v (want only %s), err %w", rules, ruleID, err)
		}
		return nil
	})
}

// A rule pointed at another dataset that exists is moved: created there
// (a new id) and deleted from the first, in one update.
func TestAccDataQualityRule_movedToAnotherDataset(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DQMOV")
	cfg := func(target string) string {
		return fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "Data quality"
}

resource "dataiku_dataset" "orders" {
  project_key     = dataiku_project.p.project_key
  name            = "orders"
  type            = "Filesystem"
  connection_name = "filesystem_root"
}

resource "dataiku_dataset" "archive" {
  project_key     = dataiku_project.p.project_key
  name            = "archive"
  type            = "Filesystem"
  connection_name = "filesystem_root"
}

resource "dataiku_data_quality_rule" "test" {
  project_key  = dataiku_project.p.project_key
  dataset_name = dataiku_dataset.%[2]s.name
  name         = "ids present"
  type         = "ColumnNotEmptyRule"
  config       = jsonencode({ column = "id" })
}
`, key, target)
	}
	testAccRuleRetargeted(t, cfg, "orders", "archive", nil, func(s *terraform.State, firstID string) error {
		id := s.RootModule().Resources[testRuleAddr].Primary.ID
		if old, _ := acctest.RuleInDSS(t, key, "orders", firstID); old != nil {
			return fmt.Errorf("the rule is still on orders: %+v", old)
		}
		if r, cfg := acctest.RuleInDSS(t, key, "archive", id); r == nil || id == firstID || cfg["column"] != "id" {
			return fmt.Errorf("rule %s on archive: %+v %v (first id %s)", id, r, cfg, firstID)
		}
		return nil
	})
}

// A key without rights on the project gets DSS's refusal with the
// resource's address; nothing is created.
func TestAccDataQualityRule_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_DQBOB")
	testAccDatasetWithRule(t, key, "")
	acctest.RefusedToBob(t, fmt.Sprintf("resource \"dataiku_data_quality_rule\" \"test\" {\n  project_key = %q\n  dataset_name = \"orders\"\n  name = \"bobs\"\n  type = \"ColumnNotEmptyRule\"\n}\n", key),
		regexp.MustCompile(`(?s)Cannot create dataiku_data_quality_rule "bobs" on dataset `+key+`\.orders.*UnauthorizedException.*lacks\s+a\s+project\s+permission`))
	if rules, err := acctest.Client(t).ListDataQualityRules(acctest.Ctx(t), key, "orders"); err != nil || len(rules) != 0 {
		t.Fatalf("rules after the refusal: %v %v", rules, err)
	}
}

// A rule on a dataset that does not exist gets DSS's not-found answer
// with the resource's address.
func TestAccDataQualityRule_missingDataset(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_DQMISS")
	testAccDatasetWithRule(t, key, "")
	acctest.Case(t, nil, []resource.TestStep{{
		Config:      fmt.Sprintf("resource \"dataiku_data_quality_rule\" \"test\" {\n  project_key = %q\n  dataset_name = \"not_there\"\n  name = \"x\"\n  type = \"ColumnNotEmptyRule\"\n}\n", key),
		ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_data_quality_rule "x" on dataset ` + key + `\.not_there.*DSS answered:.*dataset\s+does\s+not\s+exist`),
	}})
}

// The data source against seeded outcomes: the status and one result per
// rule, by id and name.
func TestAccDatasetDataQualityDataSource(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_DQDS")
	idA := testAccDatasetWithRule(t, key, "ids present")
	c := acctest.Client(t)
	rule := dss.DataQualityRule{Type: "RecordCountInRangeRule", DisplayName: "enough rows"}
	_ = rule.SetConfigField("minimum", 1)
	_ = rule.SetConfigField("minimumEnabled", true)
	rB, err := c.CreateDataQualityRule(acctest.Ctx(t), key, "orders", rule)
	if err != nil {
		t.Fatal(err)
	}
	seed := func(status string, outcomes map[string]emulator.SeededOutcome) func() {
		return func() {
			if err := em.Server.SeedDataQuality(key, "orders", emulator.DataQualitySeed{Status: status, Outcomes: outcomes}); err != nil {
				t.Fatal(err)
			}
		}
	}
	const addr = "data.dataiku_dataset_data_quality.q"
	cfg := fmt.Sprintf("data \"dataiku_dataset_data_quality\" \"q\" {\n  project_key = %q\n  dataset_name = \"orders\"\n}\n", key)
	acctest.Case(t, nil, []resource.TestStep{
		{
			// Nothing computed yet.
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("EMPTY")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("rules"), knownvalue.ListSizeExact(0)),
			},
		},
		{
			// Outcomes seeded by id and by name; the status follows the worst.
			PreConfig: seed("", map[string]emulator.SeededOutcome{
				idA:           {Outcome: "ERROR", Message: "3 empty values"},
				"enough rows": {Outcome: "WARNING", Message: "only 12 rows"},
			}),
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("ERROR")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("rules"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(idA), "name": knownvalue.StringExact("ids present"),
						"outcome": knownvalue.StringExact("ERROR"), "message": knownvalue.StringExact("3 empty values"),
						"computed_at": knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(rB.ID), "name": knownvalue.StringExact("enough rows"),
						"outcome": knownvalue.StringExact("WARNING"), "message": knownvalue.StringExact("only 12 rows")}),
				})),
			},
		},
		{
			// A seeded dataset status wins.
			PreConfig: seed("OK", nil),
			Config:    cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("OK")),
			},
		},
	})
	// Computing returns the seeded outcomes.
	seed("", map[string]emulator.SeededOutcome{"ids present": {Outcome: "WARNING", Message: "1 empty value"}})()
	raw, err := c.ComputeDataQualityRules(acctest.Ctx(t), key, "orders", "", idA)
	if err != nil || !strings.Contains(string(raw), `"outcome":"WARNING"`) {
		t.Fatalf("compute: %s %v", raw, err)
	}
}

func TestParseDataQualityRuleImportID(t *testing.T) {
	for id, ok := range map[string]bool{
		"SALES.orders.aB3dE5fG": true, "SALES.orders": false, "sales-x.orders.a": false,
		// Names follow DSS's rule (internal/dss/names): hyphens and spaces
		// are DSS's to judge; the rule id is last, so it may hold a dot.
		"SALES.disk-usage.aB3dE5fG": true, "SALES.or ders.a": true, "SALES.orders.a.b": true,
		"SALES.orders.a/b": false, "SALES..a": false, "SALES.orders.": false,
	} {
		_, _, _, err := dataset.ParseDataQualityRuleImportID(id)
		if (err == nil) != ok {
			t.Errorf("%q: err %v, want ok=%t", id, err, ok)
		}
	}
}

func TestDataQualityRuleTypesMatchEmulator(t *testing.T) {
	if fmt.Sprint(dss.DataQualityRuleTypes) != fmt.Sprint(emulator.DataQualityRuleTypes) || dataset.DataQualityPluginTypePrefix != emulator.DataQualityPluginTypePrefix {
		t.Fatal("the provider and the emulator know different rule types")
	}
}
