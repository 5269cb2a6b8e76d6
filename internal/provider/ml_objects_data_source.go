package provider

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
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// Data sources for the ML and LLM objects of a Flow: saved models, model
// evaluation stores and knowledge banks. There is no resource for them:
// Terraform declares the Flow, and these objects are made by training,
// evaluating and indexing, which DSS does. A configuration reads them to
// name them in a dataiku_recipe's inputs and outputs, by id.

func computedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}

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
	return &dataSourceKit[savedModelModel]{name: "saved_model", schema: savedModelDataSourceSchema,
		read: readSavedModelDataSource, summary: savedModelDataSourceSummary}
}

func savedModelDataSourceSummary(m *savedModelModel) string {
	return fmt.Sprintf("Cannot read data.dataiku_saved_model %q in project %s", m.ID.ValueString()+m.Name.ValueString(), m.ProjectKey.ValueString())
}

func savedModelDataSourceSchema() schema.Schema {
	oneOf := []validator.String{stringvalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")), stringvalidator.LengthAtLeast(1)}
	return schema.Schema{
		MarkdownDescription: "Reads one DSS saved model (a model deployed to the Flow), by id (1 API call) or by name (1 call listing the project's saved models). " +
			"Use its `id` in a `dataiku_recipe`'s inputs or outputs, e.g. the `model` input of a `prediction_scoring` recipe. " +
			"The provider has no resource for saved models: DSS creates them when a model is trained or deployed.",
		Attributes: map[string]schema.Attribute{
			"project_key": projectKeyAttribute("the saved model"),
			"id": schema.StringAttribute{Optional: true, Computed: true, Validators: oneOf,
				MarkdownDescription: "The saved model's id, which DSS generates (the `ref` recipes use). Exactly one of `id` and `name` must be set."},
			"name": schema.StringAttribute{Optional: true, Computed: true, Validators: oneOf,
				MarkdownDescription: "The saved model's name. Exactly one of `id` and `name` must be set. Saved model names are not known to be unique in a project, so a name that several saved models share is an error."},
			"saved_model_type":  computedString("How the model was made, as DSS says in `savedModelType`, e.g. `MLFLOW_PYFUNC`, `PROXY_MODEL` or `LLM_GENERIC`; empty when DSS does not say (models trained in DSS's visual ML may carry none)."),
			"prediction_type":   computedString("The prediction type of its ML task (`miniTask.predictionType`), e.g. `BINARY_CLASSIFICATION`, `MULTICLASS` or `REGRESSION`; empty when it has none."),
			"description":       computedString("Long description."),
			"short_description": computedString("Short description."),
			"tags":              tagsAttribute(),
		},
	}
}

func readSavedModelDataSource(ctx context.Context, c *dss.Client, cfg *savedModelModel, diagnostics *diag.Diagnostics) error {
	key := cfg.ProjectKey.ValueString()
	if known(cfg.ID) {
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

// listDataSourceModel is the model of the three list data sources: the
// project, and the objects as a list.
type listDataSourceModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Items      types.List   `tfsdk:"items"`
}

// objectListSchema is the schema of a data source listing a project's
// objects of one kind: items holds, per object, the given attributes.
func objectListSchema(desc string, what string, attrs map[string]schema.Attribute) schema.Schema {
	return schema.Schema{
		MarkdownDescription: desc,
		Attributes: map[string]schema.Attribute{
			"id":          computedString("The project key."),
			"project_key": projectKeyAttribute(""),
			"items": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The project's " + what + ", sorted by name then id.",
				NestedObject: schema.NestedAttributeObject{Attributes: attrs}},
		},
	}
}

// projectObjectList is a data source listing a project's objects of one
// kind, T, with one DSS list call: what differs between kinds is the call,
// the item attributes and how one object fills them. Items are sorted by
// name then id, so the list is stable whatever order DSS answers in.
type projectObjectList[T any] struct {
	name, desc, what string
	attrs            map[string]schema.Attribute
	list             func(ctx context.Context, c *dss.Client, key string) ([]T, error)
	// row gives an object's name and id (the sort keys) and its item.
	row func(*T) (name, id string, item map[string]attr.Value)
}

func (l projectObjectList[T]) dataSource() datasource.DataSource {
	attrTypes := make(map[string]attr.Type, len(l.attrs))
	for n, a := range l.attrs {
		attrTypes[n] = a.GetType()
	}
	itemType := types.ObjectType{AttrTypes: attrTypes}
	return &dataSourceKit[listDataSourceModel]{name: l.name,
		schema: func() schema.Schema { return objectListSchema(l.desc, l.what, l.attrs) },
		summary: func(m *listDataSourceModel) string {
			return "Cannot read data.dataiku_" + l.name + " of project " + m.ProjectKey.ValueString()
		},
		read: func(ctx context.Context, c *dss.Client, cfg *listDataSourceModel, diagnostics *diag.Diagnostics) error {
			objects, err := l.list(ctx, c, cfg.ProjectKey.ValueString())
			if err != nil {
				return err
			}
			type keyed struct {
				name, id string
				item     map[string]attr.Value
			}
			rows := make([]keyed, 0, len(objects))
			for i := range objects {
				n, id, item := l.row(&objects[i])
				rows = append(rows, keyed{n, id, item})
			}
			slices.SortFunc(rows, func(a, b keyed) int {
				if c := strings.Compare(a.name, b.name); c != 0 {
					return c
				}
				return strings.Compare(a.id, b.id)
			})
			items := make([]attr.Value, 0, len(rows))
			for _, r := range rows {
				obj, diags := types.ObjectValue(attrTypes, r.item)
				diagnostics.Append(diags...)
				items = append(items, obj)
			}
			list, diags := types.ListValue(itemType, items)
			diagnostics.Append(diags...)
			cfg.ID, cfg.Items = cfg.ProjectKey, list
			return nil
		},
	}
}

// tagsAttribute is the items' tags.
func tagsAttribute() schema.ListAttribute {
	return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags, sorted."}
}

// NewSavedModelsDataSource returns the dataiku_saved_models data source.
func NewSavedModelsDataSource() datasource.DataSource {
	return projectObjectList[dss.SavedModel]{name: "saved_models", what: "saved models",
		desc: "Lists a project's saved models (1 API call). Their ids are what a `dataiku_recipe` names in its inputs and outputs.",
		attrs: map[string]schema.Attribute{
			"id":               computedString("Saved model id."),
			"name":             computedString("Saved model name."),
			"saved_model_type": computedString("`savedModelType`, e.g. `MLFLOW_PYFUNC`; empty when DSS does not say."),
			"prediction_type":  computedString("`miniTask.predictionType`, e.g. `REGRESSION`; empty when it has none."),
			"tags":             tagsAttribute(),
		},
		list: func(ctx context.Context, c *dss.Client, key string) ([]dss.SavedModel, error) {
			return c.ListSavedModels(ctx, key)
		},
		row: func(sm *dss.SavedModel) (string, string, map[string]attr.Value) {
			m := savedModelFromDSS(sm)
			return sm.Name, sm.ID, map[string]attr.Value{"id": m.ID, "name": m.Name, "saved_model_type": m.SavedModelType,
				"prediction_type": m.PredictionType, "tags": m.Tags}
		},
	}.dataSource()
}

// NewModelEvaluationStoresDataSource returns the
// dataiku_model_evaluation_stores data source: the stores DSS lists by
// default, TABULAR (model evaluation stores) and LLM ones.
func NewModelEvaluationStoresDataSource() datasource.DataSource {
	return projectObjectList[dss.EvaluationStore]{name: "model_evaluation_stores", what: "evaluation stores",
		desc: "Lists a project's evaluation stores as DSS lists them by default, model evaluation stores (`TABULAR`) and LLM ones (1 API call). " +
			"Their ids are what a `dataiku_recipe` names, e.g. the `evaluationStore` output of an `evaluation` recipe.",
		attrs: map[string]schema.Attribute{
			"id":     computedString("Evaluation store id."),
			"name":   computedString("Evaluation store name."),
			"flavor": computedString("`TABULAR` for a model evaluation store, `LLM` or `AGENT` (`mesFlavor`); empty when DSS does not say."),
			"tags":   tagsAttribute(),
		},
		list: func(ctx context.Context, c *dss.Client, key string) ([]dss.EvaluationStore, error) {
			return c.ListEvaluationStores(ctx, key, "")
		},
		row: func(s *dss.EvaluationStore) (string, string, map[string]attr.Value) {
			return s.Name, s.ID, map[string]attr.Value{"id": types.StringValue(s.ID), "name": types.StringValue(s.Name),
				"flavor": types.StringValue(s.Flavor), "tags": tagsList(s.Tags)}
		},
	}.dataSource()
}

// NewKnowledgeBanksDataSource returns the dataiku_knowledge_banks data source.
func NewKnowledgeBanksDataSource() datasource.DataSource {
	return projectObjectList[dss.KnowledgeBank]{name: "knowledge_banks", what: "knowledge banks",
		desc: "Lists a project's knowledge banks (1 API call). Their ids are what a `dataiku_recipe` names, " +
			"e.g. the output of an `embed_documents` recipe or the `knowledge_bank` input of a `prompt` recipe.",
		attrs: map[string]schema.Attribute{
			"id":                computedString("Knowledge bank id."),
			"name":              computedString("Knowledge bank name."),
			"vector_store_type": computedString("The vector store, e.g. `CHROMA` or `FAISS` (`vectorStoreType`)."),
			"embedding_llm_id":  computedString("The LLM that embeds the documents (`embeddingLLMId`)."),
			"tags":              tagsAttribute(),
		},
		list: func(ctx context.Context, c *dss.Client, key string) ([]dss.KnowledgeBank, error) {
			return c.ListKnowledgeBanks(ctx, key)
		},
		row: func(kb *dss.KnowledgeBank) (string, string, map[string]attr.Value) {
			return kb.Name, kb.ID, map[string]attr.Value{"id": types.StringValue(kb.ID), "name": types.StringValue(kb.Name),
				"vector_store_type": types.StringValue(kb.VectorStoreType), "embedding_llm_id": types.StringValue(kb.EmbeddingLLMID), "tags": tagsList(kb.Tags)}
		},
	}.dataSource()
}
