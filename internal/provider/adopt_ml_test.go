package provider_test

import (
	"context"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// TestAdoptMLFlow adopts a Flow that trains, scores and evaluates with a
// saved model and embeds into a knowledge bank, as real projects do
// (issue 23: 33 such recipes were refused). The recipes are adopted with
// their refs to those objects as literal ids (the stores and banks are
// not among the kinds adopted here, and a saved model has no resource);
// the adopting apply writes nothing and the next plan is empty.
func TestAdoptMLFlow(t *testing.T) {
	site := startAdoptSite(t, emulator.Options{AdminKey: "adopt-ml-admin-key-5c1e77"})
	c, ctx := site.c, context.Background()
	const key = "CHURN"
	site.createProject(ctx, t, key, "Churn")
	for _, d := range []string{"customers", "customers_scored", "eval_metrics", "docs"} {
		if err := c.Post(ctx, dss.Path("projects", key, "datasets")+"/", nil, map[string]any{
			"projectKey": key, "name": d, "type": "Filesystem",
			"params": map[string]any{"connection": "filesystem_managed", "path": "/" + d}, "formatType": "csv", "formatParams": map[string]any{},
		}, nil); err != nil {
			t.Fatal(err)
		}
	}
	sm, err := c.CreateSavedModel(ctx, key, "churn model", "MLFLOW_PYFUNC", "BINARY_CLASSIFICATION")
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		ID string `json:"id"`
	}
	if err := c.Post(ctx, dss.Path("projects", key, "evaluationstores")+"/", map[string][]string{"flavor": {"TABULAR"}},
		map[string]any{"projectKey": key, "name": "churn evals"}, &out); err != nil {
		t.Fatal(err)
	}
	mes := out.ID
	if err := c.Post(ctx, dss.Path("projects", key, "knowledge-banks")+"/", nil,
		map[string]any{"name": "docs kb", "vectorStoreType": "CHROMA", "embeddingLLMId": "openai:conn:emb"}, &out); err != nil {
		t.Fatal(err)
	}
	kb := out.ID
	f := false
	role := func(refs ...string) map[string]dss.RecipeRole {
		var items []dss.RecipeRef
		for _, r := range refs {
			items = append(items, dss.RecipeRef{Ref: r})
		}
		return map[string]dss.RecipeRole{"main": {Items: items}}
	}
	outRole := func(name, ref string) map[string]dss.RecipeRole {
		return map[string]dss.RecipeRole{name: {Items: []dss.RecipeRef{{Ref: ref, AppendMode: &f}}}}
	}
	withModel := func(m map[string]dss.RecipeRole) map[string]dss.RecipeRole {
		m["model"] = dss.RecipeRole{Items: []dss.RecipeRef{{Ref: sm}}}
		return m
	}
	for _, p := range []dss.RecipePrototype{
		{Name: "train_churn", Type: "prediction_training", Inputs: role("customers"), Outputs: outRole("main", sm)},
		{Name: "score_churn", Type: "prediction_scoring", Inputs: withModel(role("customers")), Outputs: outRole("main", "customers_scored")},
		{Name: "evaluate_churn", Type: "evaluation", Inputs: withModel(role("customers")), Outputs: outRole("evaluationStore", mes)},
		{Name: "embed_docs", Type: "embed_documents", Inputs: role("docs"), Outputs: outRole("main", kb)},
	} {
		p.ProjectKey = key
		if _, err := c.CreateRecipe(ctx, p); err != nil {
			t.Fatalf("recipe %s: %v", p.Name, err)
		}
	}

	adopted := site.adopt(t, nil, "--kinds", "project,dataset,recipe", "--projects", key)
	generated := adopted.file(t, "generated.tf")
	expectContains(t, "generated.tf", string(generated), `"`+sm+`"`, `"`+mes+`"`, `"`+kb+`"`, `"prediction_training"`, "dataiku_dataset.churn_customers.name")
	adopted.apply(t, "9 imported, 0 added, 0 changed, 0 destroyed",
		"the adopting apply did not import the project, its 4 datasets and 4 recipes as they are")
	adopted.requirePlanEmpty(t)
}
