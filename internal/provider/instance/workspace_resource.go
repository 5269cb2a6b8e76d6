package instance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewWorkspaceResource returns the dataiku_workspace resource.
func NewWorkspaceResource() resource.Resource {
	return kit.NewResource[WorkspaceModel](workspaceKind{})
}

// workspaceKind is a DSS workspace (DSS 11+): named by the key the caller
// chooses, created with one POST, then written whole (PUT of its
// settings).
type workspaceKind struct{}

// workspaceKeyNote says, in a description, what a workspace's key may be.
const workspaceKeyNote = "A workspace's key must " + names.WorkspaceKeyRule + "."

var workspaceKey = kit.NameKey{Attr: "workspace_key", Label: "workspace_key", What: "workspace's key",
	Pattern: names.WorkspaceKeyPattern, Rule: "must " + names.WorkspaceKeyRule}

var workspaceAddress = kit.NamedAddress("dataiku_workspace", "workspaces/{workspace_key}", workspaceKey,
	func(m *WorkspaceModel) *types.String { return &m.WorkspaceKey }, func(m *WorkspaceModel) *types.String { return &m.ID })

func (workspaceKind) Address() *kit.Address[WorkspaceModel] { return &workspaceAddress }

func (workspaceKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A DSS workspace (DSS 11 or later): where business users find the datasets, dashboards, wiki articles, " +
			"Dataiku applications and links a team shares with them, and who may see (member), add to (contributor) or administer it. " +
			"Every change is a read-modify-write of the workspace's whole settings, so what the provider does not model is kept. " +
			"Creating a workspace needs an administrator's API key or one whose user is in a group that may create workspaces (`dataiku_group`'s `may_create_workspaces`, DSS's `mayCreateWorkspaces`); " +
			"changing or deleting one needs an administrator of the workspace (DSS refuses otherwise, and its error is shown). Import with the workspace's key.\n\n" +
			"**Who administers it after creation.** " + ownEntryNote + " DSS's administrators keep every right on every workspace. " +
			"When `permissions` is not set, Terraform leaves DSS's entries alone.\n\n**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			"id": kit.StableIDAttribute("The workspace's key."),
			"workspace_key": kit.RequiredReplacing("The workspace's key (`workspaceKey`), unique on the instance: it must "+names.WorkspaceKeyRule+
				". DSS cannot change a workspace's key: changing it destroys the workspace (with the list of what it shares) and creates the new one.",
				workspaceKey.Validators()...),
			"display_name": schema.StringAttribute{Required: true,
				MarkdownDescription: "The name users see (`displayName`). Changes in place."},
			"description": kit.OptionalString("", "Description (`description`). Default empty. Changes in place."),
			"color": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Background color of the workspace's tile, as `#RRGGBB` (`color`), e.g. `#2ab1ac`. When omitted, DSS picks a random " +
					"one at creation and Terraform keeps it without a diff (a change made in DSS then shows in the state, not as a diff). " +
					"Passed to DSS as written. Changes in place.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"permissions": accessEntriesAttribute(accessEntriesText{Noun: "workspace",
				Description: "Who may use the workspace (`permissions`): one entry per group or user, with its three flags as DSS holds them " +
					"(dataikuapi's roles: a member has `read`, a contributor `write` and `read`, an administrator all three). " +
					"**Authoritative when set:** after an apply, DSS holds exactly these entries (but the API key user's, below; fields DSS keeps in an entry beyond these are kept); " +
					"an entry added in DSS shows as drift and the next apply removes it. Flags are read as DSS holds them, never adjusted " +
					"(an entry with `write` but not `read` reads so). When omitted, Terraform leaves DSS's entries alone. " + ownEntryNote + " " +
					"DSS shows the entries to administrators of the workspace only: for another caller they are left as the state holds them. " +
					"Every entry states its three flags (a set of objects cannot take defaults reliably). Changes in place.",
				Admin: "Whether the group or user administers the workspace: changes its settings and permissions, deletes it (DSS's `admin`).",
				Write: "Whether the group or user adds and removes the workspace's objects (DSS's `write`: a contributor).",
				Read:  "Whether the group or user sees the workspace and its objects (DSS's `read`: a member)."}),
		},
	}
}

func (workspaceKind) Post(ctx context.Context, c *dss.Client, m *WorkspaceModel) error {
	m.ID = m.WorkspaceKey
	w := dss.WorkspaceCreate{Key: m.WorkspaceKey.ValueString(), DisplayName: m.DisplayName.ValueString()}
	if kit.Known(m.Color) {
		w.Color = new(m.Color.ValueString())
	}
	if d := m.Description.ValueString(); d != "" {
		w.Description = &d
	}
	if kit.Known(m.Permissions) {
		perms, diags := plannedAccessEntries(ctx, m.Permissions)
		if diags.HasError() {
			return kit.DiagsError(diags)
		}
		w.Permissions = &perms
	}
	return c.CreateWorkspace(ctx, w)
}

// Apply writes the whole settings (on create too: DSS may have stored
// other entries than the configured ones, e.g. the creator's entry with
// all three flags when the configuration lists that user with fewer),
// keeping the API key user's own entry unless the plan lists that user,
// then reads back what DSS stored.
func (workspaceKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[WorkspaceModel]) {
	login, err := ownLogin(ctx, c)
	if op.Fail(err) {
		return
	}
	own := hiddenOwn(ctx, op.Plan.Permissions, login)
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[WorkspaceModel, dss.Workspace]{
		Doc:     dss.WorkspaceDoc(op.Plan.WorkspaceKey.ValueString()),
		ToDSS:   func(w *dss.Workspace) diag.Diagnostics { return ApplyWorkspace(ctx, op.Plan, w, own) },
		FromDSS: func(w *dss.Workspace) diag.Diagnostics { return WorkspaceFromDSS(ctx, w, op.Plan, own, false) },
	})
}

// Read costs 1 GET (the API key's user is known from the provider's
// configuration). After an import every entry is read but the API key
// user's own, as after a create that does not list it.
func (workspaceKind) Read(ctx context.Context, c *dss.Client, m *WorkspaceModel, imported bool) error {
	login, err := ownLogin(ctx, c)
	if err != nil {
		return err
	}
	key := m.WorkspaceKey.ValueString()
	if !kit.Known(m.WorkspaceKey) {
		key = m.ID.ValueString()
	}
	w, err := dss.WorkspaceDoc(key).Get(ctx, c)
	if err != nil {
		return err
	}
	if d := WorkspaceFromDSS(ctx, w, m, hiddenOwn(ctx, m.Permissions, login), imported); d.HasError() {
		return fmt.Errorf("converting DSS's answer: %v", d)
	}
	return nil
}
