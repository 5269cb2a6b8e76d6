package project

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Data sources for the ML and LLM objects of a Flow: saved models, model
// evaluation stores and knowledge banks. There is no resource for them:
// Terraform declares the Flow, and these objects are made by training,
// evaluating and indexing, which DSS does. A configuration reads them to
// name them in a dataiku_recipe's inputs and outputs, by id.

func tagsList(tags []string) types.List {
	vals := make([]attr.Value, 0, len(tags))
	s := slices.Clone(tags)
	slices.Sort(s)
	for _, t := range s {
		vals = append(vals, types.StringValue(t))
	}
	return types.ListValueMust(types.StringType, vals)
}

// savedModelModel is dataiku_saved_model's model.
type savedModelModel struct {
	ProjectKey       types.String `tfsdk:"project_key"`
	ID               types.String `tfsdk:"id"`
	Name             types.String `tfsdk:"name"`
	SavedModelType   types.String `tfsdk:"saved_model_type"`
	PredictionType   types.String `tfsdk:"prediction_type"`
	Description      types.String `tfsdk:"description"`
	ShortDescription types.String `tfsdk:"short_description"`
	Tags             types.List   `tfsdk:"tags"`
}

func savedModelFromDSS(sm *dss.SavedModel) savedModelModel {
	return savedModelModel{
		ProjectKey: types.StringValue(sm.ProjectKey), ID: types.StringValue(sm.ID), Name: types.StringValue(sm.Name),
		SavedModelType: types.StringValue(sm.SavedModelType), PredictionType: types.StringValue(sm.PredictionType()),
		Description: types.StringValue(sm.Description), ShortDescription: types.StringValue(sm.ShortDesc), Tags: tagsList(sm.Tags),
	}
}

// NewSavedModelDataSource returns the dataiku_saved_model data source.
func NewSavedModelDataSource() datasource.DataSource {
	return &kit.DataSource[savedModelModel]{Name: "saved_model", SchemaFunc: savedModelDataSourceSchema,
		ReadObject: readSavedModelDataSource, Summary: savedModelDataSourceSummary}
}

func savedModelDataSourceSummary(m *savedModelModel) string {
	return kit.IDOrNameSummary("dataiku_saved_model", m.ProjectKey.ValueString(), m.ID, m.Name)
}

func savedModelDataSourceSchema() schema.Schema {
	id, name := kit.IDOrName("The saved model's id, which DSS generates (the `ref` recipes use).",
		"The saved model's name.")
	name.MarkdownDescription += " Saved model names are not known to be unique in a project, so a name that several saved models share is an error."
	return schema.Schema{
		MarkdownDescription: "Reads one DSS saved model (a model deployed to the Flow), by id (1 API call) or by name (1 call listing the project's saved models). " +
			"Use its `id` in a `dataiku_recipe`'s inputs or outputs, e.g. the `model` input of a `prediction_scoring` recipe. " +
			"The provider has no resource for saved models: DSS creates them when a model is trained or deployed.",
		Attributes: map[string]schema.Attribute{
			"project_key":       kit.ProjectKeyAttribute("the saved model"),
			"id":                id,
			"name":              name,
			"saved_model_type":  kit.ComputedString("How the model was made, as DSS says in `savedModelType`, e.g. `MLFLOW_PYFUNC`, `PROXY_MODEL` or `LLM_GENERIC`; empty when DSS does not say (models trained in DSS's visual ML may carry none)."),
			"prediction_type":   kit.ComputedString("The prediction type of its ML task (`miniTask.predictionType`), e.g. `BINARY_CLASSIFICATION`, `MULTICLASS` or `REGRESSION`; empty when it has none."),
			"description":       kit.ComputedString("Long description."),
			"short_description": kit.ComputedString("Short description."),
			"tags":              tagsAttribute(),
		},
	}
}

func readSavedModelDataSource(ctx context.Context, c *dss.Client, cfg *savedModelModel, diagnostics *diag.Diagnostics) error {
	key := cfg.ProjectKey.ValueString()
	if kit.Known(cfg.ID) {
		sm, err := dss.SavedModelDoc(key, cfg.ID.ValueString()).Get(ctx, c)
		if err != nil {
			return err
		}
		*cfg = savedModelFromDSS(sm)
		cfg.ProjectKey = types.StringValue(key)
		return nil
	}
	models, err := c.ListSavedModels(ctx, key)
	if err != nil {
		return err
	}
	var found []int
	for i := range models {
		if models[i].Name == cfg.Name.ValueString() {
			found = append(found, i)
		}
	}
	switch len(found) {
	case 0:
		diagnostics.AddError(savedModelDataSourceSummary(cfg), fmt.Sprintf("Project %s has no saved model named %q.", key, cfg.Name.ValueString()))
		return nil
	case 1:
	default:
		ids := make([]string, len(found))
		for j, i := range found {
			ids[j] = models[i].ID
		}
		diagnostics.AddError(savedModelDataSourceSummary(cfg), fmt.Sprintf(
			"Project %s has %d saved models named %q (ids %s); set id instead of name.", key, len(found), cfg.Name.ValueString(), strings.Join(ids, ", ")))
		return nil
	}
	*cfg = savedModelFromDSS(&models[found[0]])
	cfg.ProjectKey = types.StringValue(key)
	return nil
}

// byNameThenID is the sort key of objects DSS names freely: by name,
// then by id among namesakes.
func byNameThenID(name, id string) string { return name + "\x00" + id }

// tagsAttribute is the items' tags.
func tagsAttribute() schema.ListAttribute {
	return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags, sorted."}
}

