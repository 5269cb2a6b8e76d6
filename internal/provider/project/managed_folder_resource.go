package project

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// defaultManagedFolderConnection is the connection DSS's own client uses
// when none is given.
const defaultManagedFolderConnection = "filesystem_folders"

// NewManagedFolderResource returns the dataiku_managed_folder resource.
func NewManagedFolderResource() resource.Resource {
	return kit.NewResource[ManagedFolderResourceModel](ManagedFolderKind{})
}

// ManagedFolderKind is a managed folder: DSS generates its id, its name is
// unique in its project, and it is renamed in place.
type ManagedFolderKind struct{}

// managedFolderAddress: DSS generates a folder's id; its name in its
// project finds it when the answer to its creation was lost.
var managedFolderAddress = kit.GeneratedInProjectAddress(kit.InProjectObject{TypeName: "dataiku_managed_folder", Path: "projects/{project_key}/managedfolders/{id}", IDPart: kit.FolderPart, What: "folder", Short: "folder"},
	func(m *ManagedFolderResourceModel) *types.String { return &m.ProjectKey }, func(m *ManagedFolderResourceModel) *types.String { return &m.ID },
	func(m *ManagedFolderResourceModel) *types.String { return &m.Name })

func (ManagedFolderKind) Address() *kit.Address[ManagedFolderResourceModel] {
	return &managedFolderAddress
}

func (ManagedFolderKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A DSS managed folder: a place for files (models, images, exports) on a connection, usable as a recipe's input or output. " +
			"DSS generates its 8-character id; renaming it happens in place. Every change is a read-modify-write of the folder's whole definition, " +
			"so settings the provider does not model (metrics, checks, custom fields) are kept. Destroying it deletes the definition; DSS keeps the files. " +
			"Import with `PROJECT_KEY.id`.\n\n**Refresh cost.** With the provider's `refresh_mode = \"list\"` (the default), one list request per project shared by all its folders; " +
			"with `refresh_mode = \"object\"`, and for the read that follows an import, 1 API call.",
		Attributes: kit.DocumentationAttributes("folder", map[string]schema.Attribute{
			"id":          kit.StableIDAttribute("The folder id DSS generated (8 letters and digits), which recipes and `FilesInFolder` datasets use to refer to it."),
			"project_key": kit.ParentProjectKeyAttribute("Key of the DSS project holding the folder. Changing it destroys the folder and creates it in the new project."),
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Folder name, unique in the project, not empty. Changing it renames the folder in place (its id and files stay).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"connection_name": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Connection holding the files (DSS's `params.connection`). When not set, the folder is created on `" + defaultManagedFolderConnection + "`, as DSS's own client does, " +
					"and the state keeps DSS's value. Changing it points the folder at the other connection in place; DSS moves no files.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)}},
			"path": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Path of the folder in its connection. When not set, DSS's default `" + dss.DefaultManagedFolderPath + "` (DSS expands the variables itself and keeps them in the definition); " +
					"the value DSS holds is kept in state and never shows as a change. Changes in place; DSS moves no files.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)}},
			"type": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Storage type, e.g. `Filesystem`, `S3`, `GCS`, `Azure`, `HDFS`, `SCP`. When not set, DSS derives it from the connection and the state keeps DSS's value. Changes in place.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"partitioning":                      kit.PartitioningResourceAttribute("managed folder"),
			kit.DeletionProtectionAttributeName: kit.DeletionProtectionAttribute("the folder (the recipes that read or write it lose it)"),
		}),
	}
}

func (ManagedFolderKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var p types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("partitioning"), &p)...)
	kit.ValidatePartitioning(ctx, path.Root("partitioning"), p, &resp.Diagnostics)
}

// Find looks for a folder with the planned name: DSS keeps folder names
// unique in a project, so it is the one a lost POST may have created.
func (ManagedFolderKind) Find(ctx context.Context, c *dss.Client, m *ManagedFolderResourceModel) (bool, error) {
	folders, err := c.ListManagedFolders(ctx, m.ProjectKey.ValueString())
	if err != nil {
		return false, err
	}
	return kit.FindCreated(folders, &m.ID, func(f *dss.ManagedFolder) (bool, string) { return f.Name == m.Name.ValueString(), f.ID }, nil)
}

