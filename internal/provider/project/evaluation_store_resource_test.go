package project_test

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
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const evaluationStoreAddr = "dataiku_evaluation_store.test"

// testEvaluationStoreRaw reads a store's settings as DSS holds them.
func testEvaluationStoreRaw(t *testing.T, key, id string) map[string]any {
	t.Helper()
	return acctest.RawDoc(t, dss.EvaluationStoreDoc(key, id).Path())
}

// testEvaluationStoreIDs lists the ids of a project's stores (of every
// flavor) named name.
func testEvaluationStoreIDs(t *testing.T, key, name string) []string {
	t.Helper()
	stores, err := acctest.Client(t).ListAllEvaluationStores(acctest.Ctx(t), key)
	return acctest.IDsNamed(t, stores, err, name, func(s dss.EvaluationStore) (string, string) { return s.Name, s.ID })
}

// testCheckEvaluationStoresDestroyed asserts through the admin client that
// every store of the state is gone.
func testCheckEvaluationStoresDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckProjectObjectsGone(t, "dataiku_evaluation_store", func(key, id string) string { return dss.EvaluationStoreDoc(key, id).Path() })
}

// testEvaluationStoreOutside creates a store through the admin client, as
// dataikuapi's create_evaluation_store would.
func testEvaluationStoreOutside(t *testing.T, key, name, flavor string) string {
	t.Helper()
	id, err := acctest.Client(t).CreateEvaluationStore(acctest.Ctx(t), key, name, flavor)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func testAccEvaluationStoreConfig(key, project, store string) string {
	return testTwoProjectsConfig(key, "Evaluation stores") + fmt.Sprintf(`
resource "dataiku_evaluation_store" "test" {
  project_key = dataiku_project.%[1]s.project_key
%[2]s
}
`, project, store)
}

func TestAccEvaluationStore_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_EVALSTORE")
	created := `  name = "churn drift"
  tags = ["ml"]
  settings = {
    metricsChecks = { runOnBuild = true }
  }`
	updated := `  name        = "churn drift v2"
  description = "Weekly evaluations"
  tags        = ["ml"]
  settings = {
    metricsChecks = { runOnBuild = true }
  }`
	var storeID string
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testCheckEvaluationStoresDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: testAccEvaluationStoreConfig(key, "one", created),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(evaluationStoreAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{8}$`))),
				statecheck.ExpectKnownValue(evaluationStoreAddr, tfjsonpath.New("flavor"), knownvalue.StringExact("TABULAR")),
			},
			Check: func(s *terraform.State) error {
				storeID = s.RootModule().Resources[evaluationStoreAddr].Primary.ID
				d := testEvaluationStoreRaw(t, key, storeID)
				mc, _ := d["metricsChecks"].(map[string]any)
				if d["name"] != "churn drift" || d["mesFlavor"] != "TABULAR" || fmt.Sprint(d["tags"]) != "[ml]" || mc["runOnBuild"] != true {
					return fmt.Errorf("store in DSS: %v", d)
				}
				return nil
			},
		},
		{
			// In place: renamed, a description. Keys set in DSS by someone
			// else survive the read-modify-write.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.EvaluationStoreDoc(key, storeID).Path(), func(d map[string]any) {
					d["displayParams"] = map[string]any{"displayedMetrics": []any{"DATA_DRIFT"}}
					d["rebuildBehavior"] = "EXPLICIT"
				})
			},
			Config: testAccEvaluationStoreConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: evaluationStoreAddr, Attrs: []string{"name", "description"}},
			}},
			Check: func(s *terraform.State) error {
				if id := s.RootModule().Resources[evaluationStoreAddr].Primary.ID; id != storeID {
					return fmt.Errorf("the store was recreated: id %s, was %s", id, storeID)
				}
				d := testEvaluationStoreRaw(t, key, storeID)
				dp, _ := d["displayParams"].(map[string]any)
				mc, _ := d["metricsChecks"].(map[string]any)
				if d["name"] != "churn drift v2" || d["description"] != "Weekly evaluations" || d["mesFlavor"] != "TABULAR" ||
					fmt.Sprint(dp["displayedMetrics"]) != "[DATA_DRIFT]" || d["rebuildBehavior"] != "EXPLICIT" || mc["runOnBuild"] != true {
					return fmt.Errorf("after the update: %v", d)
				}
				return nil
			},
		},
		// settings: an import reads none (the configuration names the keys it manages).
		acctest.ImportVerifyStep(evaluationStoreAddr, acctest.ProjectObjectImportID(evaluationStoreAddr), "settings"),
		acctest.ImportIdentityStep(t, evaluationStoreAddr, "settings"),
		{
			// Changed outside Terraform: drift on the name and a managed
			// settings key only; the apply repairs them.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.EvaluationStoreDoc(key, storeID).Path(), func(d map[string]any) {
					d["name"] = "renamed in DSS"
					d["metricsChecks"].(map[string]any)["runOnBuild"] = false
				})
			},
			Config: testAccEvaluationStoreConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: evaluationStoreAddr, Attrs: []string{"name", "settings"}},
			}},
			Check: func(*terraform.State) error {
				d := testEvaluationStoreRaw(t, key, storeID)
				if mc, _ := d["metricsChecks"].(map[string]any); d["name"] != "churn drift v2" || mc["runOnBuild"] != true {
					return fmt.Errorf("after the repair: %v", d)
				}
				return nil
			},
		},
		{
			// Another flavor: replaced, the old store is gone.
			Config: testAccEvaluationStoreConfig(key, "one", `  name   = "churn drift v2"
  flavor = "LLM"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(evaluationStoreAddr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: func(s *terraform.State) error {
				id := s.RootModule().Resources[evaluationStoreAddr].Primary.ID
				if id == storeID {
					return fmt.Errorf("the store was not replaced")
				}
				if _, err := dss.EvaluationStoreDoc(key, storeID).Get(acctest.Ctx(t), acctest.Client(t)); !dss.IsNotFound(err) {
					return fmt.Errorf("the old store %s: %w", storeID, err)
				}
				if d := testEvaluationStoreRaw(t, key, id); d["mesFlavor"] != "LLM" || d["name"] != "churn drift v2" {
					return fmt.Errorf("the LLM store: %v", d)
				}
				return nil
			},
		},
		// Another project: replaced, the old store is gone; an AGENT
		// store, which DSS's default list leaves out.
		movedToProject{config: testAccEvaluationStoreConfig(key, "two", `  name   = "agent evals"
  flavor = "AGENT"`),
			addr: evaluationStoreAddr, what: "stores", key: key, oldName: "churn drift v2", newName: "agent evals",
			ids: func(k, n string) []string { return testEvaluationStoreIDs(t, k, n) }}.step(),
	})
}

