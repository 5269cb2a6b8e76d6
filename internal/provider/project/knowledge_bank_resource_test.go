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
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

const knowledgeBankAddr = "dataiku_knowledge_bank.test"

// testKnowledgeBankRaw reads a bank's settings as DSS holds them.
func testKnowledgeBankRaw(t *testing.T, key, id string) map[string]any {
	t.Helper()
	return acctest.RawDoc(t, dss.KnowledgeBankDoc(key, id).Path())
}

// testKnowledgeBankIDs lists the ids of a project's banks named name.
func testKnowledgeBankIDs(t *testing.T, key, name string) []string {
	t.Helper()
	banks, err := acctest.Client(t).ListKnowledgeBanks(acctest.Ctx(t), key)
	return acctest.IDsNamed(t, banks, err, name, func(kb dss.KnowledgeBank) (string, string) { return kb.Name, kb.ID })
}

// testCheckKnowledgeBanksDestroyed asserts through the admin client that
// every bank of the state is gone.
func testCheckKnowledgeBanksDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckProjectObjectsGone(t, "dataiku_knowledge_bank", func(key, id string) string { return dss.KnowledgeBankDoc(key, id).Path() })
}

// testKnowledgeBankOutside creates a bank through the admin client, as
// dataikuapi's create_knowledge_bank would.
func testKnowledgeBankOutside(t *testing.T, key, name string) string {
	t.Helper()
	id, err := acctest.Client(t).CreateKnowledgeBank(acctest.Ctx(t), &dss.KnowledgeBank{ProjectKey: key, Name: name, VectorStoreType: "FAISS", EmbeddingLLMID: "emb:outside"})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func testAccKnowledgeBankConfig(key, project, bank string) string {
	return testTwoProjectsConfig(key, "Banks") + fmt.Sprintf(`
resource "dataiku_managed_folder" "images" {
  project_key = dataiku_project.one.project_key
  name        = "images"
}

resource "dataiku_knowledge_bank" "test" {
  project_key = dataiku_project.%[1]s.project_key
%[2]s
}
`, project, bank)
}

func TestAccKnowledgeBank_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_KB")
	created := `  name              = "faq"
  vector_store_type = "CHROMA"
  embedding_llm_id  = "openai:conn:text-embedding-3-small"
  images_folder_id  = dataiku_managed_folder.images.id
  metadata_schema   = { source = "string" }
  tags              = ["rag"]
  settings = {
    envSelection = { envMode = "EXPLICIT_ENV", envName = "rag" }
  }`
	updated := `  name                = "faq v2"
  vector_store_type   = "PINECONE"
  embedding_llm_id    = "openai:conn:text-embedding-3-large"
  connection_name     = "pinecone_prod"
  pinecone_index_name = "faq"
  images_folder_id    = dataiku_managed_folder.images.id
  metadata_schema     = { source = "string", page = "int" }
  tags                = ["rag"]
  settings = {
    envSelection = { envMode = "EXPLICIT_ENV", envName = "rag" }
  }`
	var bankID, folderID string
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testCheckKnowledgeBanksDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: testAccKnowledgeBankConfig(key, "one", created),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(knowledgeBankAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{8}$`))),
				statecheck.ExpectKnownValue(knowledgeBankAddr, tfjsonpath.New("connection_name"), knownvalue.Null()),
				statecheck.ExpectKnownValue(knowledgeBankAddr, tfjsonpath.New("metadata_schema"), knownvalue.MapExact(map[string]knownvalue.Check{"source": knownvalue.StringExact("string")})),
			},
			Check: func(s *terraform.State) error {
				bankID = s.RootModule().Resources[knowledgeBankAddr].Primary.ID
				folderID = s.RootModule().Resources["dataiku_managed_folder.images"].Primary.ID
				kb := testKnowledgeBankRaw(t, key, bankID)
				env, _ := kb["envSelection"].(map[string]any)
				if kb["name"] != "faq" || kb["vectorStoreType"] != "CHROMA" || kb["embeddingLLMId"] != "openai:conn:text-embedding-3-small" ||
					kb["managedFolderId"] != folderID || kb["multimodalColumn"] != dss.MultimodalColumnForImages ||
					fmt.Sprint(kb["metadataColumnsSchema"]) != "[map[name:source type:string]]" || fmt.Sprint(kb["tags"]) != "[rag]" ||
					env["envName"] != "rag" || kb["retrieverType"] != "VECTOR_STORE_BACKED" {
					return fmt.Errorf("bank in DSS: %v", kb)
				}
				return nil
			},
		},
		{
			// In place: renamed, another store and LLM; a key set in DSS by
			// someone else survives the read-modify-write.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.KnowledgeBankDoc(key, bankID).Path(), func(kb map[string]any) {
					kb["customFields"] = map[string]any{"owner_team": "genai"}
				})
			},
			Config: testAccKnowledgeBankConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: knowledgeBankAddr, Attrs: []string{"name", "vector_store_type", "embedding_llm_id", "connection_name", "pinecone_index_name", "metadata_schema"}},
			}},
			Check: func(s *terraform.State) error {
				if id := s.RootModule().Resources[knowledgeBankAddr].Primary.ID; id != bankID {
					return fmt.Errorf("the bank was recreated: id %s, was %s", id, bankID)
				}
				kb := testKnowledgeBankRaw(t, key, bankID)
				custom, _ := kb["customFields"].(map[string]any)
				if kb["name"] != "faq v2" || kb["vectorStoreType"] != "PINECONE" || kb["connection"] != "pinecone_prod" || kb["pineconeIndexName"] != "faq" ||
					fmt.Sprint(kb["metadataColumnsSchema"]) != "[map[name:page type:int] map[name:source type:string]]" || custom["owner_team"] != "genai" {
					return fmt.Errorf("after the update: %v", kb)
				}
				return nil
			},
		},
		// settings: an import reads none (the configuration names the keys it manages).
		acctest.ImportVerifyStep(knowledgeBankAddr, acctest.ProjectObjectImportID(knowledgeBankAddr), "settings"),
		acctest.ImportIdentityStep(t, knowledgeBankAddr, "settings"),
		{
			// DSS holds the same folder as PROJECT.id: no change.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.KnowledgeBankDoc(key, bankID).Path(), func(kb map[string]any) { kb["managedFolderId"] = key + "." + folderID })
			},
			Config:           testAccKnowledgeBankConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		{
			// Changed outside Terraform: drift on the embedding LLM and on a
			// managed settings key only; the apply repairs them.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.KnowledgeBankDoc(key, bankID).Path(), func(kb map[string]any) {
					kb["embeddingLLMId"] = "edited:in:dss"
					kb["envSelection"] = map[string]any{"envMode": "INHERIT"}
				})
			},
			Config: testAccKnowledgeBankConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: knowledgeBankAddr, Attrs: []string{"embedding_llm_id", "settings"}},
			}},
			Check: func(*terraform.State) error {
				kb := testKnowledgeBankRaw(t, key, bankID)
				env, _ := kb["envSelection"].(map[string]any)
				if kb["embeddingLLMId"] != "openai:conn:text-embedding-3-large" || env["envName"] != "rag" || kb["managedFolderId"] != key+"."+folderID {
					return fmt.Errorf("after the repair: %v", kb)
				}
				return nil
			},
		},
		{
			// The images folder and the metadata removed: DSS holds none.
			Config: testAccKnowledgeBankConfig(key, "one", `  name              = "faq v2"
  vector_store_type = "PINECONE"
  embedding_llm_id  = "openai:conn:text-embedding-3-large"
  tags              = ["rag"]`),
			Check: func(*terraform.State) error {
				kb := testKnowledgeBankRaw(t, key, bankID)
				if kb["managedFolderId"] != nil || kb["multimodalColumn"] != nil || kb["connection"] != nil || len(kb["metadataColumnsSchema"].([]any)) != 0 {
					return fmt.Errorf("after the removal: %v", kb)
				}
				return nil
			},
		},
		// Another project: replaced, the old bank is gone.
		movedToProject{config: testAccKnowledgeBankConfig(key, "two", `  name              = "faq v2"
  vector_store_type = "PINECONE"
  embedding_llm_id  = "openai:conn:text-embedding-3-large"`),
			addr: knowledgeBankAddr, what: "banks", key: key, oldName: "faq v2", newName: "faq v2",
			ids: func(k, n string) []string { return testKnowledgeBankIDs(t, k, n) }}.step(),
	})
}

// A bank adopted with an import block plans no change, also when DSS
// holds its images folder as PROJECT.id and the configuration names it by
// its bare id (as dss-adopt's references write it); one deleted outside
// Terraform is created again. A bank whose name another bank has is
// created beside it: DSS does not keep names unique.
func TestAccKnowledgeBank_importBlockAndDeletedOutside(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_KBIMP")
	c := acctest.ProjectOutside(t, key, "Adopted banks")
	id := testKnowledgeBankOutside(t, key, "handbook")
	folder, err := c.CreateManagedFolder(acctest.Ctx(t), key, "images", "", "filesystem_folders", "/images")
	if err != nil {
		t.Fatal(err)
	}
	acctest.EditOutside(t, dss.KnowledgeBankDoc(key, id), func(kb *dss.KnowledgeBank) {
		kb.ManagedFolderID, kb.MultimodalColumn = key+"."+folder, dss.MultimodalColumnForImages
	})
	resourceCfg := fmt.Sprintf(`resource "dataiku_knowledge_bank" "test" {
  project_key       = %q
  name              = "handbook"
  vector_store_type = "FAISS"
  embedding_llm_id  = "emb:outside"
  images_folder_id  = %q
}
`, key, folder)
	twin := fmt.Sprintf(`resource "dataiku_knowledge_bank" "twin" {
  project_key       = %q
  name              = "handbook"
  vector_store_type = "CHROMA"
  embedding_llm_id  = "emb:twin"
}
`, key)
	importCfg := acctest.ImportBlock(knowledgeBankAddr, key+"."+id) + resourceCfg
	acctest.Case(t, testCheckKnowledgeBanksDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(knowledgeBankAddr, importCfg,
			statecheck.ExpectKnownValue(knowledgeBankAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
			statecheck.ExpectKnownValue(knowledgeBankAddr, tfjsonpath.New("images_folder_id"), knownvalue.StringExact(key+"."+folder))),
		acctest.DeletedOutsideStep(t, knowledgeBankAddr, resourceCfg,
			func() error { return c.DeleteKnowledgeBank(acctest.Ctx(t), key, id) },
			func(s *terraform.State) error {
				return acctest.OnlyStateID(s, knowledgeBankAddr, "banks named handbook", testKnowledgeBankIDs(t, key, "handbook"), id)
			}),
		twinStep(resourceCfg+twin, knowledgeBankAddr, "dataiku_knowledge_bank.twin", "banks named handbook", func() []string { return testKnowledgeBankIDs(t, key, "handbook") }),
	})
}

// A bank DSS holds without an embedding LLM (a key real documents may
// lack) imports with a configuration that leaves it unset and plans no
// change; setting it later writes it in place, and unsetting it again
// keeps what DSS holds rather than planning a change.
func TestAccKnowledgeBank_withoutEmbeddingLLM(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_KBNOEMB")
	c := acctest.ProjectOutside(t, key, "Banks without an embedding LLM")
	id, err := c.CreateKnowledgeBank(acctest.Ctx(t), &dss.KnowledgeBank{ProjectKey: key, Name: "bare", VectorStoreType: "FAISS"})
	if err != nil {
		t.Fatal(err)
	}
	if raw := testKnowledgeBankRaw(t, key, id); raw["embeddingLLMId"] != nil {
		t.Fatalf("the bank made outside has embeddingLLMId %v, want none", raw["embeddingLLMId"])
	}
	unset := fmt.Sprintf(`resource "dataiku_knowledge_bank" "test" {
  project_key = %q
  name        = "bare"
}
`, key)
	withLLM := strings.Replace(unset, `name        = "bare"`, `name        = "bare"
  embedding_llm_id = "emb:later"`, 1)
	embeddingInDSS := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			raw := testKnowledgeBankRaw(t, key, id)
			if got, _ := raw["embeddingLLMId"].(string); got != want || raw["vectorStoreType"] != "FAISS" {
				return fmt.Errorf("DSS holds embeddingLLMId %q and vectorStoreType %v, want %q and FAISS", got, raw["vectorStoreType"], want)
			}
			return nil
		}
	}
	acctest.Case(t, testCheckKnowledgeBanksDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(knowledgeBankAddr, acctest.ImportBlock(knowledgeBankAddr, key+"."+id)+unset,
			statecheck.ExpectKnownValue(knowledgeBankAddr, tfjsonpath.New("embedding_llm_id"), knownvalue.Null()),
			statecheck.ExpectKnownValue(knowledgeBankAddr, tfjsonpath.New("vector_store_type"), knownvalue.StringExact("FAISS"))),
		{Config: withLLM, ConfigPlanChecks: acctest.Plans(knowledgeBankAddr, plancheck.ResourceActionUpdate), Check: embeddingInDSS("emb:later")},
		{Config: unset, ConfigPlanChecks: acctest.Plans(knowledgeBankAddr, plancheck.ResourceActionNoop), Check: embeddingInDSS("emb:later")},
	})
}

// A new bank without a vector store is refused at plan time, since DSS
// cannot create one; the same configuration on a bank that exists is
// accepted (TestAccKnowledgeBank_withoutEmbeddingLLM).
func TestAccKnowledgeBank_newWithoutVectorStore(t *testing.T) {
	acctest.Parallel(t)
	acctest.Case(t, nil, []resource.TestStep{{
		Config: `resource "dataiku_knowledge_bank" "test" {
  project_key = "P"
  name        = "no_store"
}
`,
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)A new knowledge bank needs a vector store.*set\s+vector_store_type`),
	}})
}