// Post creates the folder with its whole planned definition (connection
// and path defaulting as DSS's own client does), built as apply would
// write it, so that apply's read-modify-write usually finds nothing left
// to write: a create is then the existence check, the POST and one GET.
// What DSS leaves out at creation shows in that GET, and apply writes it.
func (ManagedFolderKind) Post(ctx context.Context, c *dss.Client, m *ManagedFolderResourceModel) error {
	f := dss.ManagedFolder{ProjectKey: m.ProjectKey.ValueString(), Name: m.Name.ValueString()}
	f.SetConnectionAndPath(defaultManagedFolderConnection, dss.DefaultManagedFolderPath)
	if err := kit.DiagsError(applyManagedFolder(ctx, &m.ManagedFolderModel, &f)); err != nil {
		return err
	}
	id, err := c.CreateManagedFolderFrom(ctx, &f)
	if err != nil {
		return err
	}
	m.ID = types.StringValue(id)
	return nil
}

func (ManagedFolderKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[ManagedFolderResourceModel]) {
	plan, prior := op.Plan, op.Prior
	key, id := plan.ProjectKey.ValueString(), plan.ID.ValueString()
	doc := dss.ManagedFolderDoc(key, id)
	if prior != nil && !plan.Name.Equal(prior.Name) {
		newName := plan.Name.ValueString()
		// A lost answer to the rename: done when DSS shows the new name.
		err := kit.PostChecked(func() error { return c.RenameManagedFolder(ctx, key, id, newName) }, func() (bool, error) {
			f, err := doc.Get(ctx, c)
			if err != nil {
				return false, err
			}
			return f.Name == newName, nil
		})
		if op.Fail(err) {
			return
		}
		prior.Name = plan.Name
	}
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[ManagedFolderResourceModel, dss.ManagedFolder]{
		Doc: doc,
		ToDSS: func(f *dss.ManagedFolder) diag.Diagnostics {
			return applyManagedFolder(ctx, &plan.ManagedFolderModel, f)
		},
		FromDSS: func(f *dss.ManagedFolder) diag.Diagnostics {
			return managedFolderFromDSS(ctx, f, &plan.ManagedFolderModel, !plan.Partitioning.IsNull())
		},
	})
}

// Read costs 1 GET (or a share of its project's list: see listed).
func (k ManagedFolderKind) Read(ctx context.Context, c *dss.Client, m *ManagedFolderResourceModel, imported bool) error {
	f, err := dss.ManagedFolderDoc(m.ProjectKey.ValueString(), m.ID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	return k.fill(ctx, f, m, imported)
}

// Managed folders refresh from their project's list (list_refresh.go):
// DSS's list items are whole definitions, the same document as the GET
// (dss-api.md §5.1, [V] from the Python client).
func (ManagedFolderKind) Listed(m *ManagedFolderResourceModel) (string, string) {
	return m.ProjectKey.ValueString(), m.ID.ValueString()
}

func (ManagedFolderKind) List(ctx context.Context, c *dss.Client, projectKey string) (*dss.Definitions, error) {
	return c.ListManagedFolderDefinitions(ctx, projectKey)
}

func (k ManagedFolderKind) ReadListed(ctx context.Context, m *ManagedFolderResourceModel, item []byte, imported bool) error {
	f, err := dss.ManagedFolderDoc(m.ProjectKey.ValueString(), m.ID.ValueString()).Decode(item)
	if err != nil {
		return err
	}
	return k.fill(ctx, f, m, imported)
}

// fill sets m from the folder's definition f. Right after an import
// partitioning is read when DSS has one; otherwise only when it is
// managed.
func (ManagedFolderKind) fill(ctx context.Context, f *dss.ManagedFolder, m *ManagedFolderResourceModel, imported bool) error {
	withPartitioning := !m.Partitioning.IsNull() || (imported && kit.IsPartitioned(f.Partitioning))
	if d := managedFolderFromDSS(ctx, f, &m.ManagedFolderModel, withPartitioning); d.HasError() {
		return fmt.Errorf("converting DSS's answer: %v", d)
	}
	return nil
}

// ParseManagedFolderImportID splits PROJECT_KEY.folder_id.
func ParseManagedFolderImportID(id string) (projectKey, folderID string, err error) {
	p, err := managedFolderAddress.ParseImportKey(id)
	if err != nil {
		return "", "", err
	}
	return p[0], p[1], nil
}
