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

const ragLLMAddr = "dataiku_retrieval_augmented_llm.test"

// testRAGLLMRaw reads a retrieval-augmented LLM's settings as DSS holds
// them.
func testRAGLLMRaw(t *testing.T, key, id string) map[string]any {
	t.Helper()
	return acctest.RawDoc(t, dss.RetrievalAugmentedLLMDoc(key, id).Path())
}

// testRAGLLMVersion is the raw ragllmSettings of the version of id of a
// retrieval-augmented LLM's settings (nil when absent).
func testRAGLLMVersion(d map[string]any, id string) map[string]any {
	versions, _ := d["versions"].([]any)
	for _, v := range versions {
		if v, _ := v.(map[string]any); v["versionId"] == id {
			s, _ := v["ragllmSettings"].(map[string]any)
			return s
		}
	}
	return nil
}

// testRAGLLMIDs lists the ids of a project's retrieval-augmented LLMs
// named name.
func testRAGLLMIDs(t *testing.T, key, name string) []string {
	t.Helper()
	llms, err := acctest.Client(t).ListRetrievalAugmentedLLMs(acctest.Ctx(t), key)
	return acctest.IDsNamed(t, llms, err, name, func(l dss.RetrievalAugmentedLLM) (string, string) { return l.Name, l.ID })
}

// testCheckRAGLLMsDestroyed asserts through the admin client that every
// retrieval-augmented LLM of the state is gone.
func testCheckRAGLLMsDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckProjectObjectsGone(t, "dataiku_retrieval_augmented_llm", func(key, id string) string { return dss.RetrievalAugmentedLLMDoc(key, id).Path() })
}

