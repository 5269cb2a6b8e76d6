package provider

import (
	"context"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

var (
	_ resource.ResourceWithConfigure   = (*projectResource)(nil)
	_ resource.ResourceWithImportState = (*projectResource)(nil)
)

// NewProjectResource returns the dataiku_project resource.
func NewProjectResource() resource.Resource { return &projectResource{} }

type projectResource struct {
	client *dss.Client
}

type projectResourceModel struct {
	ID                types.String         `tfsdk:"id"`
	ProjectKey        types.String         `tfsdk:"project_key"`
	Name              types.String         `tfsdk:"name"`
	Description       types.String         `tfsdk:"description"`
	ShortDescription  types.String         `tfsdk:"short_description"`
	Tags              types.Set            `tfsdk:"tags"`
	Owner             types.String         `tfsdk:"owner"`
	ProjectFolderID   types.String         `tfsdk:"project_folder_id"`
	Permissions       types.Set            `tfsdk:"permissions"`
	StandardVariables jsontypes.Normalized `tfsdk:"standard_variables"`
	LocalVariables    jsontypes.Normalized `tfsdk:"local_variables"`
	DeleteManagedData types.Bool           `tfsdk:"delete_managed_data"`
}

func (r *projectResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

func (r *projectResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	grantAttrs := map[string]schema.Attribute{
		"group": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "DSS group this grant is for. Exactly one of `group` and `user` must be set.",
			Validators: []validator.String{
				stringvalidator.ExactlyOneOf(path.MatchRelative().AtParent().AtName("user")),
				stringvalidator.LengthBetween(1, maxNameLength),
			},
		},
		"user": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Login of the DSS user this grant is for. Exactly one of `group` and `user` must be set.",
			Validators:          []validator.String{stringvalidator.LengthBetween(1, maxNameLength)},
		},
	}
	for _, f := range projectPermissionFlags {
		grantAttrs[f.attr] = schema.BoolAttribute{
			// No Default here: defaults inside set elements are unreliable in
			// the framework; grantFlagsDefaultFalse fills them on the set.
			Optional: true, Computed: true,
			MarkdownDescription: f.desc + " DSS flag `" + f.dss + "`. Defaults to `false`.",
		}
	}

	resp.Schema = schema.Schema{
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
			"project_key": schema.StringAttribute{
				Required: true,
				MarkdownDescription: fmt.Sprintf("The DSS project key, unique on the instance: letters, digits and underscores, at most %d characters. ", maxProjectKeyLength) +
					"Changing it destroys the project and creates a new one (DSS cannot rename a key).",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{stringvalidator.RegexMatches(projectKeyPattern, projectKeyRule),
					stringvalidator.LengthAtMost(maxProjectKeyLength)},
			},
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: fmt.Sprintf("Display name of the project (DSS metadata `label`), 1 to %d characters. Changed in place.", maxNameLength),
				Validators:          []validator.String{stringvalidator.LengthBetween(1, maxNameLength)},
			},
			"description": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Long description, in Markdown (DSS metadata `description`). Defaults to `\"\"`. Changed in place.",
			},
			"short_description": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "One-line description (DSS metadata `shortDesc`). Defaults to `\"\"`. Changed in place.",
			},
			"tags": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true,
				Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "Project tags (DSS metadata `tags`; DSS sorts them, so they are a set), each 1 to 256 characters. Defaults to no tags. Changed in place.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthBetween(1, maxNameLength))},
			},
			"owner": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Login of the project owner (DSS permissions `owner`). When omitted, DSS makes the API key's user the owner " +
					"and Terraform leaves the owner alone afterwards. Changed in place.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:    []validator.String{stringvalidator.LengthBetween(1, maxNameLength)},
			},
			"project_folder_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Id of the project folder holding the project; `ROOT` is the root folder. Creation places the project there; " +
					"a change moves it with DSS's move call (in place), and a move made outside Terraform shows as drift. " +
					"When omitted, DSS's default (the root) is used at creation and the folder is not tracked (it stays null, saving one API call per refresh).",
				PlanModifiers: []planmodifier.String{unmanagedWhenNull{}},
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"permissions": schema.SetNestedAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "The project's grants (DSS permissions `permissions`), one per group or user. " +
					"**Authoritative when set:** after an apply, DSS holds exactly these grants; a grant added outside Terraform shows as drift " +
					"and the next apply removes it. `permissions = []` removes every grant (the owner keeps full rights). " +
					"When omitted, Terraform leaves the project's grants alone. Permission flags this schema does not know (for example ones added by " +
					"newer DSS versions) and the rest of the permissions document (dashboard authorizations, additional dashboard users) are kept.",
				NestedObject:  schema.NestedAttributeObject{Attributes: grantAttrs},
				PlanModifiers: []planmodifier.Set{unmanagedWhenNull{}, grantFlagsDefaultFalse{}},
			},
			"standard_variables": schema.StringAttribute{
				CustomType: jsontypes.NormalizedType{}, Optional: true, Computed: true,
				MarkdownDescription: "The project's standard variables, as a JSON object (DSS variables `standard`; use `jsonencode`). " +
					"Formatting and key order never cause a diff. When omitted, Terraform leaves them alone. Changed in place.",
				PlanModifiers: []planmodifier.String{unmanagedWhenNull{}},
				Validators:    []validator.String{jsonObjectValidator{}},
			},
			"local_variables": schema.StringAttribute{
				CustomType: jsontypes.NormalizedType{}, Optional: true, Computed: true, Sensitive: true,
				MarkdownDescription: "The project's local variables, as a JSON object (DSS variables `local`: not exported with the project, " +
					"often used for secrets, hence sensitive). When omitted, Terraform leaves them alone. Changed in place.",
				PlanModifiers: []planmodifier.String{unmanagedWhenNull{}},
				Validators:    []validator.String{jsonObjectValidator{}},
			},
			"delete_managed_data": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether destroying the project also deletes the data of its managed datasets and output managed folders " +
					"(DSS's `clearManagedDatasets` and `clearOutputManagedFolders`). Defaults to `false`. Only used at destroy; changing it calls nothing in DSS.",
			},
		},
	}
}

