package project

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewProjectResource returns the dataiku_project resource.
func NewProjectResource() resource.Resource {
	return kit.NewResource[projectResourceModel](&projectKind{})
}

type projectResourceModel struct {
	projectAttrs
	DeleteManagedData types.Bool   `tfsdk:"delete_managed_data"`
	DuplicateFrom     types.Object `tfsdk:"duplicate_from"`
	kit.DeletionProtection
}

// duplicateFromModel is duplicate_from: the project a creation copies.
// DSS does not keep it, so it is only ever what the configuration said.
type duplicateFromModel struct {
	ProjectKey          types.String `tfsdk:"project_key"`
	Mode                types.String `tfsdk:"mode"`
	ConnectionRemapping types.Map    `tfsdk:"connection_remapping"`
}

// duplicateFrom is what duplicate_from asks for, nil when it is not set.
func (m *projectResourceModel) duplicateFrom(ctx context.Context) (*duplicateFromModel, diag.Diagnostics) {
	if !kit.Known(m.DuplicateFrom) {
		return nil, nil
	}
	var d duplicateFromModel
	diags := m.DuplicateFrom.As(ctx, &d, basetypes.ObjectAsOptions{})
	return &d, diags
}

// projectKind is dataiku_project for the lifecycle kit. The project key is
// chosen by the user and names the object; its metadata document says
// whether it exists.
type projectKind struct {
	// PermissionsLocks serialises its writes of the permissions document
	// with those of dataiku_project_grant.
	PermissionsLocks *kit.ProjectLocks
}

// Configure takes the provider's per-project permissions locks.
func (k *projectKind) Configure(data *kit.ProviderData) { k.PermissionsLocks = data.PermissionsLocks }

// key is the project key; after an import only the id may be set.
func (m *projectResourceModel) key() string {
	if k := m.ProjectKey.ValueString(); k != "" {
		return k
	}
	return m.ID.ValueString()
}

func (k projectKind) Find(ctx context.Context, c *dss.Client, m *projectResourceModel) (bool, error) {
	found, _, err := k.FindPosted(ctx, c, nil, m)
	return found, err
}

// FindPosted looks for the project; after a POST whose answer was lost it
// is ours when its metadata shows the name and description that POST
// sent. A project's key is its identity and DSS refuses a second project
// with the same key, so the kit sends no existence check before the POST
// (kindRefusingDuplicates).
//
// A duplication names the copy as planned but gives it the source's
// description: the copy is ours when its name is the planned one and its
// description the source's.
func (k projectKind) FindPosted(ctx context.Context, c *dss.Client, _ *dss.AuthInfo, m *projectResourceModel) (found, ours bool, err error) {
	md, err := dss.ProjectMetadataDoc(m.key()).Get(ctx, c)
	switch {
	case err == nil:
		desc := m.Description.ValueString()
		dup, diags := m.duplicateFrom(ctx)
		if err := kit.DiagsError(diags); err != nil {
			return true, false, err
		}
		if dup != nil {
			src, err := dss.ProjectMetadataDoc(dup.ProjectKey.ValueString()).Get(ctx, c)
			if err != nil {
				return true, false, err
			}
			desc = src.Description
		}
		return true, md.Name == m.Name.ValueString() && md.Description == desc, nil
	case dss.IsGone(err, ProjectAddress.ObjectPath(m)):
		return false, false, nil
	case dss.IsUnauthorized(err) && !dss.IsKeyRejected(err):
		// A non-admin key gets the same answer for a missing and an
		// invisible project: let the create call decide (DSS refuses
		// duplicates).
		return false, false, nil
	}
	return false, false, err
}

