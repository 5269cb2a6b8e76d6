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
	return byIDOrNameDataSource[RetrievalAugmentedLLMModel, dss.RetrievalAugmentedLLM]{name: "retrieval_augmented_llm", noun: "retrieval-augmented LLM",
		resource: NewRetrievalAugmentedLLMResource,
		omit:     map[string]string{"settings": activeVersionSettingsOmitted},
		describe: map[string]string{
			"knowledge_bank_id": "The knowledge bank the active version searches, as DSS holds it: a bank's id, or `PROJECT_KEY.id`; null when none.",
			"llm_id":            "The id of the LLM that writes the answers (the active version's `llmId`); null when none.",
			"active_version":    "The `versionId` of the version DSS declares active; null when none.",
		},
		read: docByIDOrName[RetrievalAugmentedLLMModel, dss.RetrievalAugmentedLLM]{named: ragLLMsNamed, what: retrievalAugmentedLLMPosted,
			doc: dss.RetrievalAugmentedLLMDoc, fromDSS: retrievalAugmentedLLMFromDSS},
		keys: func(m *RetrievalAugmentedLLMModel) (string, types.String, types.String) {
			return m.ProjectKey.ValueString(), m.ID, m.Name
		},
	}.dataSource()
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
