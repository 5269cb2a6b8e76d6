package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// dss-adopt adopts a knowledge bank and a retrieval-augmented LLM over it,
// which DSS holds as PROJECT.id: the LLM's knowledge_bank_id becomes a
// reference to the adopted bank (its bare id), the adopting apply imports
// both as they are, and the next plan is empty.
func TestAdoptRetrievalAugmentedLLM(t *testing.T) {
	setup := acctest.CliSetup(t)
	const adminKey = "adopt-rag-admin-key-9d2f41"
	run, c := startAdoptEmulator(t, emulator.Options{AdminKey: adminKey})
	ctx := context.Background()
	const key = "SUPPORT"
	if err := c.CreateProject(ctx, dss.CreateProjectRequest{ProjectKey: key, Name: "Support", Owner: emulator.AdminLogin}, ""); err != nil {
		t.Fatal(err)
	}
	bank, err := c.CreateKnowledgeBank(ctx, &dss.KnowledgeBank{ProjectKey: key, Name: "faq", VectorStoreType: "CHROMA", EmbeddingLLMID: "openai:conn:emb"})
	if err != nil {
		t.Fatal(err)
	}
	llm, err := c.CreateRetrievalAugmentedLLM(ctx, key, "faq assistant", bank, "openai:conn:gpt-4o")
	if err != nil {
		t.Fatal(err)
	}
	doc := dss.RetrievalAugmentedLLMDoc(key, llm)
	d, err := doc.Get(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	d.ActiveVersionSettings().KnowledgeBankRef = key + "." + bank
	if err := doc.Put(ctx, c, d); err != nil {
		t.Fatal(err)
	}

	env := adoptEnvironment(t, setup, run.URL(), adminKey)
	secrets := acctest.KeyForms(adminKey)
	dir := t.TempDir()
	code, stdout, stderr := adoptRun(t, "--out", dir, "--kinds", "project,knowledge_bank,retrieval_augmented_llm", "--projects", key)
	if code != 0 {
		t.Fatalf("adopt: exit %d\n%s\n%s", code, stdout, acctest.MaskSecrets(stderr, secrets))
	}
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`knowledge_bank_id\s*=\s*dataiku_knowledge_bank\.\w+\.id`).Match(generated) {
		t.Errorf("generated.tf does not refer to the adopted bank:\n%s", generated)
	}
	out := acctest.MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-input=false", "-no-color")
	if !strings.Contains(out, "3 imported, 0 added, 0 changed, 0 destroyed") {
		t.Errorf("the adopting apply did not import the project, the bank and the LLM as they are:\n%s", acctest.Tail(out, 4000))
	}
	requireAdoptedPlanEmpty(t, dir, env, secrets)
}