// testRAGLLMOutside creates a retrieval-augmented LLM through the admin
// client, as dataikuapi's create_retrieval_augmented_llm would.
func testRAGLLMOutside(t *testing.T, key, name, bank string) string {
	t.Helper()
	id, err := acctest.Client(t).CreateRetrievalAugmentedLLM(acctest.Ctx(t), key, name, bank, "openai:conn:outside")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func testAccRAGLLMConfig(key, project, llm string) string {
	return testTwoProjectsConfig(key, "RAG") + fmt.Sprintf(`
resource "dataiku_knowledge_bank" "faq" {
  project_key       = dataiku_project.one.project_key
  name              = "faq"
  vector_store_type = "CHROMA"
  embedding_llm_id  = "openai:conn:text-embedding-3-small"
}

resource "dataiku_knowledge_bank" "handbook" {
  project_key       = dataiku_project.one.project_key
  name              = "handbook"
  vector_store_type = "FAISS"
  embedding_llm_id  = "openai:conn:text-embedding-3-small"
}

resource "dataiku_retrieval_augmented_llm" "test" {
  project_key = dataiku_project.%[1]s.project_key
%[2]s
}
`, project, llm)
}

func TestAccRetrievalAugmentedLLM_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_RAG")
	created := `  name              = "ask"
  knowledge_bank_id = dataiku_knowledge_bank.faq.id
  llm_id            = "openai:conn:gpt-4o"
  tags              = ["rag"]
  settings = {
    maxDocuments = 8
  }`
	updated := `  name              = "ask v2"
  knowledge_bank_id = dataiku_knowledge_bank.handbook.id
  llm_id            = "openai:conn:gpt-4o-mini"
  tags              = ["rag"]
  settings = {
    maxDocuments = 8
  }`
	var llmID, faqID, handbookID string
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testCheckRAGLLMsDestroyed(t), testCheckKnowledgeBanksDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: testAccRAGLLMConfig(key, "one", created),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ragLLMAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{8}$`))),
				statecheck.ExpectKnownValue(ragLLMAddr, tfjsonpath.New("active_version"), knownvalue.StringExact("v1")),
			},
			Check: func(s *terraform.State) error {
				llmID = s.RootModule().Resources[ragLLMAddr].Primary.ID
				faqID = s.RootModule().Resources["dataiku_knowledge_bank.faq"].Primary.ID
				handbookID = s.RootModule().Resources["dataiku_knowledge_bank.handbook"].Primary.ID
				d := testRAGLLMRaw(t, key, llmID)
				active := testRAGLLMVersion(d, "v1")
				if d["name"] != "ask" || d["activeVersion"] != "v1" || fmt.Sprint(d["tags"]) != "[rag]" ||
					active["llmId"] != "openai:conn:gpt-4o" || active["knowledgeBankRef"] != faqID || active["maxDocuments"] != 8.0 || active["searchType"] != "SIMILARITY" {
					return fmt.Errorf("LLM in DSS: %v", d)
				}
				return nil
			},
		},
		{
			// In place: renamed, another bank and LLM. A second version, a
			// top-level key and a key of the active version set in DSS by
			// someone else survive the read-modify-write, which rewrites
			// the active version only.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.RetrievalAugmentedLLMDoc(key, llmID).Path(), func(d map[string]any) {
					d["customFields"] = map[string]any{"owner_team": "genai"}
					d["versions"] = append(d["versions"].([]any), map[string]any{"versionId": "draft", "ragllmSettings": map[string]any{"llmId": "draft:llm", "knowledgeBankRef": faqID}})
					active := testRAGLLMVersion(d, "v1")
					active["includeContentInSources"] = true
				})
			},
			Config: testAccRAGLLMConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: ragLLMAddr, Attrs: []string{"name", "knowledge_bank_id", "llm_id"}},
			}},
			Check: func(s *terraform.State) error {
				if id := s.RootModule().Resources[ragLLMAddr].Primary.ID; id != llmID {
					return fmt.Errorf("the LLM was recreated: id %s, was %s", id, llmID)
				}
				d := testRAGLLMRaw(t, key, llmID)
				active := testRAGLLMVersion(d, "v1")
				draft := testRAGLLMVersion(d, "draft")
				custom, _ := d["customFields"].(map[string]any)
				if d["name"] != "ask v2" || active["llmId"] != "openai:conn:gpt-4o-mini" || active["knowledgeBankRef"] != handbookID ||
					active["includeContentInSources"] != true || active["maxDocuments"] != 8.0 || custom["owner_team"] != "genai" ||
					draft["llmId"] != "draft:llm" || draft["knowledgeBankRef"] != faqID || d["activeVersion"] != "v1" {
					return fmt.Errorf("after the update: %v", d)
				}
				return nil
			},
		},
		// settings: an import reads none (the configuration names the keys it manages).
		acctest.ImportVerifyStep(ragLLMAddr, acctest.ProjectObjectImportID(ragLLMAddr), "settings"),
		acctest.ImportIdentityStep(t, ragLLMAddr, "settings"),
		{
			// DSS holds the same bank as PROJECT.id: no change.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.RetrievalAugmentedLLMDoc(key, llmID).Path(), func(d map[string]any) {
					active := testRAGLLMVersion(d, "v1")
					active["knowledgeBankRef"] = key + "." + handbookID
				})
			},
			Config:           testAccRAGLLMConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		{
			// Changed outside Terraform: drift on the LLM and on a managed
			// settings key only; the apply repairs them.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.RetrievalAugmentedLLMDoc(key, llmID).Path(), func(d map[string]any) {
					active := testRAGLLMVersion(d, "v1")
					active["llmId"] = "edited:in:dss"
					active["maxDocuments"] = 2
				})
			},
			Config: testAccRAGLLMConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: ragLLMAddr, Attrs: []string{"llm_id", "settings"}},
			}},
			Check: func(*terraform.State) error {
				d := testRAGLLMRaw(t, key, llmID)
				active := testRAGLLMVersion(d, "v1")
				if active["llmId"] != "openai:conn:gpt-4o-mini" || active["maxDocuments"] != 8.0 || active["knowledgeBankRef"] != key+"."+handbookID {
					return fmt.Errorf("after the repair: %v", d)
				}
				return nil
			},
		},
		{
			// Another version made active in DSS: the resource now shows
			// that version, and the apply writes into it, leaving v1.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.RetrievalAugmentedLLMDoc(key, llmID).Path(), func(d map[string]any) { d["activeVersion"] = "draft" })
			},
			Config: testAccRAGLLMConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: ragLLMAddr, Attrs: []string{"knowledge_bank_id", "llm_id", "settings"}},
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ragLLMAddr, tfjsonpath.New("active_version"), knownvalue.StringExact("draft")),
			},
			Check: func(*terraform.State) error {
				d := testRAGLLMRaw(t, key, llmID)
				v1 := testRAGLLMVersion(d, "v1")
				draft := testRAGLLMVersion(d, "draft")
				if draft["llmId"] != "openai:conn:gpt-4o-mini" || draft["knowledgeBankRef"] != handbookID || draft["maxDocuments"] != 8.0 ||
					v1["llmId"] != "openai:conn:gpt-4o-mini" || v1["knowledgeBankRef"] != key+"."+handbookID {
					return fmt.Errorf("after the switch: %v", d)
				}
				return nil
			},
		},
		{
			// No active version declared in DSS [I]: the apply makes one,
			// named after the versions DSS holds, and declares it active.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.RetrievalAugmentedLLMDoc(key, llmID).Path(), func(d map[string]any) { d["activeVersion"] = nil })
			},
			Config: testAccRAGLLMConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				// active_version is unknown until the apply makes the version.
				acctest.ExpectOnlyChanged{Addr: ragLLMAddr, Attrs: []string{"knowledge_bank_id", "llm_id", "settings"}},
				plancheck.ExpectUnknownValue(ragLLMAddr, tfjsonpath.New("active_version")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ragLLMAddr, tfjsonpath.New("active_version"), knownvalue.StringExact("v2")),
			},
			Check: func(*terraform.State) error {
				d := testRAGLLMRaw(t, key, llmID)
				v2 := testRAGLLMVersion(d, "v2")
				if versions, _ := d["versions"].([]any); len(versions) != 3 || d["activeVersion"] != "v2" || v2["llmId"] != "openai:conn:gpt-4o-mini" {
					return fmt.Errorf("after the repair of the active version: %v", d)
				}
				return nil
			},
		},
		{
			// Another project, the bank named as PROJECT.id: replaced, the
			// old LLM is gone.
			Config: testAccRAGLLMConfig(key, "two", `  name              = "ask v2"
  knowledge_bank_id = "${dataiku_project.one.project_key}.${dataiku_knowledge_bank.faq.id}"
  llm_id            = "openai:conn:gpt-4o-mini"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(ragLLMAddr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: func(s *terraform.State) error {
				if ids := testRAGLLMIDs(t, key, "ask v2"); len(ids) != 0 {
					return fmt.Errorf("the old LLM is still in %s: %v", key, ids)
				}
				ids := testRAGLLMIDs(t, key+"_2", "ask v2")
				if len(ids) != 1 {
					return fmt.Errorf("LLMs in %s_2: %v", key, ids)
				}
				if active := testRAGLLMVersion(testRAGLLMRaw(t, key+"_2", ids[0]), "v1"); active["knowledgeBankRef"] != key+"."+faqID {
					return fmt.Errorf("the new LLM's bank: %v", active)
				}
				return nil
			},
		},
	})
}

