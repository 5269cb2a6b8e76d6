package instance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewWorkspaceDataSource returns the dataiku_workspace data source.
func NewWorkspaceDataSource() datasource.DataSource {
	return &kit.DataSource[WorkspaceModel]{Name: "workspace", Mirror: &workspaceDataSourceSchema, ReadObject: readWorkspaceDataSource,
		Named: func(m *WorkspaceModel) string { return m.WorkspaceKey.ValueString() }}
}

// workspaceDataSourceSchema is the workspace resource's schema, computed,
// read by key.
var workspaceDataSourceSchema = kit.MirroredSchema{Resource: NewWorkspaceResource,
	Description: "Reads one DSS workspace's settings by key (1 API call; needs read access to the workspace).",
	Own: map[string]schema.Attribute{
		"workspace_key": schema.StringAttribute{Required: true, MarkdownDescription: "The workspace's key. " + workspaceKeyNote, Validators: workspaceKey.Validators()},
	},
	Describe: map[string]string{
		"description": "Description (empty when DSS holds none).",
		"color":       "Background color of the workspace's tile, as DSS holds it (`#RRGGBB`).",
		"permissions": "Who may use the workspace: every entry DSS holds, the API key user's included, each entry's flags as DSS holds them; null when DSS shows them not to the caller (an administrator of the workspace sees them).",
	},
}

func readWorkspaceDataSource(ctx context.Context, c *dss.Client, cfg *WorkspaceModel, diagnostics *diag.Diagnostics) error {
	w, err := dss.WorkspaceDoc(cfg.WorkspaceKey.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	m := WorkspaceModel{WorkspaceKey: cfg.WorkspaceKey}
	diagnostics.Append(WorkspaceFromDSS(ctx, w, &m, "", true)...)
	*cfg = m
	return nil
}
