package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

var (
	_ datasource.DataSourceWithConfigure = (*managedFolderDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*managedFoldersDataSource)(nil)
)

// NewManagedFolderDataSource returns the dataiku_managed_folder data source.
func NewManagedFolderDataSource() datasource.DataSource { return &managedFolderDataSource{} }

type managedFolderDataSource struct{ client *dss.Client }

func (d *managedFolderDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_managed_folder"
}

func (d *managedFolderDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	oneOf := []validator.String{stringvalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")), stringvalidator.LengthAtLeast(1)}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one DSS managed folder's definition, by id (1 API call) or by name (1 call listing the project's folders).",
		Attributes: map[string]schema.Attribute{
			"project_key": schema.StringAttribute{Required: true, MarkdownDescription: "Key of the project holding the folder."},
			"id": schema.StringAttribute{Optional: true, Computed: true, Validators: oneOf,
				MarkdownDescription: "The folder's id. Exactly one of `id` and `name` must be set."},
			"name": schema.StringAttribute{Optional: true, Computed: true, Validators: oneOf,
				MarkdownDescription: "The folder's name. Exactly one of `id` and `name` must be set."},
			"type":              computed("Storage type, e.g. `Filesystem`."),
			"connection_name":   computed("Connection holding the files."),
			"path":              computed("Path of the folder in its connection, as DSS holds it (variables unexpanded)."),
			"description":       computed("Long description."),
			"short_description": computed("Short description."),
			"tags":              schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags of the folder."},
			"partitioning":      partitioningDataSourceAttribute("managed folder"),
		},
	}
}

func (d *managedFolderDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *managedFolderDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg managedFolderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := cfg.ProjectKey.ValueString()
	summary := fmt.Sprintf("Cannot read data.dataiku_managed_folder %q in project %s", cfg.ID.ValueString()+cfg.Name.ValueString(), key)
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	var folder *dss.ManagedFolder
	if known(cfg.ID) {
		f, err := dss.ManagedFolderDoc(key, cfg.ID.ValueString()).Get(ctx, d.client)
		if err != nil {
			addDSSError(&resp.Diagnostics, summary, err)
			return
		}
		folder = f
	} else {
		folders, err := d.client.ListManagedFolders(ctx, key)
		if err != nil {
			addDSSError(&resp.Diagnostics, summary, err)
			return
		}
		for i := range folders {
			if folders[i].Name == cfg.Name.ValueString() {
				folder = &folders[i]
			}
		}
		if folder == nil {
			resp.Diagnostics.AddError(summary, fmt.Sprintf("Project %s has no managed folder named %q.", key, cfg.Name.ValueString()))
			return
		}
	}
	var m managedFolderModel
	resp.Diagnostics.Append(managedFolderFromDSS(ctx, folder, &m, true)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// NewManagedFoldersDataSource returns the dataiku_managed_folders data source.
func NewManagedFoldersDataSource() datasource.DataSource { return &managedFoldersDataSource{} }

type managedFoldersDataSource struct{ client *dss.Client }

type managedFoldersDataSourceModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Folders    types.List   `tfsdk:"folders"`
}

var managedFoldersItemAttrTypes = map[string]attr.Type{
	"id": types.StringType, "name": types.StringType, "type": types.StringType,
	"connection_name": types.StringType, "path": types.StringType,
}

func (d *managedFoldersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_managed_folders"
}

func (d *managedFoldersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists a project's managed folders (1 API call).",
		Attributes: map[string]schema.Attribute{
			"id":          computed("The project key."),
			"project_key": schema.StringAttribute{Required: true, MarkdownDescription: "Key of the project."},
			"folders": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The folders, sorted by name.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":              computed("Folder id."),
					"name":            computed("Folder name."),
					"type":            computed("Storage type."),
					"connection_name": computed("Connection holding the files."),
					"path":            computed("Path in the connection."),
				}}},
		},
	}
}

func (d *managedFoldersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *managedFoldersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg managedFoldersDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot read data.dataiku_managed_folders of project " + cfg.ProjectKey.ValueString()
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	folders, err := d.client.ListManagedFolders(ctx, cfg.ProjectKey.ValueString())
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	slices.SortFunc(folders, func(a, b dss.ManagedFolder) int { return strings.Compare(a.Name, b.Name) })
	items := make([]attr.Value, 0, len(folders))
	for i := range folders {
		var m managedFolderModel
		resp.Diagnostics.Append(managedFolderFromDSS(ctx, &folders[i], &m, false)...)
		obj, diags := types.ObjectValue(managedFoldersItemAttrTypes, map[string]attr.Value{
			"id": m.ID, "name": m.Name, "type": m.Type, "connection_name": m.Connection, "path": m.Path,
		})
		resp.Diagnostics.Append(diags...)
		items = append(items, obj)
	}
	list, diags := types.ListValue(types.ObjectType{AttrTypes: managedFoldersItemAttrTypes}, items)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.ID, cfg.Folders = cfg.ProjectKey, list
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
