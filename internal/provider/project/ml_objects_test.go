package project_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// testAccMLProject creates, outside Terraform, a project with datasets
// train, docs, questions and answers, a saved model "churn", a model evaluation store and a
// knowledge bank, as DSS's own client creates them (dataikuapi
// create_mlflow_pyfunc_model, create_model_evaluation_store,
// create_knowledge_bank). It returns the saved model's, the store's and
// the knowledge bank's ids.
func testAccMLProject(t *testing.T, key string) (sm, mes, kb string) {
	t.Helper()
	testAccRecipeProject(t, key, "train", "docs", "questions", "answers")
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	sm, err := c.CreateSavedModel(ctx, key, "churn", "MLFLOW_PYFUNC", "BINARY_CLASSIFICATION")
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		ID string `json:"id"`
	}
	if err := c.Post(ctx, dss.Path("projects", key, "evaluationstores")+"/", map[string][]string{"flavor": {"TABULAR"}},
		map[string]any{"projectKey": key, "name": "churn evaluations"}, &out); err != nil {
		t.Fatal(err)
	}
	mes = out.ID
	if err := c.Post(ctx, dss.Path("projects", key, "knowledge-banks")+"/", nil,
		map[string]any{"name": "faq", "vectorStoreType": "CHROMA", "embeddingLLMId": "openai:emb:text-embedding-3-small"}, &out); err != nil {
		t.Fatal(err)
	}
	return sm, mes, out.ID
}

// The data sources read what DSS holds: one saved model by name and by
// id, and the lists of each kind. An agent evaluation store is listed
// only when the flavor asks for it, as DSS's default list leaves it out.
func TestAccMLObjectDataSources(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_MLD")
	sm, mes, kb := testAccMLProject(t, key)
	agentStore, err := acctest.Client(t).CreateEvaluationStore(acctest.Ctx(t), key, "agent checks", dss.EvaluationStoreAgent)
	if err != nil {
		t.Fatal(err)
	}
	cfg := fmt.Sprintf(`
data "dataiku_saved_model" "by_name" {
  project_key = %[1]q
  name        = "churn"
}
data "dataiku_saved_model" "by_id" {
  project_key = %[1]q
  id          = data.dataiku_saved_model.by_name.id
}
data "dataiku_saved_models" "all" {
  project_key = %[1]q
}
data "dataiku_model_evaluation_stores" "all" {
  project_key = %[1]q
}
data "dataiku_model_evaluation_stores" "agent" {
  project_key = %[1]q
  flavor      = "AGENT"
}
data "dataiku_model_evaluation_stores" "llm" {
  project_key = %[1]q
  flavor      = "LLM"
}
data "dataiku_knowledge_banks" "all" {
  project_key = %[1]q
}
data "dataiku_flow_zones" "all" {
  project_key = %[1]q
}
`, key)
	str := knownvalue.StringExact
	acctest.Case(t, nil, []resource.TestStep{{
		// A known flavor in another case is refused at plan, as the
		// resource refuses it.
		Config: fmt.Sprintf(`
data "dataiku_model_evaluation_stores" "agent" {
  project_key = %q
  flavor      = "agent"
}
`, key),
		ExpectError: regexp.MustCompile(`(?s)DSS spells this evaluation store flavor\s+"AGENT",\s+not\s+"agent"`),
	}, {
		Config: cfg,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.dataiku_saved_model.by_name", tfjsonpath.New("id"), str(sm)),
			statecheck.ExpectKnownValue("data.dataiku_saved_model.by_name", tfjsonpath.New("saved_model_type"), str("MLFLOW_PYFUNC")),
			statecheck.ExpectKnownValue("data.dataiku_saved_model.by_name", tfjsonpath.New("prediction_type"), str("BINARY_CLASSIFICATION")),
			statecheck.ExpectKnownValue("data.dataiku_saved_model.by_id", tfjsonpath.New("name"), str("churn")),
			statecheck.ExpectKnownValue("data.dataiku_saved_models.all", tfjsonpath.New("items"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": str(sm), "name": str("churn")}),
			})),
			statecheck.ExpectKnownValue("data.dataiku_model_evaluation_stores.all", tfjsonpath.New("items"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": str(mes), "name": str("churn evaluations"), "flavor": str("TABULAR")}),
			})),
			statecheck.ExpectKnownValue("data.dataiku_model_evaluation_stores.agent", tfjsonpath.New("items"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": str(agentStore), "name": str("agent checks"), "flavor": str("AGENT")}),
			})),
			statecheck.ExpectKnownValue("data.dataiku_model_evaluation_stores.llm", tfjsonpath.New("items"), knownvalue.ListExact(nil)),
			statecheck.ExpectKnownValue("data.dataiku_knowledge_banks.all", tfjsonpath.New("items"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": str(kb), "vector_store_type": str("CHROMA")}),
			})),
			// The default zone holds them, as it holds every object no
			// other zone lists.
			statecheck.ExpectKnownValue("data.dataiku_flow_zones.all", tfjsonpath.New("zones").AtSliceIndex(0).AtMapKey("items"), knownvalue.SetPartial([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{"type": str("SAVED_MODEL"), "id": str(sm)}),
				knownvalue.ObjectExact(map[string]knownvalue.Check{"type": str("MODEL_EVALUATION_STORE"), "id": str(mes)}),
				knownvalue.ObjectExact(map[string]knownvalue.Check{"type": str("RETRIEVABLE_KNOWLEDGE"), "id": str(kb)}),
			})),
		},
	}})
}