// A retrieval-augmented LLM adopted with an import block plans no change,
// also when DSS holds its bank as PROJECT.id and the configuration names
// it by its bare id (as dss-adopt's references write it); one deleted
// outside Terraform is created again. One whose name another has is
// created beside it: DSS does not keep names unique.
func TestAccRetrievalAugmentedLLM_importBlockAndDeletedOutside(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_RAGIMP")
	c := acctest.ProjectOutside(t, key, "Adopted RAG LLMs")
	bank := testKnowledgeBankOutside(t, key, "handbook")
	id := testRAGLLMOutside(t, key, "ask", bank)
	acctest.EditOutside(t, dss.RetrievalAugmentedLLMDoc(key, id), func(d *dss.RetrievalAugmentedLLM) {
		d.ActiveVersionSettings().KnowledgeBankRef = key + "." + bank
	})
	resourceCfg := fmt.Sprintf(`resource "dataiku_retrieval_augmented_llm" "test" {
  project_key       = %q
  name              = "ask"
  knowledge_bank_id = %q
  llm_id            = "openai:conn:outside"
}
`, key, bank)
	twin := fmt.Sprintf(`resource "dataiku_retrieval_augmented_llm" "twin" {
  project_key       = %q
  name              = "ask"
  knowledge_bank_id = %q
  llm_id            = "openai:conn:twin"
}
`, key, bank)
	importCfg := acctest.ImportBlock(ragLLMAddr, key+"."+id) + resourceCfg
	acctest.Case(t, testCheckRAGLLMsDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(ragLLMAddr, importCfg,
			statecheck.ExpectKnownValue(ragLLMAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
			statecheck.ExpectKnownValue(ragLLMAddr, tfjsonpath.New("knowledge_bank_id"), knownvalue.StringExact(key+"."+bank))),
		acctest.DeletedOutsideStep(t, ragLLMAddr, resourceCfg,
			func() error { return c.DeleteRetrievalAugmentedLLM(acctest.Ctx(t), key, id) },
			func(s *terraform.State) error {
				return acctest.OnlyStateID(s, ragLLMAddr, "LLMs named ask", testRAGLLMIDs(t, key, "ask"), id)
			}),
		twinStep(resourceCfg+twin, ragLLMAddr, "dataiku_retrieval_augmented_llm.twin", "LLMs named ask", func() []string { return testRAGLLMIDs(t, key, "ask") }),
	})
}