func (projectKind) Post(ctx context.Context, c *dss.Client, m *projectResourceModel) error {
	owner, err := projectOwner(ctx, c, m)
	if err != nil {
		return err
	}
	dup, diags := m.duplicateFrom(ctx)
	if err := kit.DiagsError(diags); err != nil {
		return err
	}
	if dup != nil {
		return postDuplicate(ctx, c, m, dup, owner)
	}
	tags, diags := kit.StringsFromSet(ctx, m.Tags)
	desc := m.Description.ValueString()
	body := dss.CreateProjectRequest{ProjectKey: m.key(), Name: m.Name.ValueString(), Owner: owner, Description: &desc, Tags: tags}
	if kit.Known(m.Permissions) {
		grants, d := mergeGrants(m.Permissions, nil)
		diags.Append(d...)
		for _, g := range grants {
			body.Permissions = append(body.Permissions, g)
		}
	}
	if err := kit.DiagsError(diags); err != nil {
		return err
	}
	folder := ""
	kit.SetKnownString(m.ProjectFolderID, &folder)
	return c.CreateProject(ctx, body, folder)
}

// postDuplicate creates the project as a copy of dup's project. Apply's
// read-modify-writes then bring the copy to the plan (name, descriptions,
// tags, grants, variables): what DSS copied from the source stays only
// where the configuration leaves an attribute unset. The owner is made
// the one a plain create gives (set in m, so Apply writes it), whoever DSS
// makes the copy's owner [I: DSS's choice is not documented].
func postDuplicate(ctx context.Context, c *dss.Client, m *projectResourceModel, dup *duplicateFromModel, owner string) error {
	remap := map[string]string{}
	if kit.Known(dup.ConnectionRemapping) {
		for src, dst := range dup.ConnectionRemapping.Elements() {
			if s, ok := dst.(types.String); ok {
				remap[src] = s.ValueString()
			}
		}
	}
	req := dss.DuplicateProjectRequest{
		TargetProjectKey: m.key(), TargetProjectName: m.Name.ValueString(),
		DuplicationMode: cmp.Or(dup.Mode.ValueString(), names.DefaultDuplicationMode), ConnectionRemapping: remap,
	}
	kit.SetKnownString(m.ProjectFolderID, &req.TargetProjectFolderID)
	// Before the POST, so that a copy found after a lost answer gets it too.
	m.Owner = types.StringValue(owner)
	_, err := c.DuplicateProject(ctx, dup.ProjectKey.ValueString(), req)
	return err
}

// errOwnerNeeded is the create's answer when the API key has no user to
// make the owner. The plan already refuses it (ModifyPlanAs); this is for
// a provider that was configured only at apply time.
var errOwnerNeeded = fmt.Errorf("the API key is a global key with no associated DSS user, so the project would have no owner: " +
	"set owner to the login of the project's owner")

// ModifyPlanAs refuses, at plan time, what DSS refuses to create: a
// project with an empty name, and a project without owner when the API key
// acts as no DSS user (a global key's identifier is not a login, and DSS
// would have no one to make the owner).
func (projectKind) ModifyPlanAs(ctx context.Context, caller *dss.AuthInfo, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return
	}
	var name types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name"), &name)...)
	if kit.Known(name) && name.ValueString() == "" {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "A new project needs a name",
			"DSS refuses to create a project without a name (\"Missing project name\"): set name. An existing project whose name was emptied in DSS may keep it empty.")
	}
	if caller == nil || caller.AssociatedDSSUser != "" {
		return
	}
	var owner, key types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("owner"), &owner)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("project_key"), &key)...)
	if !owner.IsNull() {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("owner"), fmt.Sprintf("dataiku_project %q needs an owner", key.ValueString()),
		fmt.Sprintf("The provider's API key (%q) is a global key with no associated DSS user, so the project would have no owner. "+
			"Set owner to the login of the project's owner (a global key's identifier is not a user), or give the key an impersonated user.",
			caller.AuthIdentifier))
}