// A lost answer to the create POST adopts the one bank with the planned
// name that was not there before it: not the older bank of the same name.
func TestAccKnowledgeBank_lostPostRecovered(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_KBLOST")
	testLostPostByName(t, lostPostByName{key: key, collection: "knowledge-banks", addr: knowledgeBankAddr, what: "banks",
		outside: func(name string) string { return testKnowledgeBankOutside(t, key, name) },
		config: func(name string) string {
			return fmt.Sprintf(`resource "dataiku_knowledge_bank" "test" {
  project_key       = %q
  name              = %q
  vector_store_type = "CHROMA"
  embedding_llm_id  = "emb:a"
}
`, key, name)
		},
		ids:       func(name string) []string { return testKnowledgeBankIDs(t, key, name) },
		destroyed: testCheckKnowledgeBanksDestroyed(t)})
}

// A key without rights on the project is refused by DSS, quoted with the
// resource's address, and nothing is created.
func TestAccKnowledgeBank_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_KBBOB")
	acctest.ProjectOutside(t, key, "Admin's")
	refusedToBobNamedBobs(t, "dataiku_knowledge_bank", key, fmt.Sprintf(`resource "dataiku_knowledge_bank" "test" {
  project_key       = %q
  name              = "bobs"
  vector_store_type = "CHROMA"
  embedding_llm_id  = "emb:a"
}
`, key), "banks", func(name string) []string { return testKnowledgeBankIDs(t, key, name) })
}

