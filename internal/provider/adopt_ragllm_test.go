package provider_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// dss-adopt adopts a knowledge bank and a retrieval-augmented LLM over it,
// which DSS holds as PROJECT.id: the LLM's knowledge_bank_id becomes a
// reference to the adopted bank (its bare id), the adopting apply imports
// both as they are, and the next plan is empty.
func TestAdoptRetrievalAugmentedLLM(t *testing.T) {
	site := startAdoptSite(t, emulator.Options{AdminKey: "adopt-rag-admin-key-9d2f41"})
	c, ctx := site.c, context.Background()
	const key = "SUPPORT"
	site.createProject(ctx, t, key, "Support")
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

	adopted := site.adopt(t, nil, "--kinds", "project,knowledge_bank,retrieval_augmented_llm", "--projects", key)
	generated := adopted.file(t, "generated.tf")
	if !regexp.MustCompile(`knowledge_bank_id\s*=\s*dataiku_knowledge_bank\.\w+\.id`).Match(generated) {
		t.Errorf("generated.tf does not refer to the adopted bank:\n%s", generated)
	}
	adopted.apply(t, "3 imported, 0 added, 0 changed, 0 destroyed",
		"the adopting apply did not import the project, the bank and the LLM as they are")
	adopted.requirePlanEmpty(t)
}