// A store adopted with an import block plans no change; one deleted
// outside Terraform is created again. One whose name another has is
// created beside it.
func TestAccEvaluationStore_importBlockAndDeletedOutside(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_EVALIMP")
	c := acctest.ProjectOutside(t, key, "Adopted evaluation stores")
	id := testEvaluationStoreOutside(t, key, "drift", dss.EvaluationStoreAgent)
	resourceCfg := fmt.Sprintf(`resource "dataiku_evaluation_store" "test" {
  project_key = %q
  name        = "drift"
  flavor      = "AGENT"
}
`, key)
	twin := fmt.Sprintf(`resource "dataiku_evaluation_store" "twin" {
  project_key = %q
  name        = "drift"
}
`, key)
	importCfg := acctest.ImportBlock(evaluationStoreAddr, key+"."+id) + resourceCfg
	acctest.Case(t, testCheckEvaluationStoresDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(evaluationStoreAddr, importCfg,
			statecheck.ExpectKnownValue(evaluationStoreAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
			statecheck.ExpectKnownValue(evaluationStoreAddr, tfjsonpath.New("flavor"), knownvalue.StringExact("AGENT"))),
		acctest.DeletedOutsideStep(t, evaluationStoreAddr, resourceCfg,
			func() error { return c.DeleteEvaluationStore(acctest.Ctx(t), key, id) },
			func(s *terraform.State) error {
				return acctest.OnlyStateID(s, evaluationStoreAddr, "stores named drift", testEvaluationStoreIDs(t, key, "drift"), id)
			}),
		twinStep(resourceCfg+twin, evaluationStoreAddr, "dataiku_evaluation_store.twin", "stores named drift", func() []string { return testEvaluationStoreIDs(t, key, "drift") }),
	})
}

// A lost answer to the create POST adopts the one store with the planned
// name that was not there before it: not the older one of the same name.
func TestAccEvaluationStore_lostPostRecovered(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_EVALLOST")
	testLostPostByName(t, lostPostByName{key: key, collection: "evaluationstores", addr: evaluationStoreAddr, what: "stores",
		outside: func(name string) string { return testEvaluationStoreOutside(t, key, name, dss.EvaluationStoreTabular) },
		config: func(name string) string {
			return fmt.Sprintf(`resource "dataiku_evaluation_store" "test" {
  project_key = %q
  name        = %q
}
`, key, name)
		},
		ids:       func(name string) []string { return testEvaluationStoreIDs(t, key, name) },
		destroyed: testCheckEvaluationStoresDestroyed(t)})
}