// What DSS could not take is refused at plan time, saying what is allowed.
func TestAccKnowledgeBank_badInput(t *testing.T) {
	acctest.Parallel(t)
	testBadAttrs(t, []badAttr{
		{"name", `name = "  "`, `must not be blank`},
		{"images_folder_id", `images_folder_id = "a/b"`, `must be an object's name or id, or PROJECT_KEY.name`},
		{"metadata_schema", `metadata_schema = { source = "" }`, `must not be blank`},
		{"settings", `settings = { vectorStoreType = "CHROMA" }`, `has an attribute of its own`},
	}, func(c badAttr) string {
		name := `name = "ok"`
		if c.attr == "name" {
			name = c.line
		}
		return fmt.Sprintf("resource \"dataiku_knowledge_bank\" \"test\" {\n  project_key = \"P\"\n  %s\n  vector_store_type = \"CHROMA\"\n  embedding_llm_id = \"emb:a\"\n  %s\n}\n",
			name, strings.TrimPrefix(c.line, name))
	})
}

func TestAccKnowledgeBankDataSource(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_KBDS")
	cfg := fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "Bank data sources"
}

resource "dataiku_knowledge_bank" "a" {
  project_key       = dataiku_project.p.project_key
  name              = "alpha"
  vector_store_type = "CHROMA"
  embedding_llm_id  = "emb:a"
  metadata_schema   = { source = "string" }
}

