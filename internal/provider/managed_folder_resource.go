package provider

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
)

// defaultManagedFolderConnection is the connection DSS's own client uses
// when none is given.
const defaultManagedFolderConnection = "filesystem_folders"

// NewManagedFolderResource returns the dataiku_managed_folder resource.
func NewManagedFolderResource() resource.Resource {
	return newKitResource[managedFolderModel](managedFolderKind{})
}

// managedFolderKind is a managed folder: DSS generates its id, its name is
// unique in its project, and it is renamed in place.
type managedFolderKind struct{}

// managedFolderAddress: DSS generates a folder's id; its name in its
// project finds it when the answer to its creation was lost.
var managedFolderAddress = address[managedFolderModel]{
	typeName: "dataiku_managed_folder",
	path:     "projects/{project_key}/managedfolders/{id}",
	key: []keyPart[managedFolderModel]{
		{"project_key", projectKeyPart, func(m *managedFolderModel) *types.String { return &m.ProjectKey }, "Key of the project holding the folder."},
		{"id", folderPart, func(m *managedFolderModel) *types.String { return &m.ID }, "The folder's id DSS generated (not its name)."},
	},
	example:   "the folder's id, not its name, e.g. SALES.aB3dE5fG",
	id:        func(m *managedFolderModel) *types.String { return &m.ID },
	generated: true,
	natural:   &keyPart[managedFolderModel]{attr: "name", field: func(m *managedFolderModel) *types.String { return &m.Name }},
	parent:    "in project",
}

func (managedFolderKind) address() *address[managedFolderModel] { return &managedFolderAddress }

func (managedFolderKind) schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A DSS managed folder: a place for files (models, images, exports) on a connection, usable as a recipe's input or output. " +
			"DSS generates its 8-character id; renaming it happens in place. Every change is a read-modify-write of the folder's whole definition, " +
			"so settings the provider does not model (metrics, checks, custom fields) are kept. Destroying it deletes the definition; DSS keeps the files. " +
			"Import with `PROJECT_KEY.id`.\n\n**Refresh cost.** With the provider's `refresh_mode = \"list\"` (the default), one list request per project shared by all its folders; " +
			"with `refresh_mode = \"object\"`, and for the read that follows an import, 1 API call.",
		Attributes: documentationAttributes("folder", map[string]schema.Attribute{
			"id":          stableIDAttribute("The folder id DSS generated (8 letters and digits), which recipes and `FilesInFolder` datasets use to refer to it."),
			"project_key": parentProjectKeyAttribute("Key of the DSS project holding the folder. Changing it destroys the folder and creates it in the new project."),
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: fmt.Sprintf("Folder name, unique in the project, 1 to %d characters. Changing it renames the folder in place (its id and files stay).", maxNameLength),
				Validators:          []validator.String{stringvalidator.LengthBetween(1, maxNameLength)}},
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
			"partitioning": partitioningResourceAttribute("managed folder"),
		}),
	}
}

func (managedFolderKind) validateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var p types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("partitioning"), &p)...)
	validatePartitioning(ctx, path.Root("partitioning"), p, &resp.Diagnostics)
}

// find looks for a folder with the planned name: DSS keeps folder names
// unique in a project, so it is the one a lost POST may have created.
func (managedFolderKind) find(ctx context.Context, c *dss.Client, m *managedFolderModel) (bool, error) {
	folders, err := c.ListManagedFolders(ctx, m.ProjectKey.ValueString())
	if err != nil {
		return false, err
	}
	for _, f := range folders {
		if f.Name == m.Name.ValueString() {
			m.ID = types.StringValue(f.ID)
			return true, nil
		}
	}
	return false, nil
}

// post creates the folder with its whole planned definition (connection
// and path defaulting as DSS's own client does), built as apply would
// write it, so that apply's read-modify-write usually finds nothing left
// to write: a create is then the existence check, the POST and one GET.
// What DSS leaves out at creation shows in that GET, and apply writes it.
func (managedFolderKind) post(ctx context.Context, c *dss.Client, m *managedFolderModel) error {
	f := dss.ManagedFolder{ProjectKey: m.ProjectKey.ValueString(), Name: m.Name.ValueString()}
	f.SetConnectionAndPath(defaultManagedFolderConnection, dss.DefaultManagedFolderPath)
	if err := diagsError(applyManagedFolder(ctx, m, &f)); err != nil {
		return err
	}
	id, err := c.CreateManagedFolderFrom(ctx, &f)
	if err != nil {
		return err
	}
	m.ID = types.StringValue(id)
	return nil
}

func (managedFolderKind) apply(ctx context.Context, c *dss.Client, op *applyOp[managedFolderModel]) {
	plan, prior := op.plan, op.prior
	key, id := plan.ProjectKey.ValueString(), plan.ID.ValueString()
	doc := dss.ManagedFolderDoc(key, id)
	if prior != nil && !plan.Name.Equal(prior.Name) {
		newName := plan.Name.ValueString()
		// A lost answer to the rename: done when DSS shows the new name.
		err := postChecked(func() error { return c.RenameManagedFolder(ctx, key, id, newName) }, func() (bool, error) {
			f, err := doc.Get(ctx, c)
			if err != nil {
				return false, err
			}
			return f.Name == newName, nil
		})
		if op.fail(err) {
			return
		}
		prior.Name = plan.Name
	}
	syncDocument(ctx, c, op, documentSync[managedFolderModel, dss.ManagedFolder]{
		doc:   doc,
		toDSS: func(f *dss.ManagedFolder) diag.Diagnostics { return applyManagedFolder(ctx, plan, f) },
		fromDSS: func(f *dss.ManagedFolder) diag.Diagnostics {
			return managedFolderFromDSS(ctx, f, plan, !plan.Partitioning.IsNull())
		},
	})
}

// read costs 1 GET (or a share of its project's list: see listed).
func (k managedFolderKind) read(ctx context.Context, c *dss.Client, m *managedFolderModel, imported bool) error {
	f, err := dss.ManagedFolderDoc(m.ProjectKey.ValueString(), m.ID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	return k.fill(ctx, f, m, imported)
}

// Managed folders refresh from their project's list (list_refresh.go):
// DSS's list items are whole definitions, the same document as the GET
// (dss-api.md §5.1, [V] from the Python client).
func (managedFolderKind) listed(m *managedFolderModel) (string, string) {
	return m.ProjectKey.ValueString(), m.ID.ValueString()
}

func (managedFolderKind) list(ctx context.Context, c *dss.Client, projectKey string) (*dss.Definitions, error) {
	return c.ListManagedFolderDefinitions(ctx, projectKey)
}

func (k managedFolderKind) readListed(ctx context.Context, m *managedFolderModel, item []byte, imported bool) error {
	f, err := dss.ManagedFolderDoc(m.ProjectKey.ValueString(), m.ID.ValueString()).Decode(item)
	if err != nil {
		return err
	}
	return k.fill(ctx, f, m, imported)
}

// fill sets m from the folder's definition f. Right after an import
// partitioning is read when DSS has one; otherwise only when it is
// managed.
func (managedFolderKind) fill(ctx context.Context, f *dss.ManagedFolder, m *managedFolderModel, imported bool) error {
	withPartitioning := !m.Partitioning.IsNull() || (imported && isPartitioned(f.Partitioning))
	if d := managedFolderFromDSS(ctx, f, m, withPartitioning); d.HasError() {
		return fmt.Errorf("converting DSS's answer: %v", d)
	}
	return nil
}