// NewSavedModelsDataSource returns the dataiku_saved_models data source.
func NewSavedModelsDataSource() datasource.DataSource {
	return kit.InProject((*dss.Client).ListSavedModels, kit.ListDataSource[dss.SavedModel]{Name: "saved_models", List: "items", ListDescription: "The project's saved models, sorted by name then id.",
		Description: "Lists a project's saved models (1 API call). Their ids are what a `dataiku_recipe` names in its inputs and outputs.",
		Item: map[string]schema.Attribute{
			"id":               kit.ComputedString("Saved model id."),
			"name":             kit.ComputedString("Saved model name."),
			"saved_model_type": kit.ComputedString("`savedModelType`, e.g. `MLFLOW_PYFUNC`; empty when DSS does not say."),
			"prediction_type":  kit.ComputedString("`miniTask.predictionType`, e.g. `REGRESSION`; empty when it has none."),
			"tags":             tagsAttribute(),
		},
		SortKey: func(sm *dss.SavedModel) string { return byNameThenID(sm.Name, sm.ID) },
		Row: func(_ context.Context, _ kit.ListConfig, sm *dss.SavedModel, _ *diag.Diagnostics) map[string]attr.Value {
			m := savedModelFromDSS(sm)
			return map[string]attr.Value{"id": m.ID, "name": m.Name, "saved_model_type": m.SavedModelType,
				"prediction_type": m.PredictionType, "tags": m.Tags}
		},
	})
}

// NewModelEvaluationStoresDataSource returns the
// dataiku_model_evaluation_stores data source: the stores DSS lists by
// default, TABULAR (model evaluation stores) and LLM ones, or those of
// one flavor (DSS's ?flavor= [V project.py list_evaluation_stores]), the
// only way DSS lists AGENT ones.
func NewModelEvaluationStoresDataSource() datasource.DataSource {
	return kit.InProject(nil, kit.ListDataSource[dss.EvaluationStore]{Name: "model_evaluation_stores", List: "items", ListDescription: "The project's evaluation stores, sorted by name then id.",
		Description: "Lists a project's evaluation stores (1 API call): as DSS lists them by default, model evaluation stores (`TABULAR`) and LLM ones, " +
			"or those of one `flavor`. Their ids are what a `dataiku_recipe` names, e.g. the `evaluationStore` output of an `evaluation` recipe.",
		Config: map[string]schema.Attribute{
			// As the resource's flavor: a known flavor in another case is
			// refused, any other value is DSS's to judge.
			"flavor": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only list the stores of this flavor: `" + strings.Join(dss.EvaluationStoreFlavors, "`, `") + "` (DSS's default list leaves `" +
					dss.EvaluationStoreAgent + "` stores out). Another non-empty value is passed to DSS, which decides; a known flavor written in another case is refused at plan time. Unset: DSS's default list.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1), kit.KnownSpelling("evaluation store flavor", dss.EvaluationStoreFlavors...)}},
		},
		Read: func(ctx context.Context, c *dss.Client, cfg kit.ListConfig, _ *diag.Diagnostics) ([]dss.EvaluationStore, error) {
			return c.ListEvaluationStores(ctx, cfg.ProjectKey(), cfg.String("flavor").ValueString()) // "" when unset: DSS's default list
		},
		Item: map[string]schema.Attribute{
			"id":     kit.ComputedString("Evaluation store id."),
			"name":   kit.ComputedString("Evaluation store name."),
			"flavor": kit.ComputedString("`TABULAR` for a model evaluation store, `LLM` or `AGENT` (`mesFlavor`); empty when DSS does not say."),
			"tags":   tagsAttribute(),
		},
		SortKey: func(s *dss.EvaluationStore) string { return byNameThenID(s.Name, s.ID) },
		Row: func(_ context.Context, _ kit.ListConfig, s *dss.EvaluationStore, _ *diag.Diagnostics) map[string]attr.Value {
			return map[string]attr.Value{"id": types.StringValue(s.ID), "name": types.StringValue(s.Name),
				"flavor": types.StringValue(s.Flavor), "tags": tagsList(s.Tags)}
		},
	})
}

// NewKnowledgeBanksDataSource returns the dataiku_knowledge_banks data source.
func NewKnowledgeBanksDataSource() datasource.DataSource {
	return kit.InProject((*dss.Client).ListKnowledgeBanks, kit.ListDataSource[dss.KnowledgeBank]{Name: "knowledge_banks", List: "items", ListDescription: "The project's knowledge banks, sorted by name then id.",
		Description: "Lists a project's knowledge banks (1 API call). Their ids are what a `dataiku_recipe` names, " +
			"e.g. the output of an `embed_documents` recipe or the `knowledge_bank` input of a `prompt` recipe.",
		Item: map[string]schema.Attribute{
			"id":                kit.ComputedString("Knowledge bank id."),
			"name":              kit.ComputedString("Knowledge bank name."),
			"vector_store_type": kit.ComputedString("The vector store, e.g. `CHROMA` or `FAISS` (`vectorStoreType`)."),
			"embedding_llm_id":  kit.ComputedString("The LLM that embeds the documents (`embeddingLLMId`)."),
			"tags":              tagsAttribute(),
		},
		SortKey: func(kb *dss.KnowledgeBank) string { return byNameThenID(kb.Name, kb.ID) },
		Row: func(_ context.Context, _ kit.ListConfig, kb *dss.KnowledgeBank, _ *diag.Diagnostics) map[string]attr.Value {
			return map[string]attr.Value{"id": types.StringValue(kb.ID), "name": types.StringValue(kb.Name),
				"vector_store_type": types.StringValue(kb.VectorStoreType), "embedding_llm_id": types.StringValue(kb.EmbeddingLLMID), "tags": tagsList(kb.Tags)}
		},
	})
}