// An LLM whose settings declare no active version (dataikuapi's
// active_version may be None) has no knowledge bank or LLM to read: it is
// adopted with neither written and no change, then given both, which
// makes and declares the active version. A new LLM without them is
// refused at plan time.
func TestAccRetrievalAugmentedLLM_noActiveVersionAdopted(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_RAGNOV")
	acctest.ProjectOutside(t, key, "RAG LLM without an active version")
	bank := testKnowledgeBankOutside(t, key, "handbook")
	id := testRAGLLMOutside(t, key, "ask", bank)
	acctest.EditOutside(t, dss.RetrievalAugmentedLLMDoc(key, id), func(d *dss.RetrievalAugmentedLLM) { d.ActiveVersion = "" })
	cfg := func(rest string) string {
		return fmt.Sprintf("resource \"dataiku_retrieval_augmented_llm\" \"test\" {\n  project_key = %q\n  name = \"ask\"\n%s}\n", key, rest)
	}
	acctest.Case(t, testCheckRAGLLMsDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(ragLLMAddr, acctest.ImportBlock(ragLLMAddr, key+"."+id)+cfg(""),
			statecheck.ExpectKnownValue(ragLLMAddr, tfjsonpath.New("llm_id"), knownvalue.Null()),
			statecheck.ExpectKnownValue(ragLLMAddr, tfjsonpath.New("knowledge_bank_id"), knownvalue.Null()))),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           cfg(fmt.Sprintf("  knowledge_bank_id = %q\n  llm_id = \"openai:conn:gpt-4o\"\n", bank)),
			ConfigPlanChecks: acctest.Plans(ragLLMAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				d := testRAGLLMRaw(t, key, id)
				active, _ := d["activeVersion"].(string)
				if v := testRAGLLMVersion(d, active); active == "" || v["llmId"] != "openai:conn:gpt-4o" || v["knowledgeBankRef"] != bank {
					return fmt.Errorf("LLM in DSS: %v", d)
				}
				return nil
			},
		}),
		{
			Config:      cfg("") + strings.Replace(cfg(""), `"test"`, `"new"`, 1),
			ExpectError: regexp.MustCompile(`(?s)A new retrieval-augmented LLM needs its knowledge bank.*A new retrieval-augmented LLM needs its LLM`),
		},
	})
}

// A lost answer to the create POST adopts the one LLM with the planned
// name that was not there before it: not the older one of the same name.
func TestAccRetrievalAugmentedLLM_lostPostRecovered(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_RAGLOST")
	var bank string
	testLostPostByName(t, lostPostByName{key: key, collection: "retrieval-augmented-llms", addr: ragLLMAddr, what: "LLMs",
		outside: func(name string) string {
			if bank == "" {
				bank = testKnowledgeBankOutside(t, key, "faq")
			}
			return testRAGLLMOutside(t, key, name, bank)
		},
		config: func(name string) string {
			return fmt.Sprintf(`resource "dataiku_retrieval_augmented_llm" "test" {
  project_key       = %q
  name              = %q
  knowledge_bank_id = %q
  llm_id            = "openai:conn:a"
}
`, key, name, bank)
		},
		ids:       func(name string) []string { return testRAGLLMIDs(t, key, name) },
		destroyed: testCheckRAGLLMsDestroyed(t)})
}

// A key without rights on the project is refused by DSS, quoted with the
// resource's address, and nothing is created.
func TestAccRetrievalAugmentedLLM_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_RAGBOB")
	acctest.ProjectOutside(t, key, "Admin's")
	bank := testKnowledgeBankOutside(t, key, "faq")
	refusedToBobNamedBobs(t, "dataiku_retrieval_augmented_llm", key, fmt.Sprintf(`resource "dataiku_retrieval_augmented_llm" "test" {
  project_key       = %q
  name              = "bobs"
  knowledge_bank_id = %q
  llm_id            = "openai:conn:a"
}
`, key, bank), "LLMs", func(name string) []string { return testRAGLLMIDs(t, key, name) })
}