resource "dataiku_knowledge_bank" "b" {
  project_key       = dataiku_project.p.project_key
  name              = "beta"
  vector_store_type = "FAISS"
  embedding_llm_id  = "emb:b"
}
`, key) + readBothWaysConfig("dataiku_knowledge_bank")
	twin := `
resource "dataiku_knowledge_bank" "twin" {
  project_key       = dataiku_project.p.project_key
  name              = "alpha"
  vector_store_type = "CHROMA"
  embedding_llm_id  = "emb:a"
}
`
	acctest.Case(t, testCheckKnowledgeBanksDestroyed(t), []resource.TestStep{
		{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.dataiku_knowledge_bank.by_name", tfjsonpath.New("metadata_schema"), knownvalue.MapExact(map[string]knownvalue.Check{"source": knownvalue.StringExact("string")})),
				statecheck.ExpectKnownValue("data.dataiku_knowledge_bank.by_id", tfjsonpath.New("name"), knownvalue.StringExact("beta")),
				statecheck.ExpectKnownValue("data.dataiku_knowledge_bank.by_id", tfjsonpath.New("vector_store_type"), knownvalue.StringExact("FAISS")),
			},
			Check: resource.TestCheckResourceAttrPair("data.dataiku_knowledge_bank.by_name", "id", "dataiku_knowledge_bank.a", "id"),
		},
		// Two banks named alpha: the name no longer says which.
		twoNamedStep(cfg+twin, "knowledge banks"),
	})
}

// The lost-POST lookup adopts only a bank that was not there before the
// POST; none found means the POST may be sent again; two new banks of the
// name (someone created one meanwhile) cannot be told apart: an error
// naming both import IDs, and nothing adopted.
func TestAccKnowledgeBank_lostPostLookup(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_KBFIND")
	acctest.ProjectOutside(t, key, "Lost post lookups")
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	older := testKnowledgeBankOutside(t, key, "docs")
	if found, id, err := project.KnowledgeBankFindPosted(ctx, c, key, "docs", older); err != nil || found {
		t.Fatalf("only the older bank: found %v (%s), %v; want none", found, id, err)
	}
	mine := testKnowledgeBankOutside(t, key, "docs")
	if found, id, err := project.KnowledgeBankFindPosted(ctx, c, key, "docs", older); err != nil || !found || id != mine {
		t.Fatalf("one new bank: found %v (%s), %v; want %s", found, id, err, mine)
	}
	theirs := testKnowledgeBankOutside(t, key, "docs")
	found, id, err := project.KnowledgeBankFindPosted(ctx, c, key, "docs", older)
	if err == nil || found || id != "" {
		t.Fatalf("two new banks: found %v (%s), %v; want an error", found, id, err)
	}
	for _, want := range []string{key + "." + mine, key + "." + theirs, "cannot tell which one"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q: %v", want, err)
		}
	}
	if strings.Contains(err.Error(), older) {
		t.Errorf("the error names the bank that was there before: %v", err)
	}
}
