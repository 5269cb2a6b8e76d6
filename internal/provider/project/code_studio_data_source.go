package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewCodeStudioDataSource returns the dataiku_code_studio data source.
func NewCodeStudioDataSource() datasource.DataSource {
	return &kit.DataSource[codeStudioDataSourceModel]{Name: "code_studio", Mirror: &codeStudioDataSourceSchema,
		ReadObject: readCodeStudioDataSource, Summary: codeStudioDataSourceSummary}
}

func codeStudioDataSourceSummary(m *codeStudioDataSourceModel) string {
	return kit.IDOrNameSummary("dataiku_code_studio", m.ProjectKey.ValueString(), m.ID, m.Name)
}

// codeStudioDataSourceSchema is the resource's schema, computed, read by
// project_key and either id or name, plus the studio's state.
var codeStudioDataSourceSchema = func() kit.MirroredSchema {
	id, name := kit.IDOrName("The code studio's id.", "The code studio's name; names need not be unique in a project, so a name that several studios share is refused with their ids.")
	return kit.MirroredSchema{Resource: NewCodeStudioResource,
		Description: "Reads one DSS code studio, by id (2 API calls: its settings and its status) or by name (3: the project's list of studios first).",
		Own: map[string]schema.Attribute{
			"project_key": kit.ProjectKeyAttribute("the code studio"),
			"id":          id,
			"name":        name,
			"state": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The studio's state as DSS reports it: `STOPPED`, `STARTING`, `RUNNING` or `STOPPING`."},
		},
		Describe: map[string]string{
			"template_id": "The id of the code studio template it is made from (`templateId`).",
			"owner":       "Login of the studio's owner, the only user who can use it.",
		},
	}
}()

func readCodeStudioDataSource(ctx context.Context, c *dss.Client, cfg *codeStudioDataSourceModel, diagnostics *diag.Diagnostics) error {
	key, name := cfg.ProjectKey.ValueString(), cfg.Name.ValueString()
	id, ok, err := idOrNamed(cfg.ID, func() ([]string, error) { return codeStudiosNamed(ctx, c, key, name) },
		codeStudioPosted, codeStudioDataSourceSummary(cfg), key, name, diagnostics)
	if err != nil || !ok {
		return err
	}
	cs, err := c.GetCodeStudio(ctx, key, id)
	if err != nil {
		return err
	}
	status, err := c.GetCodeStudioStatus(ctx, key, id)
	if err != nil {
		return err
	}
	var m codeStudioDataSourceModel
	codeStudioFromDSS(key, cs, &m.CodeStudioModel)
	m.State = types.StringValue(status.State)
	*cfg = m
	return nil
}