// A knowledge bank DSS does not hold is DSS's refusal [I: the emulator's
// 400], quoted with the address; nothing is left in the state or in DSS.
func TestAccRetrievalAugmentedLLM_missingKnowledgeBank(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_RAGNOKB")
	acctest.ProjectOutside(t, key, "No bank")
	acctest.Case(t, testCheckRAGLLMsDestroyed(t), []resource.TestStep{{
		Config: fmt.Sprintf(`resource "dataiku_retrieval_augmented_llm" "test" {
  project_key       = %q
  name              = "nobank"
  knowledge_bank_id = "nosuchkb"
  llm_id            = "openai:conn:a"
}
`, key),
		ExpectError: regexp.MustCompile(`(?s)dataiku_retrieval_augmented_llm.*Knowledge\s+bank\s+does\s+not\s+exist:\s+` + key + `\.nosuchkb`),
	}})
	acctest.NoneInDSS(t, "LLMs named nobank", testRAGLLMIDs(t, key, "nobank"))
}

// What DSS could not take is refused at plan time, saying what is allowed.
func TestAccRetrievalAugmentedLLM_badInput(t *testing.T) {
	acctest.Parallel(t)
	testBadAttrs(t, []badAttr{
		{"name", `name = "  "`, `must not be blank`},
		{"knowledge_bank_id", `knowledge_bank_id = "a/b"`, `must be an object's name or id, or PROJECT_KEY.name`},
		{"llm_id", `llm_id = ""`, `must not be blank`},
		{"settings", `settings = { llmId = "x" }`, `has an attribute of its own`},
	}, lineConfig("dataiku_retrieval_augmented_llm", map[string]string{"name": `name = "ok"`, "knowledge_bank_id": `knowledge_bank_id = "kb"`, "llm_id": `llm_id = "llm:a"`},
		"name", "knowledge_bank_id", "llm_id", "settings"))
}

func TestAccRetrievalAugmentedLLMDataSource(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_RAGDS")
	cfg := fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "RAG data sources"
}

resource "dataiku_knowledge_bank" "kb" {
  project_key       = dataiku_project.p.project_key
  name              = "faq"
  vector_store_type = "CHROMA"
  embedding_llm_id  = "emb:a"
}

resource "dataiku_retrieval_augmented_llm" "a" {
  project_key       = dataiku_project.p.project_key
  name              = "alpha"
  knowledge_bank_id = dataiku_knowledge_bank.kb.id
  llm_id            = "llm:a"
  tags              = ["rag"]
}

resource "dataiku_retrieval_augmented_llm" "b" {
  project_key       = dataiku_project.p.project_key
  name              = "beta"
  knowledge_bank_id = dataiku_knowledge_bank.kb.id
  llm_id            = "llm:b"
}
`, key) + readBothWaysConfig("dataiku_retrieval_augmented_llm") + listAllConfig("dataiku_retrieval_augmented_llm")
	twin := `
resource "dataiku_retrieval_augmented_llm" "twin" {
  project_key       = dataiku_project.p.project_key
  name              = "alpha"
  knowledge_bank_id = dataiku_knowledge_bank.kb.id
  llm_id            = "llm:a"
}
`
	acctest.Case(t, testCheckRAGLLMsDestroyed(t), []resource.TestStep{
		{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.dataiku_retrieval_augmented_llm.by_name", tfjsonpath.New("llm_id"), knownvalue.StringExact("llm:a")),
				statecheck.ExpectKnownValue("data.dataiku_retrieval_augmented_llm.by_name", tfjsonpath.New("tags"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("rag")})),
				statecheck.ExpectKnownValue("data.dataiku_retrieval_augmented_llm.by_id", tfjsonpath.New("name"), knownvalue.StringExact("beta")),
				statecheck.ExpectKnownValue("data.dataiku_retrieval_augmented_llm.by_id", tfjsonpath.New("active_version"), knownvalue.StringExact("v1")),
				statecheck.ExpectKnownValue("data.dataiku_retrieval_augmented_llms.all", tfjsonpath.New("items"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.dataiku_retrieval_augmented_llms.all", tfjsonpath.New("items").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("alpha")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrPair("data.dataiku_retrieval_augmented_llm.by_name", "id", "dataiku_retrieval_augmented_llm.a", "id"),
				resource.TestCheckResourceAttrPair("data.dataiku_retrieval_augmented_llm.by_id", "knowledge_bank_id", "dataiku_knowledge_bank.kb", "id"),
			),
		},
		// Two LLMs named alpha: the name no longer says which.
		twoNamedStep(cfg+twin, "retrieval-augmented LLMs"),
	})
}
