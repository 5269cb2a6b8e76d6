package project

import (
	"context"
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
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewProjectFolderDataSource returns the dataiku_project_folder data source.
func NewProjectFolderDataSource() datasource.DataSource {
	return &kit.DataSource[projectFolderDataSourceModel]{Name: "project_folder", Mirror: &projectFolderDataSourceSchema, ReadObject: readProjectFolderDataSource,
		Summary: func(m *projectFolderDataSourceModel) string {
			what := m.ID.ValueString()
			if what == "" {
				what = m.Path.ValueString()
			}
			return "Cannot read data.dataiku_project_folder " + what
		}}
}

type projectFolderDataSourceModel struct {
	ID          types.String  `tfsdk:"id"`
	Path        types.String  `tfsdk:"path"`
	Name        types.String  `tfsdk:"name"`
	ParentID    types.String  `tfsdk:"parent_id"`
	ChildIDs    types.List    `tfsdk:"child_ids"`
	ProjectKeys types.List    `tfsdk:"project_keys"`
	Owner       types.String  `tfsdk:"owner"`
	Permissions types.Dynamic `tfsdk:"permissions"`
}

// projectFolderDataSourceSchema is the project folder resource's schema,
// computed, read by id or path, with the folder's place in the tree.
var projectFolderDataSourceSchema = func() kit.MirroredSchema {
	oneOf := []validator.String{stringvalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("path")), stringvalidator.LengthAtLeast(1)}
	return kit.MirroredSchema{Resource: NewProjectFolderResource,
		Description: "Reads one DSS project folder, by id or by path from the root such as `/Sales/EMEA` (one API call per level). " +
			"`ROOT` or `/` is the root folder.",
		Own: map[string]schema.Attribute{
			"id": schema.StringAttribute{Optional: true, Computed: true, Validators: oneOf,
				MarkdownDescription: "The folder's id. Exactly one of `id` and `path` must be set."},
			"path": schema.StringAttribute{Optional: true, Computed: true, Validators: oneOf,
				MarkdownDescription: "The folder's path from the root, names separated by `/`, e.g. `/Sales/EMEA`. Exactly one of `id` and `path` must be set."},
			"child_ids":    schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Ids of the subfolders, sorted."},
			"project_keys": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Keys of the projects directly in the folder that the API key may see, sorted."},
		},
		Describe: map[string]string{
			"name":        "The folder's name; empty for the root.",
			"parent_id":   "Id of the parent folder; empty for the root.",
			"owner":       "Login of the folder's owner.",
			"permissions": "The folder's permission entries as DSS returns them, a list of objects.",
		},
	}
}()

func readProjectFolderDataSource(ctx context.Context, c *dss.Client, cfg *projectFolderDataSourceModel, diagnostics *diag.Diagnostics) error {
	var f *dss.ProjectFolder
	var err error
	if kit.Known(cfg.ID) {
		f, err = c.GetProjectFolder(ctx, cfg.ID.ValueString())
	} else {
		f, err = folderByPath(ctx, c, cfg.Path.ValueString())
	}
	if err != nil {
		return err
	}
	p, err := folderPath(ctx, c, f)
	if err != nil {
		return err
	}
	settings, err := dss.ProjectFolderSettingsDoc(f.ID).Get(ctx, c)
	if err != nil {
		return err
	}
	var m projectFolderModel
	projectFolderFromDSS(f, &m)
	projectFolderSettingsFromDSS(settings, &m, true, true)
	children, keys := slices.Sorted(slices.Values(f.ChildrenIDs)), slices.Sorted(slices.Values(f.ProjectKeys))
	out := projectFolderDataSourceModel{ID: m.ID, Path: types.StringValue(p), Name: m.Name, ParentID: m.ParentID, Owner: m.Owner, Permissions: m.Permissions}
	var diags diag.Diagnostics
	out.ChildIDs, diags = types.ListValueFrom(ctx, types.StringType, kit.NonNilStrings(children))
	diagnostics.Append(diags...)
	out.ProjectKeys, diags = types.ListValueFrom(ctx, types.StringType, kit.NonNilStrings(keys))
	diagnostics.Append(diags...)
	*cfg = out
	return nil
}

// NewProjectFoldersDataSource returns the dataiku_project_folders data source.
func NewProjectFoldersDataSource() datasource.DataSource {
	return kit.ListDataSource[listedFolder]{Name: "project_folders",
		Description:   "Lists the project folders under a folder (the root by default), optionally the whole subtree (one API call per folder listed).",
		IDDescription: "The id of the folder listed.",
		IDOf:          listedFolderParent,
		Config: map[string]schema.Attribute{
			"parent_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Id of the folder whose subfolders are listed. Defaults to `ROOT`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"recursive": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Whether to list the whole subtree rather than the direct subfolders only. Defaults to `false`."},
		},
		List: "folders", ListDescription: "The folders, parents before their children, siblings sorted by name.",
		Item: map[string]schema.Attribute{
			"id":        kit.ComputedString("Folder id."),
			"name":      kit.ComputedString("Folder name."),
			"parent_id": kit.ComputedString("Id of its parent."),
			"path":      kit.ComputedString("Its path from the root, e.g. `/Sales/EMEA`."),
		},
		Read: readProjectFolderTree,
		Row: func(_ context.Context, _ kit.ListConfig, f *listedFolder, _ *diag.Diagnostics) map[string]attr.Value {
			return map[string]attr.Value{"id": types.StringValue(f.id), "name": types.StringValue(f.name),
				"parent_id": types.StringValue(f.parentID), "path": types.StringValue(f.path)}
		},
	}.DataSource()
}

// listedFolder is a row of dataiku_project_folders.
type listedFolder struct{ id, name, parentID, path string }

// listedFolderParent is the folder whose subfolders are listed: parent_id,
// the root when not set.
func listedFolderParent(cfg kit.ListConfig) string {
	parentID := dss.RootProjectFolderID
	kit.SetKnownString(cfg.String("parent_id"), &parentID)
	return parentID
}

// readProjectFolderTree lists the folders under the parent breadth first,
// parents before their children, siblings sorted by name.
func readProjectFolderTree(ctx context.Context, c *dss.Client, cfg kit.ListConfig, _ *diag.Diagnostics) ([]listedFolder, error) {
	parent, err := c.GetProjectFolder(ctx, listedFolderParent(cfg))
	if err != nil {
		return nil, err
	}
	base, err := folderPath(ctx, c, parent)
	if err != nil {
		return nil, err
	}
	var out []listedFolder
	type pending struct{ id, path string }
	queue := []pending{{parent.ID, base}}
	for len(queue) > 0 && len(out) < maxFoldersListed {
		next := queue[0]
		queue = queue[1:]
		children, err := c.ListProjectFolderChildren(ctx, next.id)
		if err != nil {
			return nil, err
		}
		slices.SortFunc(children, func(a, b dss.ProjectFolder) int {
			return strings.Compare(kit.StringOrEmpty(a.Name), kit.StringOrEmpty(b.Name))
		})
		for _, ch := range children {
			name := kit.StringOrEmpty(ch.Name)
			p := pathJoin(next.path, name)
			out = append(out, listedFolder{id: ch.ID, name: name, parentID: next.id, path: p})
			if cfg.Bool("recursive").ValueBool() {
				queue = append(queue, pending{ch.ID, p})
			}
		}
	}
	return out, nil
}

// maxFoldersListed bounds a recursive listing.
const maxFoldersListed = 10000

func pathJoin(parent, name string) string {
	if parent == "/" {
		return "/" + name
	}
	return parent + "/" + name
}