// projectOwner is the owner a creation sends: the configured one, else
// the DSS user the API key acts as. A global key's authIdentifier is not a
// user, so without an associated user there is no owner to give.
func projectOwner(ctx context.Context, c *dss.Client, m *projectResourceModel) (string, error) {
	if kit.Known(m.Owner) {
		return m.Owner.ValueString(), nil
	}
	info, err := c.Caller(ctx)
	if err != nil {
		return "", err
	}
	if info.AssociatedDSSUser == "" {
		return "", errOwnerNeeded
	}
	return info.AssociatedDSSUser, nil
}

// Apply brings DSS to the plan with one read-modify-write per document
// that may differ (all of them on create), moves the project when its
// folder changes, and reads back what the plan manages.
func (k *projectKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[projectResourceModel]) {
	plan, prior := &op.Plan.projectAttrs, op.Prior
	key := op.Plan.key()

	// unchangedMetadata is the metadata as read by a read-modify-write
	// that had nothing to write (a create whose POST carried name,
	// description and tags): the read-back reuses it instead of a GET.
	var unchangedMetadata *dss.ProjectMetadata
	if prior == nil || !plan.Name.Equal(prior.Name) || !plan.Description.Equal(prior.Description) ||
		!plan.ShortDescription.Equal(prior.ShortDescription) || !plan.Tags.Equal(prior.Tags) {
		md, written, ok := kit.UpdateDocument(ctx, c, op, dss.ProjectMetadataDoc(key), func(md *dss.ProjectMetadata) diag.Diagnostics {
			return applyMetadata(ctx, plan, md)
		})
		if !ok {
			return
		}
		if !written {
			unchangedMetadata = md
		}
	}

	if (kit.Known(plan.Owner) && (prior == nil || !plan.Owner.Equal(prior.Owner))) ||
		(kit.Known(plan.Permissions) && (prior == nil || !plan.Permissions.Equal(prior.Permissions))) {
		unlock := k.PermissionsLocks.Lock(key)
		_, _, ok := kit.UpdateDocument(ctx, c, op, dss.ProjectPermissionsDoc(key), func(doc *dss.ProjectPermissions) diag.Diagnostics {
			return applyPermissions(plan, doc)
		})
		unlock()
		if !ok {
			return
		}
	}

	if (kit.Known(plan.StandardVariables) && (prior == nil || !kit.HCLObjectSame(plan.StandardVariables, prior.StandardVariables))) ||
		(kit.Known(plan.LocalVariables) && (prior == nil || !kit.SameJSONValue(plan.LocalVariables.Normalized, prior.LocalVariables.Normalized))) {
		if _, _, ok := kit.UpdateDocument(ctx, c, op, dss.ProjectVariablesDoc(key), func(doc *dss.ProjectVariables) diag.Diagnostics {
			return applyVariables(plan, doc)
		}); !ok {
			return
		}
	}

	// Creation already placed the project in the planned folder.
	if prior != nil && kit.Known(plan.ProjectFolderID) && !plan.ProjectFolderID.Equal(prior.ProjectFolderID) {
		if op.Fail(moveProject(ctx, c, key, plan.ProjectFolderID.ValueString())) {
			return
		}
	}

	d, err := readProjectFrom(ctx, c, key, plan, plan.managed(), unchangedMetadata)
	op.Diags.Append(d...)
	op.Fail(err)
}

// moveProject moves the project to dest unless it is there already.
func moveProject(ctx context.Context, c *dss.Client, key, dest string) error {
	cur, err := c.LocateProject(ctx, key)
	if err != nil || cur.ID == dest {
		return err
	}
	return kit.PostChecked(func() error { return c.MoveProject(ctx, cur.ID, key, dest) }, func() (bool, error) {
		// A lost answer to a move: the project is either there or still
		// where it was.
		now, err := c.LocateProject(ctx, key)
		if err != nil {
			return false, err
		}
		return now.ID == dest, nil
	})
}

