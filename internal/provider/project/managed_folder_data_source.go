package project

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewManagedFolderDataSource returns the dataiku_managed_folder data source.
func NewManagedFolderDataSource() datasource.DataSource {
	return &kit.DataSource[ManagedFolderModel]{Name: "managed_folder", Mirror: &managedFolderDataSourceSchema,
		ReadObject: readManagedFolderDataSource, Summary: managedFolderDataSourceSummary}
}

func managedFolderDataSourceSummary(m *ManagedFolderModel) string {
	return kit.IDOrNameSummary("dataiku_managed_folder", m.ProjectKey.ValueString(), m.ID, m.Name)
}

// managedFolderDataSourceSchema is the managed folder resource's schema,
// computed, read by project_key and either id or name.
var managedFolderDataSourceSchema = func() kit.MirroredSchema {
	id, name := kit.IDOrName("The folder's id.", "The folder's name.")
	return kit.MirroredSchema{Resource: NewManagedFolderResource,
		Description: "Reads one DSS managed folder's definition, by id (1 API call) or by name (1 call listing the project's folders).",
		Own: map[string]schema.Attribute{
			"project_key": kit.ProjectKeyAttribute("the folder"),
			"id":          id,
			"name":        name,
		},
		Describe: kit.Describing(kit.DocumentationDescriptions("folder"), kit.PartitioningDescriptions("managed folder"), map[string]string{
			"type":            "Storage type, e.g. `Filesystem`.",
			"connection_name": "Connection holding the files.",
			"path":            "Path of the folder in its connection, as DSS holds it (variables unexpanded).",
		}),
	}
}()

func readManagedFolderDataSource(ctx context.Context, c *dss.Client, cfg *ManagedFolderModel, diagnostics *diag.Diagnostics) error {
	key := cfg.ProjectKey.ValueString()
	var folder *dss.ManagedFolder
	if kit.Known(cfg.ID) {
		f, err := dss.ManagedFolderDoc(key, cfg.ID.ValueString()).Get(ctx, c)
		if err != nil {
			return err
		}
		folder = f
	} else {
		folders, err := c.ListManagedFolders(ctx, key)
		if err != nil {
			return err
		}
		// DSS keeps folder names unique in a project; the first match is
		// the folder, as for the resource's Find.
		if i := slices.IndexFunc(folders, func(f dss.ManagedFolder) bool { return f.Name == cfg.Name.ValueString() }); i >= 0 {
			folder = &folders[i]
		}
		if folder == nil {
			diagnostics.AddError(managedFolderDataSourceSummary(cfg), fmt.Sprintf("Project %s has no managed folder named %q.", key, cfg.Name.ValueString()))
			return nil
		}
	}
	var m ManagedFolderModel
	diagnostics.Append(managedFolderFromDSS(ctx, folder, &m, true)...)
	*cfg = m
	return nil
}

// NewManagedFoldersDataSource returns the dataiku_managed_folders data source.
func NewManagedFoldersDataSource() datasource.DataSource {
	return kit.InProject((*dss.Client).ListManagedFolders, kit.ListDataSource[dss.ManagedFolder]{Name: "managed_folders",
		List: "folders", ListDescription: "The folders, sorted by name.",
		Description: "Lists a project's managed folders (1 API call).",
		Item: map[string]schema.Attribute{
			"id":              kit.ComputedString("Folder id."),
			"name":            kit.ComputedString("Folder name."),
			"type":            kit.ComputedString("Storage type."),
			"connection_name": kit.ComputedString("Connection holding the files."),
			"path":            kit.ComputedString("Path in the connection."),
		},
		SortKey: func(f *dss.ManagedFolder) string { return f.Name },
		Row: func(ctx context.Context, _ kit.ListConfig, f *dss.ManagedFolder, diagnostics *diag.Diagnostics) map[string]attr.Value {
			var m ManagedFolderModel
			diagnostics.Append(managedFolderFromDSS(ctx, f, &m, false)...)
			return map[string]attr.Value{"id": m.ID, "name": m.Name, "type": m.Type, "connection_name": m.Connection, "path": m.Path}
		},
	})
}
