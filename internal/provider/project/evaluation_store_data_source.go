package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewEvaluationStoreDataSource returns the dataiku_evaluation_store data
// source.
func NewEvaluationStoreDataSource() datasource.DataSource {
	return &kit.DataSource[EvaluationStoreModel]{Name: "evaluation_store", Mirror: &evaluationStoreDataSourceSchema,
		ReadObject: readEvaluationStoreDataSource, Summary: evaluationStoreDataSourceSummary}
}

func evaluationStoreDataSourceSummary(m *EvaluationStoreModel) string {
	return kit.IDOrNameSummary("dataiku_evaluation_store", m.ProjectKey.ValueString(), m.ID, m.Name)
}

// evaluationStoreDataSourceSchema is the resource's schema, computed,
// read by project_key and either id or name.
var evaluationStoreDataSourceSchema = func() kit.MirroredSchema {
	id, name := kit.IDOrName("The evaluation store's id.",
		"The evaluation store's name; names need not be unique in a project, so a name that several stores share is refused with their ids.")
	return kit.MirroredSchema{Resource: NewEvaluationStoreResource,
		Description: "Reads one DSS evaluation store's settings, of any flavor, by id (1 API call) or by name (3: the project's two lists of stores, " +
			"the default one and the `AGENT` one, then the store).",
		Own: map[string]schema.Attribute{
			"project_key": kit.ProjectKeyAttribute("the evaluation store"),
			"id":          id,
			"name":        name,
		},
		Omit: map[string]string{
			"settings": "a free-form subset of the settings, which only a configuration can name",
		},
		Describe: kit.Describing(kit.DocumentationDescriptions("evaluation store"), map[string]string{
			"flavor": "What the store evaluates (`mesFlavor`): `TABULAR` (a model evaluation store), `LLM` or `AGENT`.",
		}),
	}
}()

// evaluationStoreByIDOrName reads the data source's object, by id or by name.
var evaluationStoreByIDOrName = docByIDOrName[EvaluationStoreModel, dss.EvaluationStore]{named: evaluationStoresNamed, what: evaluationStorePosted, doc: dss.EvaluationStoreDoc, fromDSS: evaluationStoreFromDSS}

func readEvaluationStoreDataSource(ctx context.Context, c *dss.Client, cfg *EvaluationStoreModel, diagnostics *diag.Diagnostics) error {
	return evaluationStoreByIDOrName.read(ctx, c, cfg, cfg.ProjectKey.ValueString(), cfg.ID, cfg.Name.ValueString(), evaluationStoreDataSourceSummary(cfg), diagnostics)
}