// Read refreshes what the state manages; right after an import (only the
// key is known) it reads everything, which makes the import's next plan
// empty.
func (projectKind) Read(ctx context.Context, c *dss.Client, m *projectResourceModel, imported bool) error {
	scope := m.managed()
	if imported {
		scope = projectScopeAll
	}
	d, err := readProject(ctx, c, m.key(), &m.projectAttrs, scope)
	if err != nil {
		return err
	}
	if err := kit.DiagsError(d); err != nil {
		return err
	}
	if m.DeleteManagedData.IsNull() {
		m.DeleteManagedData = types.BoolValue(false)
	}
	return nil
}

// DeletePath is where the project is deleted, its metadata being where
// it is read.
// StateOnlyAttrs: delete_managed_data is sent with the delete only; a
// change of it alone plans and applies without DSS.
func (projectKind) StateOnlyAttrs() []string { return []string{"delete_managed_data"} }

func (projectKind) DeletePath(m *projectResourceModel) string { return dss.Path("projects", m.key()) }

func (projectKind) Delete(ctx context.Context, c *dss.Client, m *projectResourceModel) error {
	clearData := m.DeleteManagedData.ValueBool()
	return c.DeleteProject(ctx, m.key(), dss.DeleteProjectOptions{ClearManagedDatasets: clearData, ClearOutputManagedFolders: clearData})
}

// ProjectAddress: a project is named by the key the caller chooses; it is
// read at its metadata and deleted at projects/KEY (DeletePath).
var ProjectAddress = kit.Address[projectResourceModel]{
	TypeName: "dataiku_project",
	Path:     "projects/{project_key}/metadata",
	Key: []kit.KeyPart[projectResourceModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *projectResourceModel) *types.String { return &m.ProjectKey }, Doc: "The project's key."},
	},
	Example: "the project key, e.g. SALES_2024",
	ID:      func(m *projectResourceModel) *types.String { return &m.ID },
}

func (projectKind) Address() *kit.Address[projectResourceModel] { return &ProjectAddress }

// HCLObjectAttrs: standard_variables was JSON text in schema version 0.
func (projectKind) HCLObjectAttrs() []string { return []string{"standard_variables"} }