func (r *projectResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// projectReadScope says which optional documents a read fetches.
type projectReadScope struct {
	permissions bool // fill m.Permissions from the grants (the GET is done anyway)
	variables   bool // fetch variables (standard and local set only when wanted)
	standard    bool
	local       bool
	folder      bool // locate the project's folder
}

// readProject fills m from DSS. It returns DSS's error unchanged so callers
// can tell "gone" from anything else.
func readProject(ctx context.Context, c *dss.Client, key string, m *projectResourceModel, scope projectReadScope) (diag.Diagnostics, error) {
	var diags diag.Diagnostics
	md, err := c.GetProjectMetadata(ctx, key)
	if err != nil {
		return diags, err
	}
	m.ID = types.StringValue(key)
	m.ProjectKey = types.StringValue(key)
	label, _ := md["label"].(string)
	m.Name = types.StringValue(label)
	desc, _ := md["description"].(string)
	m.Description = types.StringValue(desc)
	short, _ := md["shortDesc"].(string)
	m.ShortDescription = types.StringValue(short)
	tags, d := stringSetValue(ctx, anyStrings(md["tags"]))
	diags.Append(d...)
	m.Tags = tags

	perms, err := c.GetProjectPermissions(ctx, key)
	if err != nil {
		// A key with read but not admin rights on the project cannot read
		// the permissions document; when permissions are not managed the
		// owner is also in the project summary.
		if !scope.permissions && dss.IsUnauthorized(err) && !dss.IsKeyRejected(err) {
			sum, err2 := c.GetProjectSummary(ctx, key)
			if err2 != nil {
				return diags, err2
			}
			m.Owner = types.StringValue(sum.OwnerLogin)
		} else {
			return diags, err
		}
	} else {
		owner, _ := perms["owner"].(string)
		m.Owner = types.StringValue(owner)
		if scope.permissions {
			set, d := grantsValue(perms["permissions"])
			diags.Append(d...)
			m.Permissions = set
		}
	}

	if scope.variables {
		vars, err := c.GetProjectVariables(ctx, key)
		if err != nil {
			return diags, err
		}
		if scope.standard {
			v, err := jsonObjectValue(vars["standard"])
			if err != nil {
				return diags, err
			}
			m.StandardVariables = v
		}
		if scope.local {
			v, err := jsonObjectValue(vars["local"])
			if err != nil {
				return diags, err
			}
			m.LocalVariables = v
		}
	}

	if scope.folder {
		f, err := c.LocateProject(ctx, key)
		if err != nil {
			return diags, err
		}
		m.ProjectFolderID = types.StringValue(f.ID)
	}
	return diags, nil
}

// scopeFor is what a read after create/update must fetch: exactly what the
// plan manages, so that unmanaged attributes stay null as planned.
func scopeFor(m *projectResourceModel) projectReadScope {
	s := projectReadScope{
		permissions: !m.Permissions.IsNull(),
		standard:    !m.StandardVariables.IsNull(),
		local:       !m.LocalVariables.IsNull(),
		folder:      !m.ProjectFolderID.IsNull(),
	}
	s.variables = s.standard || s.local
	return s
}

func anyStrings(v any) []string {
	list, _ := v.([]any)
	out := []string{}
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (r *projectResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan projectResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := plan.ProjectKey.ValueString()
	summary := fmt.Sprintf("Cannot create dataiku_project %q", key)
	if !requireClient(r.client, &resp.Diagnostics, summary) {
		return
	}

	// Refuse to adopt an existing project silently: it may belong to
	// someone else, and destroying this resource would delete it.
	_, err := r.client.GetProjectMetadata(ctx, key)
	switch {
	case err == nil:
		resp.Diagnostics.AddError(summary, fmt.Sprintf(
			"A project with key %s already exists in DSS. To manage it with Terraform, import it: "+
				"`terraform import dataiku_project.<name> %s`, or add an import block: import { to = dataiku_project.<name>  id = %q }.",
			key, key, key))
		return
	case dss.IsNotFound(err):
	case dss.IsUnauthorized(err) && !dss.IsKeyRejected(err):
		// A non-admin key gets the same answer for a missing and an invisible
		// project: let the create call decide (DSS refuses duplicates).
	default:
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}

	owner := plan.Owner.ValueString()
	if plan.Owner.IsNull() || plan.Owner.IsUnknown() {
		info, err := r.client.AuthInfo(ctx)
		if err != nil {
			addDSSError(&resp.Diagnostics, summary, err)
			return
		}
		owner = info.AuthIdentifier
	}
	tags, d := stringsFromSet(ctx, plan.Tags)
	resp.Diagnostics.Append(d...)
	desc := plan.Description.ValueString()
	body := dss.CreateProjectRequest{ProjectKey: key, Name: plan.Name.ValueString(), Owner: owner, Description: &desc, Tags: tags}
	if !plan.Permissions.IsNull() && !plan.Permissions.IsUnknown() {
		grants, d := mergeGrants(plan.Permissions, nil)
		resp.Diagnostics.Append(d...)
		body.Permissions = grants
	}
	if resp.Diagnostics.HasError() {
		return
	}
	folder := ""
	if !plan.ProjectFolderID.IsNull() && !plan.ProjectFolderID.IsUnknown() {
		folder = plan.ProjectFolderID.ValueString()
	}
	// If the answer is lost, look: we checked above that the key was free,
	// so a project with this key now is the one we asked for.
	err = postChecked(func() error { return r.client.CreateProject(ctx, body, folder) },
		existsCheck(func() error { _, err := r.client.GetProjectMetadata(ctx, key); return err }))
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		if isOutcomeStillUnknown(err) {
			// It may exist: record it (Terraform marks it tainted), so the
			// next apply deletes whatever is there and creates it afresh
			// instead of refusing an orphan as "already exists".
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), key)...)
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_key"), key)...)
		}
		return
	}

	// The project exists from here on: record it before the follow-up calls.
	// If one of them fails, Terraform keeps this partial state and marks the
	// resource tainted, so the next apply destroys and recreates the project
	// with the full configuration. That converges and orphans nothing; a
	// warning-only result would instead leave a state that claims a
	// configuration DSS does not have.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), key)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_key"), key)...)
	if resp.Diagnostics.HasError() {
		return
	}

	if !r.reconcile(ctx, &plan, nil, summary, &resp.Diagnostics) {
		return
	}
	r.readBack(ctx, &plan, summary, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// reconcile brings DSS to the plan, one read-modify-write per document that
// differs from prior (nil on create: everything is checked).
func (r *projectResource) reconcile(ctx context.Context, plan, prior *projectResourceModel, summary string, diags *diag.Diagnostics) bool {
	c := r.client
	key := plan.ProjectKey.ValueString()

	metaChanged := prior == nil || !plan.Name.Equal(prior.Name) || !plan.Description.Equal(prior.Description) ||
		!plan.ShortDescription.Equal(prior.ShortDescription) || !plan.Tags.Equal(prior.Tags)
	if metaChanged {
		md, err := c.GetProjectMetadata(ctx, key)
		if err != nil {
			addDSSError(diags, summary, err)
			return false
		}
		tags, d := stringsFromSet(ctx, plan.Tags)
		diags.Append(d...)
		want := map[string]any{
			"label": plan.Name.ValueString(), "description": plan.Description.ValueString(),
			"shortDesc": plan.ShortDescription.ValueString(), "tags": stringsToAny(tags),
		}
		if docDiffers(md, want) {
			for k, v := range want {
				md[k] = v
			}
			if err := c.PutProjectMetadata(ctx, key, md); err != nil {
				addDSSError(diags, summary, err)
				return false
			}
		}
	}

	ownerWanted := !plan.Owner.IsNull() && !plan.Owner.IsUnknown()
	permsWanted := !plan.Permissions.IsNull() && !plan.Permissions.IsUnknown()
	permsChanged := (ownerWanted && (prior == nil || !plan.Owner.Equal(prior.Owner))) ||
		(permsWanted && (prior == nil || !plan.Permissions.Equal(prior.Permissions)))
	if permsChanged {
		doc, err := c.GetProjectPermissions(ctx, key)
		if err != nil {
			addDSSError(diags, summary, err)
			return false
		}
		want := map[string]any{}
		if ownerWanted {
			want["owner"] = plan.Owner.ValueString()
		}
		if permsWanted {
			grants, d := mergeGrants(plan.Permissions, doc["permissions"])
			diags.Append(d...)
			if diags.HasError() {
				return false
			}
			want["permissions"] = grants
		}
		if docDiffers(doc, want) {
			for k, v := range want {
				doc[k] = v
			}
			if err := c.PutProjectPermissions(ctx, key, doc); err != nil {
				addDSSError(diags, summary, err)
				return false
			}
		}
	}

	stdWanted := !plan.StandardVariables.IsNull() && !plan.StandardVariables.IsUnknown()
	localWanted := !plan.LocalVariables.IsNull() && !plan.LocalVariables.IsUnknown()
	varsChanged := (stdWanted && (prior == nil || !jsonEqualValues(plan.StandardVariables, prior.StandardVariables))) ||
		(localWanted && (prior == nil || !jsonEqualValues(plan.LocalVariables, prior.LocalVariables)))
	if varsChanged {
		doc, err := c.GetProjectVariables(ctx, key)
		if err != nil {
			addDSSError(diags, summary, err)
			return false
		}
		want := map[string]any{}
		for _, v := range []struct {
			on   bool
			name string
			val  jsontypes.Normalized
		}{{stdWanted, "standard", plan.StandardVariables}, {localWanted, "local", plan.LocalVariables}} {
			if !v.on {
				continue
			}
			obj, err := decodeJSONObject(v.val)
			if err != nil {
				diags.AddError(summary, fmt.Sprintf("%s_variables %s", v.name, err))
				return false
			}
			if obj == nil {
				obj = map[string]any{}
			}
			want[v.name] = obj
		}
		if docDiffers(doc, want) {
			for k, v := range want {
				doc[k] = v
			}
			if err := c.PutProjectVariables(ctx, key, doc); err != nil {
				addDSSError(diags, summary, err)
				return false
			}
		}
	}

	// Creation already placed the project in the planned folder.
	if prior != nil && !plan.ProjectFolderID.IsNull() && !plan.ProjectFolderID.IsUnknown() && !plan.ProjectFolderID.Equal(prior.ProjectFolderID) {
		cur, err := c.LocateProject(ctx, key)
		if err != nil {
			addDSSError(diags, summary, err)
			return false
		}
		if dest := plan.ProjectFolderID.ValueString(); cur.ID != dest {
			err := postChecked(func() error { return c.MoveProject(ctx, cur.ID, key, dest) }, func() (bool, error) {
				// A lost answer to a move: the project is either there or
				// still where it was.
				now, err := c.LocateProject(ctx, key)
				if err != nil {
					return false, err
				}
				return now.ID == dest, nil
			})
			if err != nil {
				addDSSError(diags, summary, err)
				return false
			}
		}
	}
	return !diags.HasError()
}

// readBack refreshes plan from DSS after a write, fetching only what the
// plan manages, so the state holds what DSS actually stored.
func (r *projectResource) readBack(ctx context.Context, plan *projectResourceModel, summary string, diags *diag.Diagnostics) {
	d, err := readProject(ctx, r.client, plan.ProjectKey.ValueString(), plan, scopeFor(plan))
	diags.Append(d...)
	if err != nil {
		addDSSError(diags, summary, err)
	}
}

func stringsToAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// docDiffers reports whether any key of want differs from doc, comparing
// JSON-shaped values (string lists are compared as sorted lists by the caller).
func docDiffers(doc, want map[string]any) bool {
	for k, v := range want {
		if !reflect.DeepEqual(normalizeJSONish(doc[k]), normalizeJSONish(v)) {
			return true
		}
	}
	return false
}

// normalizeJSONish turns []string into []any so values built in Go compare
// equal to values decoded from JSON.
func normalizeJSONish(v any) any {
	switch t := v.(type) {
	case []string:
		return stringsToAny(t)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = normalizeJSONish(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = normalizeJSONish(e)
		}
		return out
	case int:
		return float64(t)
	}
	return v
}

func jsonEqualValues(a, b jsontypes.Normalized) bool {
	if a.IsNull() || b.IsNull() || a.IsUnknown() || b.IsUnknown() {
		return a.Equal(b)
	}
	eq, d := a.StringSemanticEquals(context.Background(), b)
	return eq && !d.HasError()
}

func (r *projectResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state projectResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || r.client == nil {
		return
	}
	key := state.ProjectKey.ValueString()
	if key == "" {
		key = state.ID.ValueString()
	}
	// Just imported (or left half-created): only the key is known, so read
	// everything, which is what makes an import's next plan empty. Otherwise
	// read only what the state tracks, to keep refreshes cheap.
	fresh := state.Name.IsNull()
	scope := scopeFor(&state)
	if fresh {
		scope = projectReadScope{permissions: true, variables: true, standard: true, local: true, folder: true}
	}
	d, err := readProject(ctx, r.client, key, &state, scope)
	resp.Diagnostics.Append(d...)
	if err != nil {
		if dss.IsNotFound(err) {
			resp.Diagnostics.AddWarning(fmt.Sprintf("dataiku_project %q no longer exists", key),
				"DSS says the project does not exist; it was removed from the state and the next apply will create it again.")
			resp.State.RemoveResource(ctx)
			return
		}
		addDSSError(&resp.Diagnostics, fmt.Sprintf("Cannot read dataiku_project %q", key), err)
		return
	}
	if state.DeleteManagedData.IsNull() {
		state.DeleteManagedData = types.BoolValue(false)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *projectResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior projectResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := fmt.Sprintf("Cannot update dataiku_project %q", plan.ProjectKey.ValueString())
	if !requireClient(r.client, &resp.Diagnostics, summary) {
		return
	}
	if !r.reconcile(ctx, &plan, &prior, summary, &resp.Diagnostics) {
		return
	}
	r.readBack(ctx, &plan, summary, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *projectResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state projectResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := state.ProjectKey.ValueString()
	summary := fmt.Sprintf("Cannot delete dataiku_project %q", key)
	if !requireClient(r.client, &resp.Diagnostics, summary) {
		return
	}
	clearData := state.DeleteManagedData.ValueBool()
	err := r.client.DeleteProject(ctx, key, dss.DeleteProjectOptions{ClearManagedDatasets: clearData, ClearOutputManagedFolders: clearData})
	if err != nil && !dss.IsNotFound(err) {
		addDSSError(&resp.Diagnostics, summary, err)
	}
}

func (r *projectResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if _, err := parseProjectImportID(req.ID); err != nil {
		resp.Diagnostics.AddError("Invalid import id for dataiku_project", sentence(err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_key"), req.ID)...)
}