// A name that matches nothing, or several saved models, is an error
// naming the project; names are not known to be unique, so a second "churn" makes
// the lookup by name ambiguous.
func TestAccSavedModelDataSource_byNameErrors(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_MLN")
	testAccMLProject(t, key)
	cfg := func(name string) string {
		return fmt.Sprintf(`
data "dataiku_saved_model" "m" {
  project_key = %q
  name        = %q
}
`, key, name)
	}
	acctest.Case(t, nil, []resource.TestStep{
		{Config: cfg("nope"), ExpectError: regexp.MustCompile(`has no saved model named "nope"`)},
		{
			PreConfig: acctest.Must(t, func() error {
				_, err := acctest.Client(t).CreateSavedModel(acctest.Ctx(t), key, "churn", "MLFLOW_PYFUNC", "")
				return err
			}),
			Config: cfg("churn"), ExpectError: regexp.MustCompile(`has 2 saved models named "churn"`),
		},
	})
}

// A prediction_training recipe whose output is a saved model, an
// embed_documents recipe writing a knowledge bank and a prompt recipe
// reading it: created, read back with an empty plan, imported as they are.
func TestAccRecipe_trainsSavedModel(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_RML")
	sm, _, kb := testAccMLProject(t, key)
	cfg := fmt.Sprintf(`
data "dataiku_saved_model" "churn" {
  project_key = %[1]q
  name        = "churn"
}

resource "dataiku_recipe" "test" {
  project_key = %[1]q
  name        = "train_churn"
  type        = "prediction_training"
  inputs      = { main = [{ ref = "train" }] }
  outputs     = { main = [{ ref = data.dataiku_saved_model.churn.id }] }
}

resource "dataiku_recipe" "embed" {
  project_key = %[1]q
  name        = "embed_docs"
  type        = "embed_documents"
  inputs      = { main = [{ ref = "docs" }] }
  outputs     = { main = [{ ref = %[2]q }] }
}

resource "dataiku_recipe" "ask" {
  project_key = %[1]q
  name        = "ask"
  type        = "prompt"
  inputs = {
    main           = [{ ref = "questions" }]
    knowledge_bank = [{ ref = %[2]q }]
  }
  outputs = { main = [{ ref = "answers" }] }
}
`, key, kb)
	acctest.Case(t, testAccCheckRecipesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg,
			Check: func(*terraform.State) error {
				s := testRecipeSettings(t, key, "train_churn")
				if s.Recipe.Type != "prediction_training" || testRecipeRefs(s.Recipe.Inputs, "main") != "train" || testRecipeRefs(s.Recipe.Outputs, "main") != sm {
					return fmt.Errorf("training recipe in DSS: %+v", s.Recipe)
				}
				if e := testRecipeSettings(t, key, "embed_docs"); testRecipeRefs(e.Recipe.Outputs, "main") != kb {
					return fmt.Errorf("embedding recipe in DSS: %+v", e.Recipe)
				}
				if p := testRecipeSettings(t, key, "ask"); testRecipeRefs(p.Recipe.Inputs, "knowledge_bank") != kb {
					return fmt.Errorf("prompt recipe in DSS: %+v", p.Recipe)
				}
				return nil
			},
		}),
		{ResourceName: testRecipeAddr, ImportState: true, ImportStateId: key + ".train_churn", ImportStateVerify: true},
		{ResourceName: "dataiku_recipe.embed", ImportState: true, ImportStateId: key + ".embed_docs", ImportStateVerify: true},
		{ResourceName: "dataiku_recipe.ask", ImportState: true, ImportStateId: key + ".ask", ImportStateVerify: true},
	})
}