func (projectKind) Schema() schema.Schema {
	grantAttrs := grantAttributes(false)
	return schema.Schema{
		Version: 1,
		MarkdownDescription: "A Dataiku DSS project: its name, descriptions, tags, owner, folder, permissions and variables.\n\n" +
			"Every update reads DSS's document, changes only the fields this resource models and writes it back, so custom metadata fields, " +
			"checklists, settings and permission flags this provider does not know are kept.\n\n" +
			"**Non-admin API keys.** DSS answers a non-admin key that cannot see a project with `UnauthorizedException` " +
			"(\"Failed to read project permissions\") whether or not the project exists. The provider reports that as an error naming " +
			"the missing rights and keeps the project in state; it never treats it as a deleted project. Reading the project's permissions " +
			"(needed for `owner` and `permissions`) requires admin rights on the project.\n\n" +
			"**Refresh cost.** A refresh costs 2 API calls (metadata and permissions) plus 1 for the variables when either variables attribute is set, " +
			"and 1 for the folder when `project_folder_id` is set. After `terraform import` all of them are read.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "The project key.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"project_key": kit.RequiredReplacing("The DSS project key, unique on the instance: ASCII letters, digits and underscores. DSS documents no length limit, so the provider sets none. "+
				"Changing it destroys the project and creates a new one (DSS cannot rename a key).",
				stringvalidator.RegexMatches(kit.ProjectKeyPattern, kit.ProjectKeyRule)),
			// Empty only for a project that exists: DSS refuses to create
			// one without a name, but its metadata call keeps an empty
			// label, so a length check here would lock such a project out.
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Display name of the project (DSS metadata `label`). Not empty at creation (DSS refuses a project without a name, " +
					"and so does the plan); a project whose name was emptied in DSS reads as `\"\"`. Changed in place.",
			},
			"description":       kit.OptionalString("", "Long description, in Markdown (DSS metadata `description`). Defaults to `\"\"`. Changed in place."),
			"short_description": kit.OptionalString("", "One-line description (DSS metadata `shortDesc`). Defaults to `\"\"`. Changed in place."),
			"tags": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true,
				Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "Project tags (DSS metadata `tags`; DSS sorts them, so they are a set), none empty. Defaults to no tags. Changed in place.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"owner": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Login of the project owner (DSS permissions `owner`). When omitted, the owner is the API key's user " +
					"(for a global key, the DSS user associated with the key; with a global key without one, the plan fails asking for `owner`: a key is never made an owner) " +
					"and Terraform leaves the owner alone afterwards. Changed in place.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"project_folder_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Id of the project folder holding the project; `ROOT` is the root folder. Creation places the project there; " +
					"a change moves it with DSS's move call (in place), and a move made outside Terraform shows as drift. " +
					"It may reference a folder created in the same apply. " +
					"When omitted, DSS's default (the root) is used at creation and the folder is not tracked (it stays null, saving one API call per refresh).",
				PlanModifiers: []planmodifier.String{kit.UnmanagedWhenNull},
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"permissions": schema.SetNestedAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "The project's grants (DSS permissions `permissions`), one per group or user. " +
					"**Authoritative when set:** after an apply, DSS holds exactly these grants; a grant added outside Terraform shows as drift " +
					"and the next apply removes it. `permissions = []` removes every grant (the owner keeps full rights). " +
					"When omitted, Terraform leaves the project's grants alone. Permission flags this schema does not know (for example ones added by " +
					"newer DSS versions) and the rest of the permissions document (dashboard authorizations, additional dashboard users) are kept.\n\n" +
					"Do not combine it with `dataiku_project_grant` on the same project: this authoritative list would remove those grants at each apply, " +
					"and the grants would add themselves back at the next, a perpetual diff. Use one or the other per project.",
				NestedObject:  schema.NestedAttributeObject{Attributes: grantAttrs},
				PlanModifiers: []planmodifier.Set{kit.UnmanagedSetWhenNull, grantFlagsDefaultFalse},
				Validators:    []validator.Set{grantPrincipalValidator},
			},
			"standard_variables": schema.DynamicAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "The project's standard variables, as an object (DSS variables `standard`), e.g. `{ env = \"prod\", retention_days = 30 }`. " +
					"Managed whole: DSS's standard variables become exactly this object. Key order and number formatting never cause a diff. " +
					"A string holding a JSON object (`jsonencode({...})`, the form of earlier versions) is read as that object. " +
					"When omitted, Terraform leaves them alone. Changed in place.",
				PlanModifiers: []planmodifier.Dynamic{kit.HCLObjectWholePlan},
				Validators:    []validator.Dynamic{kit.HCLObjectValidator},
			},
			"local_variables": schema.StringAttribute{
				CustomType: kit.SensitiveJSONType{}, Optional: true, Computed: true, Sensitive: true,
				MarkdownDescription: "The project's local variables, as a JSON object (DSS variables `local`: not exported with the project, " +
					"often used for secrets, hence sensitive). When omitted, Terraform leaves them alone. Changed in place.",
				PlanModifiers: []planmodifier.String{kit.UnmanagedWhenNull},
				Validators:    []validator.String{kit.JSONObjectValidator},
			},
			"duplicate_from": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "Creates the project as a copy of another one, with DSS's project duplication: the copy holds the source's Flow " +
					"(datasets, recipes, managed folders, zones, scenarios), settings and variables under this project's key. The rest of this " +
					"resource's configuration is then applied to the copy (name, descriptions, tags, owner, and, when set, permissions, variables and folder), " +
					"so the copy ends as configured; what the configuration leaves unset (grants, variables) stays as DSS copied it. " +
					"Needs read access to the source and the right to create projects. DSS's other duplication options (analysis and saved models, " +
					"the Git repository, insights' data) are left to DSS's defaults. " +
					"Only used at creation: DSS does not keep where a project came from, so this is never read back. Changing it after creation " +
					"replaces the project only when the state already holds a different value; a project imported or adopted (state without it) " +
					"that gets it in its configuration later plans an in-place change that only records it, and removing it only forgets it.",
				Attributes: map[string]schema.Attribute{
					"project_key": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Key of the project to copy.",
						Validators:          []validator.String{stringvalidator.RegexMatches(kit.ProjectKeyPattern, kit.ProjectKeyRule)},
					},
					"mode": schema.StringAttribute{
						Optional: true, Computed: true,
						Default: stringdefault.StaticString(names.DefaultDuplicationMode),
						MarkdownDescription: "DSS's duplication mode (`duplicationMode`): `MINIMAL` (DSS's default), `SHARING`, `FULL` or `NONE`. " +
							"Defaults to `MINIMAL`. Other non-empty values are passed to DSS as written; only a case variant of a known mode is refused.",
						Validators: []validator.String{kit.KnownSpelling("duplication mode", names.DuplicationModes...)},
					},
					"connection_remapping": schema.MapAttribute{
						ElementType: types.StringType, Optional: true,
						MarkdownDescription: "Connections the copy uses instead of the source's: a map from a source connection's name to the connection " +
							"the copy's datasets and managed folders use instead, e.g. `{ pg_prod = \"pg_preview\" }`.",
						Validators: []validator.Map{mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1)),
							mapvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
					},
				},
				PlanModifiers: []planmodifier.Object{duplicateFromReplace},
			},
			"delete_managed_data": kit.OptionalBool(false,
				"Whether destroying the project also deletes the data of its managed datasets and output managed folders "+
					"(DSS's `clearManagedDatasets` and `clearOutputManagedFolders`). Defaults to `false`. Only used at destroy; changing it calls nothing in DSS."),
			kit.DeletionProtectionAttributeName: kit.DeletionProtectionAttribute("the project, with its Flow, notebooks, dashboards and " +
				"everything else DSS holds in it"),
		},
	}
}

