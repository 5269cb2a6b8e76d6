package project

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewProjectFolderResource returns the dataiku_project_folder resource.
func NewProjectFolderResource() resource.Resource {
	return kit.NewResource[projectFolderModel](projectFolderKind{})
}

// projectFolderKind is a project folder: DSS generates its id, its name is
// unique among its siblings, and it is renamed and moved in place.
type projectFolderKind struct{}

// projectFolderAddress: DSS generates a folder's id; its name under its
// parent finds it when the answer to its creation was lost.
var projectFolderAddress = kit.Address[projectFolderModel]{
	TypeName:  "dataiku_project_folder",
	Path:      "project-folders/{id}",
	Key:       []kit.KeyPart[projectFolderModel]{{Attr: "id", ImportPart: kit.ImportPart{Label: "id"}, Field: func(m *projectFolderModel) *types.String { return &m.ID }, Doc: "The project folder's id DSS generated (not its name)."}},
	ID:        func(m *projectFolderModel) *types.String { return &m.ID },
	Generated: true,
	Natural:   &kit.KeyPart[projectFolderModel]{Attr: "name", Field: func(m *projectFolderModel) *types.String { return &m.Name }},
	Extra: func(m *projectFolderModel) []kit.IdentityAttr {
		return []kit.IdentityAttr{{Name: "parent_id", Value: m.ParentID}}
	},
	LabelOf: func(m *projectFolderModel) string {
		if kit.Known(m.ID) {
			return fmt.Sprintf("dataiku_project_folder %q (id %s)", m.Name.ValueString(), m.ID.ValueString())
		}
		return fmt.Sprintf("dataiku_project_folder %q", m.Name.ValueString())
	},
	ParseKey: func(id string) ([]string, error) { return []string{id}, ParseProjectFolderImportID(id) },
}

func (projectFolderKind) Address() *kit.Address[projectFolderModel] { return &projectFolderAddress }

// HCLObjectAttrs: permissions was JSON text in schema version 0.
func (projectFolderKind) HCLObjectAttrs() []string { return []string{"permissions"} }

func (projectFolderKind) Schema() schema.Schema {
	return schema.Schema{
		Version: 1,
		MarkdownDescription: "A DSS project folder: a node of the tree that organises projects on the instance's home page. " +
			"DSS generates its id; renaming it and moving it (changing `parent_id`) happen in place. " +
			"Reference it from `dataiku_project.project_folder_id`. Destroying a folder that still holds projects or folders fails with DSS's error. " +
			"Import with the folder's id.\n\n**Refresh cost.** 1 API call, plus 1 when `owner` or `permissions` is set.",
		Attributes: map[string]schema.Attribute{
			"id": kit.StableIDAttribute("The folder id DSS generated."),
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Folder name, unique among its siblings, not empty. Changed in place.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"parent_id": kit.OptionalString(dss.RootProjectFolderID,
				"Id of the parent folder; `ROOT` (the default) is the root. Changing it moves the folder, with its projects and subfolders, in place.",
				stringvalidator.LengthAtLeast(1)),
			"owner": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Login of the folder's owner (settings `owner`). When omitted, DSS makes the API key's user the owner and Terraform leaves it alone. Changed in place.",
				PlanModifiers:       []planmodifier.String{kit.UnmanagedWhenNull},
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"permissions": kit.HCLListAttribute("The folder's permission entries, a list of objects passed to DSS as written, such as " +
				"`[{ group = \"analysts\", read = true }]` (DSS does not document their shape; its UI writes entries such as that one). " +
				"A string holding a JSON array (`jsonencode([...])`, the form of earlier versions) is also read. " +
				"Authoritative when set: DSS holds exactly these entries after an apply. When omitted, Terraform leaves them alone. Changed in place."),
		},
	}
}

// Find looks for a sibling with the planned name: DSS keeps names unique
// among siblings, so it is the folder a lost POST may have created.
func (projectFolderKind) Find(ctx context.Context, c *dss.Client, m *projectFolderModel) (bool, error) {
	children, err := c.ListProjectFolderChildren(ctx, m.ParentID.ValueString())
	if err != nil {
		return false, err
	}
	return kit.FindCreated(children, &m.ID, func(f *dss.ProjectFolder) (bool, string) {
		return kit.StringOrEmpty(f.Name) == m.Name.ValueString(), f.ID
	}, nil)
}

func (projectFolderKind) Post(ctx context.Context, c *dss.Client, m *projectFolderModel) error {
	f, err := c.CreateProjectFolder(ctx, m.ParentID.ValueString(), m.Name.ValueString())
	if err != nil {
		return err
	}
	m.ID = types.StringValue(f.ID)
	return nil
}

func (k projectFolderKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[projectFolderModel]) {
	plan, prior := op.Plan, op.Prior
	id := plan.ID.ValueString()
	if prior != nil && !plan.ParentID.Equal(prior.ParentID) {
		dest := plan.ParentID.ValueString()
		// A lost answer to a move: the folder is either under dest or
		// still where it was.
		err := kit.PostChecked(func() error { return c.MoveProjectFolder(ctx, id, dest) }, func() (bool, error) {
			f, err := c.GetProjectFolder(ctx, id)
			if err != nil {
				return false, err
			}
			return kit.StringOrEmpty(f.ParentID) == dest, nil
		})
		if op.Fail(err) {
			return
		}
		prior.ParentID = plan.ParentID
	}
	settingsChanged := kit.Known(plan.Owner) || kit.Known(plan.Permissions)
	if prior != nil {
		settingsChanged = !plan.Name.Equal(prior.Name) ||
			(kit.Known(plan.Owner) && !plan.Owner.Equal(prior.Owner)) ||
			(kit.Known(plan.Permissions) && !kit.HCLListSame(plan.Permissions, prior.Permissions))
	}
	if settingsChanged {
		_, _, err := dss.ProjectFolderSettingsDoc(id).Update(ctx, c, func(s *dss.ProjectFolderSettings) error {
			applyProjectFolderSettings(plan, s)
			return nil
		})
		if op.Fail(err) {
			return
		}
		if prior != nil {
			prior.Name = plan.Name
		}
	}
	op.Fail(k.Read(ctx, c, plan, false))
}

// Read costs 1 GET, plus 1 for the settings when owner or permissions are
// managed or the folder was just imported (name still null).
func (projectFolderKind) Read(ctx context.Context, c *dss.Client, m *projectFolderModel, imported bool) error {
	f, err := c.GetProjectFolder(ctx, m.ID.ValueString())
	if err != nil {
		return err
	}
	projectFolderFromDSS(f, m)
	wantOwner, wantPermissions := imported || kit.Known(m.Owner), imported || kit.Known(m.Permissions)
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

// ParseProjectFolderImportID checks a dataiku_project_folder import ID:
// the folder's id, never the root (DSS's own, which cannot be created or
// deleted).
func ParseProjectFolderImportID(id string) error {
	if id == "" || strings.ContainsAny(id, "/ ") {
		return fmt.Errorf("the import id is the project folder's id as DSS shows it (for example aB3dE5f), without slashes or spaces; got %q", id)
	}
	if id == dss.RootProjectFolderID {
		return fmt.Errorf("the root project folder (%s) belongs to DSS and cannot be managed: import one of its subfolders", id)
	}
	return nil
}
