package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// NewProjectFolderResource returns the dataiku_project_folder resource.
func NewProjectFolderResource() resource.Resource {
	return newKitResource[projectFolderModel](projectFolderKind{})
}

// projectFolderKind is a project folder: DSS generates its id, its name is
// unique among its siblings, and it is renamed and moved in place.
type projectFolderKind struct{}

// projectFolderAddress: DSS generates a folder's id; its name under its
// parent finds it when the answer to its creation was lost.
var projectFolderAddress = address[projectFolderModel]{
	typeName:  "dataiku_project_folder",
	path:      "project-folders/{id}",
	key:       []keyPart[projectFolderModel]{{"id", importPart{label: "id"}, func(m *projectFolderModel) *types.String { return &m.ID }, "The project folder's id DSS generated (not its name)."}},
	id:        func(m *projectFolderModel) *types.String { return &m.ID },
	generated: true,
	natural:   &keyPart[projectFolderModel]{attr: "name", field: func(m *projectFolderModel) *types.String { return &m.Name }},
	extra:     func(m *projectFolderModel) []identityAttr { return []identityAttr{{"parent_id", m.ParentID}} },
	labelOf: func(m *projectFolderModel) string {
		if known(m.ID) {
			return fmt.Sprintf("dataiku_project_folder %q (id %s)", m.Name.ValueString(), m.ID.ValueString())
		}
		return fmt.Sprintf("dataiku_project_folder %q", m.Name.ValueString())
	},
	parseKey: func(id string) ([]string, error) { return []string{id}, parseProjectFolderImportID(id) },
}

func (projectFolderKind) address() *address[projectFolderModel] { return &projectFolderAddress }

// hclObjectAttrs: permissions was JSON text in schema version 0.
func (projectFolderKind) hclObjectAttrs() []string { return []string{"permissions"} }

func (projectFolderKind) schema() schema.Schema {
	return schema.Schema{
		Version: 1,
		MarkdownDescription: "A DSS project folder: a node of the tree that organises projects on the instance's home page. " +
			"DSS generates its id; renaming it and moving it (changing `parent_id`) happen in place. " +
			"Reference it from `dataiku_project.project_folder_id`. Destroying a folder that still holds projects or folders fails with DSS's error. " +
			"Import with the folder's id.\n\n**Refresh cost.** 1 API call, plus 1 when `owner` or `permissions` is set.",
		Attributes: map[string]schema.Attribute{
			"id": stableIDAttribute("The folder id DSS generated."),
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: fmt.Sprintf("Folder name, unique among its siblings, 1 to %d characters. Changed in place.", maxNameLength),
				Validators:          []validator.String{stringvalidator.LengthBetween(1, maxNameLength)}},
			"parent_id": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString(dss.RootProjectFolderID),
				MarkdownDescription: "Id of the parent folder; `ROOT` (the default) is the root. Changing it moves the folder, with its projects and subfolders, in place.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"owner": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Login of the folder's owner (settings `owner`). When omitted, DSS makes the API key's user the owner and Terraform leaves it alone. Changed in place.",
				PlanModifiers:       []planmodifier.String{unmanagedWhenNull{}},
				Validators:          []validator.String{stringvalidator.LengthBetween(1, maxNameLength)}},
			"permissions": hclListAttribute("The folder's permission entries, a list of objects passed to DSS as written, such as " +
				"`[{ group = \"analysts\", read = true }]` (DSS does not document their shape; its UI writes entries such as that one). " +
				"A string holding a JSON array (`jsonencode([...])`, the form of earlier versions) is also read. " +
				"Authoritative when set: DSS holds exactly these entries after an apply. When omitted, Terraform leaves them alone. Changed in place."),
		},
	}
}

// find looks for a sibling with the planned name: DSS keeps names unique
// among siblings, so it is the folder a lost POST may have created.
func (projectFolderKind) find(ctx context.Context, c *dss.Client, m *projectFolderModel) (bool, error) {
	children, err := c.ListProjectFolderChildren(ctx, m.ParentID.ValueString())
	if err != nil {
		return false, err
	}
	for _, f := range children {
		if stringOrEmpty(f.Name) == m.Name.ValueString() {
			m.ID = types.StringValue(f.ID)
			return true, nil
		}
	}
	return false, nil
}

func (projectFolderKind) post(ctx context.Context, c *dss.Client, m *projectFolderModel) error {
	f, err := c.CreateProjectFolder(ctx, m.ParentID.ValueString(), m.Name.ValueString())
	if err != nil {
		return err
	}
	m.ID = types.StringValue(f.ID)
	return nil
}

func (k projectFolderKind) apply(ctx context.Context, c *dss.Client, op *applyOp[projectFolderModel]) {
	plan, prior := op.plan, op.prior
	id := plan.ID.ValueString()
	if prior != nil && !plan.ParentID.Equal(prior.ParentID) {
		dest := plan.ParentID.ValueString()
		// A lost answer to a move: the folder is either under dest or
		// still where it was.
		err := postChecked(func() error { return c.MoveProjectFolder(ctx, id, dest) }, func() (bool, error) {
			f, err := c.GetProjectFolder(ctx, id)
			if err != nil {
				return false, err
			}
			return stringOrEmpty(f.ParentID) == dest, nil
		})
		if op.fail(err) {
			return
		}
		prior.ParentID = plan.ParentID
	}
	settingsChanged := known(plan.Owner) || known(plan.Permissions)
	if prior != nil {
		settingsChanged = !plan.Name.Equal(prior.Name) ||
			(known(plan.Owner) && !plan.Owner.Equal(prior.Owner)) ||
			(known(plan.Permissions) && !hclListSame(plan.Permissions, prior.Permissions))
	}
	if settingsChanged {
		_, _, err := dss.ProjectFolderSettingsDoc(id).Update(ctx, c, func(s *dss.ProjectFolderSettings) error {
			applyProjectFolderSettings(plan, s)
			return nil
		})
		if op.fail(err) {
			return
		}
		if prior != nil {
			prior.Name = plan.Name
		}
	}
	op.fail(k.read(ctx, c, plan, false))
}

// read costs 1 GET, plus 1 for the settings when owner or permissions are
// managed or the folder was just imported (name still null).
func (projectFolderKind) read(ctx context.Context, c *dss.Client, m *projectFolderModel, imported bool) error {
	f, err := c.GetProjectFolder(ctx, m.ID.ValueString())
	if err != nil {
		return err
	}
	projectFolderFromDSS(f, m)
	wantOwner, wantPermissions := imported || known(m.Owner), imported || known(m.Permissions)
	if !wantOwner && !wantPermissions {
		return nil
	}
	s, err := dss.ProjectFolderSettingsDoc(m.ID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	projectFolderSettingsFromDSS(s, m, wantOwner, wantPermissions)
	return nil
}

// parseProjectFolderImportID checks a dataiku_project_folder import ID:
// the folder's id, never the root (DSS's own, which cannot be created or
// deleted).
func parseProjectFolderImportID(id string) error {
	if id == "" || strings.ContainsAny(id, "/ ") || len(id) > maxNameLength {
		return fmt.Errorf("the import id is the project folder's id as DSS shows it (for example aB3dE5f), without slashes or spaces; got %q", id)
	}
	if id == dss.RootProjectFolderID {
		return fmt.Errorf("the root project folder (%s) belongs to DSS and cannot be managed: import one of its subfolders", id)
	}
	return nil
}