// duplicateFromReplace replaces the project when duplicate_from changes
// from one source to another: only then does the configuration ask for a
// different copy. From null (an import, an adoption) or to null it is
// history being recorded or forgotten, never worth destroying a project.
var duplicateFromReplace = objectplanmodifier.RequiresReplaceIf(
	func(_ context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !req.StateValue.IsNull() && !req.PlanValue.IsNull()
	},
	"Replaces the project when the state holds a different duplicate_from; adding it to a project whose state has none, or removing it, changes nothing in DSS.",
	"Replaces the project when the state holds a different `duplicate_from`; adding it to a project whose state has none, or removing it, changes nothing in DSS.",
)

// ParseProjectImportID checks a dataiku_project import ID: the project key.
func ParseProjectImportID(id string) (string, error) {
	p, err := ProjectAddress.ParseImportKey(id)
	if err != nil {
		return "", err
	}
	return p[0], nil
}

// CheckBeforeCreate refuses an owner DSS has no user for: DSS accepts it
// and then holds a project whose permissions name a user it does not have
// (issue 26). One GET /users/ per command; skipped when refused.
func (projectKind) CheckBeforeCreate(ctx context.Context, c kit.CheckReader, m *projectResourceModel, diags *diag.Diagnostics) {
	if !kit.Known(m.Owner) || m.Owner.ValueString() == "" {
		return // the key's own user, which exists
	}
	owner := m.Owner.ValueString()
	logins, err := c.UserLogins(ctx, owner)
	if err != nil {
		kit.SkipCheck(ctx, "project owner", err)
		return
	}
	if !slices.Contains(logins, owner) {
		diags.AddAttributeError(path.Root("owner"), "Cannot create "+ProjectAddress.Label(m), fmt.Sprintf(
			"owner: DSS has no user %q (GET /users/ lists %d users). Nothing was created. Create the user first (dataiku_user), or fix the login.",
			owner, len(logins)))
	}
}
