package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewJupyterNotebookDataSource returns the dataiku_jupyter_notebook data
// source.
func NewJupyterNotebookDataSource() datasource.DataSource {
	return &kit.DataSource[jupyterNotebookModel]{Name: "jupyter_notebook", Mirror: &jupyterNotebookDataSourceSchema,
		ReadObject: readJupyterNotebookDataSource, Named: func(m *jupyterNotebookModel) string { return jupyterNotebookAddress.ImportID(m) }}
}

// jupyterNotebookDataSourceSchema is the resource's schema, computed, read
// by project key and name.
var jupyterNotebookDataSourceSchema = kit.MirroredSchema{Resource: NewJupyterNotebookResource,
	Description: "Reads one Jupyter notebook of a project by its name (1 API call; the API key needs read access to the project), " +
		"e.g. to copy a template notebook into other projects.",
	Own: map[string]schema.Attribute{
		"project_key": kit.ProjectKeyAttribute("the notebook"),
		"name": schema.StringAttribute{Required: true, MarkdownDescription: "The notebook's name.",
			Validators: []validator.String{jupyterNotebookNamePart.Validator()}},
	},
	Describe: map[string]string{
		"content": "The notebook's `.ipynb` document as an import reads it: without outputs, execution counts and the metadata DSS and the kernel write " +
			"(`creator`, `createdOn`, `modifiedBy`, `language_info`), so that it can be given as another notebook's `content`.",
	},
}

func readJupyterNotebookDataSource(ctx context.Context, c *dss.Client, cfg *jupyterNotebookModel, _ *diag.Diagnostics) error {
	return jupyterNotebookKind{}.Read(ctx, c, cfg, true)
}
