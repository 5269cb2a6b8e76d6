package instance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewWorkspaceObjectDataSource returns the dataiku_workspace_object data
// source: one object of a workspace, read from the workspace's list (DSS
// has no GET of one object), as the resource reads it.
func NewWorkspaceObjectDataSource() datasource.DataSource {
	return &kit.DataSource[workspaceObjectModel]{Name: "workspace_object", Mirror: &workspaceObjectDataSourceSchema,
		Named: func(m *workspaceObjectModel) string { return m.WorkspaceKey.ValueString() + "/" + m.ID.ValueString() },
		// A not-found of the list is the workspace's: the object's own
		// absence is a successful list without it (readWorkspaceObjectDataSource).
		NotFound: func(m *workspaceObjectModel) string {
			return fmt.Sprintf("DSS has no workspace %q, so no object %q in it. `terraform query` with a `list \"dataiku_workspace\"` block "+
				"lists the workspaces the key may see.", m.WorkspaceKey.ValueString(), m.ID.ValueString())
		},
		ReadObject: readWorkspaceObjectDataSource}
}

// workspaceObjectDataSourceSchema is the object resource's schema,
// computed, read by the workspace's key and the object's id.
var workspaceObjectDataSourceSchema = kit.MirroredSchema{Resource: NewWorkspaceObjectResource,
	Description: "Reads one object of a DSS workspace by the workspace's key and the object's id (the two parts of `dataiku_workspace_object`'s import id): " +
		"the project object, application or link it shares, e.g. so that another configuration shares the same object to its own workspace, and the plan fails, " +
		"naming both, when the workspace does not hold it. Needs read access to the workspace (a member, or an administrator), as DSS's list of its objects does.\n\n" +
		"**Refresh cost.** 1 API call (the workspace's list of objects, as DSS has no call reading one object).",
	Own: map[string]schema.Attribute{
		"workspace_key": schema.StringAttribute{Required: true, MarkdownDescription: "The key of the workspace holding the object. " + workspaceKeyNote,
			Validators: workspaceKey.Validators()},
		"id": schema.StringAttribute{Required: true,
			MarkdownDescription: "The id DSS gave the object, as the workspace lists it (`dataiku_workspace_object`'s `id`). It must " + names.IDRule + ".",
			Validators:          []validator.String{workspaceObjectIDPart.Validator()}},
	},
	Describe: map[string]string{
		"reference":             "The project's object the workspace shares (DSS's `reference`); null when the object is an application or a link.",
		"reference.type":        "The object's type, as DSS spells it, e.g. `DATASET`, `DASHBOARD` or `ARTICLE` (a wiki article).",
		"app_id":                "The id of the Dataiku application the workspace shares (DSS's `appId`); null when the object is a project's object or a link.",
		"html_link":             "The link the workspace shows (DSS's `htmlLink`); null when the object is a project's object or an application.",
		"html_link.description": "The link's description (empty when none).",
	},
}

// readWorkspaceObjectDataSource reads the object cfg names from its
// workspace's list; a list without it is an error naming both keys.
func readWorkspaceObjectDataSource(ctx context.Context, c *dss.Client, cfg *workspaceObjectModel, diagnostics *diag.Diagnostics) error {
	key, id := cfg.WorkspaceKey.ValueString(), cfg.ID.ValueString()
	o, err := readWorkspaceObject(ctx, c, cfg)
	if absentFromList(err) {
		diagnostics.AddAttributeError(path.Root("id"), fmt.Sprintf("Cannot read data.dataiku_workspace_object %q", key+"/"+id),
			fmt.Sprintf("Workspace %q holds no object %q: GET %s does not list it. `terraform query` with a `list \"dataiku_workspace_object\"` block "+
				"(`workspace_key = %q` in its config) lists the workspace's objects and their ids.", key, id, dss.APIPrefix+dss.WorkspaceObjectsPath(key), key))
		return nil
	}
	if err != nil {
		return err
	}
	m := workspaceObjectModel{WorkspaceKey: cfg.WorkspaceKey}
	workspaceObjectFromDSS(o, &m)
	*cfg = m
	return nil
}
