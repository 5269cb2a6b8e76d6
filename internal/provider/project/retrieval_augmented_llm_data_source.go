package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewRetrievalAugmentedLLMDataSource returns the
// dataiku_retrieval_augmented_llm data source.
func NewRetrievalAugmentedLLMDataSource() datasource.DataSource {
	return &kit.DataSource[RetrievalAugmentedLLMModel]{Name: "retrieval_augmented_llm", Mirror: &retrievalAugmentedLLMDataSourceSchema,
		ReadObject: readRetrievalAugmentedLLMDataSource, Summary: retrievalAugmentedLLMDataSourceSummary}
}

func retrievalAugmentedLLMDataSourceSummary(m *RetrievalAugmentedLLMModel) string {
	return kit.IDOrNameSummary("dataiku_retrieval_augmented_llm", m.ProjectKey.ValueString(), m.ID, m.Name)
}

// retrievalAugmentedLLMDataSourceSchema is the resource's schema,
// computed, read by project_key and either id or name.
var retrievalAugmentedLLMDataSourceSchema = func() kit.MirroredSchema {
	id, name := kit.IDOrName("The retrieval-augmented LLM's id.",
		"The retrieval-augmented LLM's name; names need not be unique in a project, so a name that several share is refused with their ids.")
	return kit.MirroredSchema{Resource: NewRetrievalAugmentedLLMResource,
		Description: "Reads one DSS retrieval-augmented LLM's settings, by id (1 API call) or by name (2: the project's list, then the settings).",
		Own: map[string]schema.Attribute{
			"project_key": kit.ProjectKeyAttribute("the retrieval-augmented LLM"),
			"id":          id,
			"name":        name,
		},
		Omit: map[string]string{
			"settings": "a free-form subset of the active version's settings, which only a configuration can name",
		},
		Describe: kit.Describing(kit.DocumentationDescriptions("retrieval-augmented LLM"), map[string]string{
			"knowledge_bank_id": "The knowledge bank the active version searches, as DSS holds it: a bank's id, or `PROJECT_KEY.id`; null when none.",
			"llm_id":            "The id of the LLM that writes the answers (the active version's `llmId`); null when none.",
			"active_version":    "The `versionId` of the version DSS declares active; null when none.",
		}),
	}
}()

// retrievalAugmentedLLMByIDOrName reads the data source's object, by id or by name.
var retrievalAugmentedLLMByIDOrName = docByIDOrName[RetrievalAugmentedLLMModel, dss.RetrievalAugmentedLLM]{named: ragLLMsNamed, what: retrievalAugmentedLLMPosted, doc: dss.RetrievalAugmentedLLMDoc, fromDSS: retrievalAugmentedLLMFromDSS}

func readRetrievalAugmentedLLMDataSource(ctx context.Context, c *dss.Client, cfg *RetrievalAugmentedLLMModel, diagnostics *diag.Diagnostics) error {
	return retrievalAugmentedLLMByIDOrName.read(ctx, c, cfg, cfg.ProjectKey.ValueString(), cfg.ID, cfg.Name.ValueString(), retrievalAugmentedLLMDataSourceSummary(cfg), diagnostics)
}

// NewRetrievalAugmentedLLMsDataSource returns the
// dataiku_retrieval_augmented_llms data source.
func NewRetrievalAugmentedLLMsDataSource() datasource.DataSource {
	return kit.InProject((*dss.Client).ListRetrievalAugmentedLLMs, kit.ListDataSource[dss.RetrievalAugmentedLLM]{Name: "retrieval_augmented_llms", List: "items",
		ListDescription: "The project's retrieval-augmented LLMs, sorted by name then id.",
		Description: "Lists a project's retrieval-augmented LLMs (1 API call). DSS's list holds list items (id, name, tags), " +
			"not settings: `dataiku_retrieval_augmented_llm` reads one's LLM and knowledge bank.",
		Item: map[string]schema.Attribute{
			"id":   kit.ComputedString("Retrieval-augmented LLM id."),
			"name": kit.ComputedString("Retrieval-augmented LLM name."),
			"tags": tagsAttribute(),
		},
		SortKey: func(l *dss.RetrievalAugmentedLLM) string { return byNameThenID(l.Name, l.ID) },
		Row: func(_ context.Context, _ kit.ListConfig, l *dss.RetrievalAugmentedLLM, _ *diag.Diagnostics) map[string]attr.Value {
			return map[string]attr.Value{"id": types.StringValue(l.ID), "name": types.StringValue(l.Name), "tags": tagsList(l.Tags)}
		},
	})
}