// A key without rights on the project is refused by DSS, quoted with the
// resource's address, and nothing is created.
func TestAccEvaluationStore_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_EVALBOB")
	acctest.ProjectOutside(t, key, "Admin's")
	refusedToBobNamedBobs(t, "dataiku_evaluation_store", key, fmt.Sprintf(`resource "dataiku_evaluation_store" "test" {
  project_key = %q
  name        = "bobs"
}
`, key), "stores", func(name string) []string { return testEvaluationStoreIDs(t, key, name) })
}

// A flow zone holds the store by its id; destroying the store takes it
// out of the zone, and the zone plans no change after.
func TestAccEvaluationStore_inFlowZone(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_EVALZONE")
	project := fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %q
  name        = "Evaluation zone"
}
`, key)
	store := `
resource "dataiku_evaluation_store" "test" {
  project_key = dataiku_project.p.project_key
  name        = "zoned"
}
`
	zone := func(items string) string {
		return fmt.Sprintf(`
resource "dataiku_flow_zone" "z" {
  project_key = dataiku_project.p.project_key
  name        = "Evaluation"
  items       = [%s]
}
`, items)
	}
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testCheckEvaluationStoresDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: project + store + zone(`{ type = "MODEL_EVALUATION_STORE", id = dataiku_evaluation_store.test.id }`),
			Check: func(s *terraform.State) error {
				id := s.RootModule().Resources[evaluationStoreAddr].Primary.ID
				z := s.RootModule().Resources["dataiku_flow_zone.z"].Primary.Attributes["id"]
				zd := acctest.RawDoc(t, dss.FlowZoneDoc(key, z).Path())
				if !strings.Contains(fmt.Sprint(zd["items"]), "objectId:"+id) {
					return fmt.Errorf("zone items in DSS: %v, want the store %s", zd["items"], id)
				}
				return nil
			},
		},
		{
			// The store goes, the zone is left empty: no drift after.
			Config: project + zone(""),
			Check: func(s *terraform.State) error {
				z := s.RootModule().Resources["dataiku_flow_zone.z"].Primary.Attributes["id"]
				if items, _ := acctest.RawDoc(t, dss.FlowZoneDoc(key, z).Path())["items"].([]any); len(items) != 0 {
					return fmt.Errorf("zone items after the store's destroy: %v", items)
				}
				return nil
			},
		},
	})
}

// What DSS could not take is refused at plan time, saying what is allowed.
func TestAccEvaluationStore_badInput(t *testing.T) {
	acctest.Parallel(t)
	testBadAttrs(t, []badAttr{
		{"name", `name = "  "`, `must not be blank`},
		{"flavor", `flavor = "llm"`, `DSS spells this evaluation store flavor "LLM"`},
		{"settings", `settings = { mesFlavor = "LLM" }`, `has an attribute of its own`},
	}, lineConfig("dataiku_evaluation_store", map[string]string{"name": `name = "ok"`}, "name", "flavor", "settings"))
}

func TestAccEvaluationStoreDataSource(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_EVALDS")
	cfg := fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "Evaluation store data sources"
}

resource "dataiku_evaluation_store" "a" {
  project_key = dataiku_project.p.project_key
  name        = "alpha"
  flavor      = "AGENT"
  tags        = ["genai"]
}

resource "dataiku_evaluation_store" "b" {
  project_key       = dataiku_project.p.project_key
  name              = "beta"
  short_description = "model drift"
}
`, key) + readBothWaysConfig("dataiku_evaluation_store")
	twin := `
resource "dataiku_evaluation_store" "twin" {
  project_key = dataiku_project.p.project_key
  name        = "alpha"
  flavor      = "LLM"
}
`
	acctest.Case(t, testCheckEvaluationStoresDestroyed(t), []resource.TestStep{
		{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.dataiku_evaluation_store.by_name", tfjsonpath.New("flavor"), knownvalue.StringExact("AGENT")),
				statecheck.ExpectKnownValue("data.dataiku_evaluation_store.by_name", tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("genai")})),
				statecheck.ExpectKnownValue("data.dataiku_evaluation_store.by_id", tfjsonpath.New("name"), knownvalue.StringExact("beta")),
				statecheck.ExpectKnownValue("data.dataiku_evaluation_store.by_id", tfjsonpath.New("flavor"), knownvalue.StringExact("TABULAR")),
				statecheck.ExpectKnownValue("data.dataiku_evaluation_store.by_id", tfjsonpath.New("short_description"), knownvalue.StringExact("model drift")),
			},
			Check: resource.TestCheckResourceAttrPair("data.dataiku_evaluation_store.by_name", "id", "dataiku_evaluation_store.a", "id"),
		},
		// Two stores named alpha, of two flavors: the name no longer says which.
		twoNamedStep(cfg+twin, "evaluation stores"),
	})
}
