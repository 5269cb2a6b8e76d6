package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewKnowledgeBankDataSource returns the dataiku_knowledge_bank data source.
func NewKnowledgeBankDataSource() datasource.DataSource {
	return &kit.DataSource[KnowledgeBankModel]{Name: "knowledge_bank", Mirror: &knowledgeBankDataSourceSchema,
		ReadObject: readKnowledgeBankDataSource, Summary: knowledgeBankDataSourceSummary}
}

func knowledgeBankDataSourceSummary(m *KnowledgeBankModel) string {
	return kit.IDOrNameSummary("dataiku_knowledge_bank", m.ProjectKey.ValueString(), m.ID, m.Name)
}

// knowledgeBankDataSourceSchema is the resource's schema, computed, read
// by project_key and either id or name.
var knowledgeBankDataSourceSchema = func() kit.MirroredSchema {
	id, name := kit.IDOrName("The knowledge bank's id.", "The knowledge bank's name; names need not be unique in a project, so a name that several banks share is refused with their ids.")
	return kit.MirroredSchema{Resource: NewKnowledgeBankResource,
		Description: "Reads one DSS knowledge bank's settings, by id (1 API call) or by name (2: the project's list of banks, then the bank).",
		Own: map[string]schema.Attribute{
			"project_key": kit.ProjectKeyAttribute("the knowledge bank"),
			"id":          id,
			"name":        name,
		},
		Omit: map[string]string{
			"settings": "a free-form subset of the settings, which only a configuration can name",
		},
		Describe: kit.Describing(kit.DocumentationDescriptions("knowledge bank"), map[string]string{
			"vector_store_type":   "The vector store (`vectorStoreType`), e.g. `CHROMA`.",
			"embedding_llm_id":    "The id of the LLM that embeds the documents (`embeddingLLMId`).",
			"connection_name":     "The connection of a remote vector store (`connection`); null when none.",
			"index_name":          "The index of a remote vector store other than Pinecone (`indexName`); null when none.",
			"pinecone_index_name": "The index of a Pinecone vector store (`pineconeIndexName`); null when none.",
			"images_folder_id":    "The images folder (`managedFolderId`) as DSS holds it: a managed folder's id, or `PROJECT_KEY.id`; null when none.",
			"metadata_schema":     "The metadata fields stored with each vector, field name to type; null when none.",
		}),
	}
}()

// knowledgeBankDataSourcePlural names banks in the data source's errors.
var knowledgeBankDataSourcePlural = postedWhat{typeName: "dataiku_knowledge_bank", noun: "knowledge bank", plural: "knowledge banks"}

// knowledgeBankByIDOrName reads the data source's object, by id or by name.
var knowledgeBankByIDOrName = docByIDOrName[KnowledgeBankModel, dss.KnowledgeBank]{named: banksNamed, what: knowledgeBankDataSourcePlural, doc: dss.KnowledgeBankDoc, fromDSS: knowledgeBankFromDSS}

func readKnowledgeBankDataSource(ctx context.Context, c *dss.Client, cfg *KnowledgeBankModel, diagnostics *diag.Diagnostics) error {
	return knowledgeBankByIDOrName.read(ctx, c, cfg, cfg.ProjectKey.ValueString(), cfg.ID, cfg.Name.ValueString(), knowledgeBankDataSourceSummary(cfg), diagnostics)
}
