package instance

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewConnectionResource returns the dataiku_connection resource.
func NewConnectionResource() resource.Resource {
	return kit.NewResource[connectionResourceModel](connectionKind{})
}

// connectionKind is a DSS connection: named by the caller, created with a
// POST that carries what DSS takes at creation (the secrets included), then
// completed with one read-modify-write of its whole definition, as
// Dataiku's Ansible module does.
type connectionKind struct{}

var (
	_ kit.KindWithConfigPost[connectionResourceModel] = connectionKind{}
	_ kit.KindWithGoneRule                            = connectionKind{}
)

// connectionNameKey is a connection's name.
var connectionNameKey = kit.NameKey{Attr: "name", Label: "connection_name", What: "connection's name", Pattern: connectionNamePattern, Rule: ConnectionNameRule}

// ConnectionAddress: a connection is named by the name the caller
// chooses, instance-wide.
var ConnectionAddress = kit.NamedAddress("dataiku_connection", "admin/connections/{name}", connectionNameKey,
	func(m *connectionResourceModel) *types.String { return &m.Name }, func(m *connectionResourceModel) *types.String { return &m.ID })

func (connectionKind) Address() *kit.Address[connectionResourceModel] { return &ConnectionAddress }

// HCLObjectAttrs: params was JSON text in schema version 0.
func (connectionKind) HCLObjectAttrs() []string { return []string{"params"} }

// connectionParamsAttribute is params: an HCL object without secrets.
func connectionParamsAttribute() schema.DynamicAttribute {
	a := kit.HCLObjectAttribute("Type-specific parameters other than secrets, as an object, e.g. " +
		"`{ host = \"db.example.com\", port = 5432, db = \"warehouse\", user = \"dss\" }` for `PostgreSQL` or `{ root = \"/data\" }` for `Filesystem`. " +
		"Only the top-level keys written here are managed and compared (a nested object is compared whole): parameters DSS fills in never show as changes, " +
		"and a written key changed outside Terraform shows as drift. Removing a key stops managing it; DSS keeps its value. " +
		"Secret keys (" + strings.Join(dss.SecretParamKeys, ", ") + ", also inside `basicCredential` or `credentials`) are refused here: " +
		"put them in `secret_params_wo`. A string holding a JSON object (`jsonencode({...})`, the form of earlier versions) is read as that object. " +
		"After an import the state holds every non-secret parameter DSS has. Changes in place.")
	a.Validators = []validator.Dynamic{ConnectionParamsValidator}
	return a
}

func (connectionKind) Schema() schema.Schema {
	groups := func(what, rule string) schema.SetAttribute {
		return schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
			Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
			MarkdownDescription: what + " Authoritative: default none, and a group added in DSS is removed at the next apply. " + rule + " " + groupRefNote + " Changes in place.",
			Validators:          []validator.Set{setvalidator.ValueStringsAre(groupNameKey.RefValidators()...)}}
	}
	return schema.Schema{
		Version: 1,
		MarkdownDescription: "A DSS connection: where data lives (a database, a bucket, a file system) and who may use it. " +
			"Non-secret parameters go in `params`, secrets (passwords, keys, tokens) in the write-only `secret_params_wo`, which never reaches the plan, " +
			"the state or the logs: DSS stores them encrypted and the provider never compares them. Every change is a read-modify-write of the connection's " +
			"whole definition, so settings the provider does not model are kept. Needs an admin API key. Datasets and managed folders can use a connection " +
			"created in the same apply (reference its `name`).\n\n" +
			"Import with the connection's name. An import cannot know the secrets: the state then has no `secret_params_wo_version`, so the first apply " +
			"with `secret_params_wo` and a version sends the configured secrets (DSS keeps its own until then).\n\n**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			kit.DeletionProtectionAttributeName: kit.DeletionProtectionAttribute("the connection (the datasets and folders on it stop working)"),
			"id":                                kit.StableIDAttribute("The connection's name."),
			"name": kit.RequiredReplacing("Connection name, "+ConnectionNameRule+", as datasets and folders name it. DSS cannot rename a connection: "+
				"changing it destroys the connection and creates the new one.",
				connectionNameKey.Validators()...),
			"type": kit.RequiredReplacing("Connection type as DSS names it, e.g. "+connectionTypeExample+". A known type written in another case (`postgresql`) is refused at plan time with DSS's spelling. Changing it replaces the connection.",
				stringvalidator.LengthAtLeast(1),
				kit.KnownSpelling("connection type", names.ConnectionTypes()...)),
			"params": connectionParamsAttribute(),
			"secret_params_wo": schema.StringAttribute{Optional: true, WriteOnly: true, Sensitive: true,
				MarkdownDescription: "Secret parameters as a JSON object written with `jsonencode`, e.g. `{ password = var.db_password }` or " +
					"`{ basicCredential = { password = var.pw } }` (Terraform 1.11 or later). Write-only: sent to DSS and never stored in the plan or the state; " +
					"DSS stores them encrypted and returns only an encrypted form, which the provider sends back untouched and never compares. " +
					"Sent when the connection is created, and afterwards only when `secret_params_wo_version` changes: to rotate a secret, change both. " +
					"Removing it leaves DSS's secrets as they are.",
				Validators: []validator.String{SecretParamsValidator}},
			"secret_params_wo_version": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Any number you change to send `secret_params_wo` again (a rotation). Needs `secret_params_wo`. Without it, the secrets are sent at creation only.",
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("secret_params_wo"))}},
			"description": kit.OptionalString("", "Description shown in DSS. Default empty. Changes in place."),
			"allow_write": kit.OptionalBool(true, "Whether DSS may write through the connection (DSS's `allowWrite`). Default `true`. Changes in place."),
			"allow_managed_datasets": kit.OptionalBool(true,
				"Whether managed datasets (whose storage DSS chooses) may be created on it (DSS's `allowManagedDatasets`). Default `true`. Changes in place."),
			"allow_managed_folders": kit.OptionalBool(true,
				"Whether managed folders may be created on it (DSS's `allowManagedFolders`). Default `true`. Changes in place."),
			"usable_by": kit.OptionalString(dss.ConnectionUsableByAll,
				"Who may use the connection in datasets and folders (DSS's `usableBy`): `ALL` (default) or `ALLOWED`, the members of "+
					"`allowed_groups` (and administrators). Changes in place.",
				kit.OneOfExact("usable_by value", connectionUsableBy...)),
			"allowed_groups": groups("Groups whose members may use the connection when `usable_by` is `ALLOWED` (DSS's `allowedGroups`).",
				"With any other `usable_by` they give no access: DSS keeps them (as dataikuapi's `set_usability` does), and the plan warns."),
			"details_readable_by": kit.OptionalString(dss.ConnectionReadableByNone,
				"Who may read the connection's details, such as its host and user (DSS's `detailsReadability.readableBy`): "+
					"`NONE` (default: administrators only), `ALL`, or `ALLOWED` (the members of `details_allowed_groups`). Changes in place.",
				kit.OneOfExact("readable_by value", connectionReadableBy...)),
			"details_allowed_groups": groups("Groups whose members may read the details when `details_readable_by` is `ALLOWED` (DSS's `detailsReadability.allowedGroups`).",
				"With any other `details_readable_by` they give no access: DSS keeps them (as dataikuapi's `set_readability` does), and the plan warns."),
			"credentials_mode": kit.OptionalString(defaultConnectionCredentialsMode,
				"How DSS authenticates to the data (DSS's `credentialsMode`): `GLOBAL` (default: the connection's own credentials), "+
					"`PER_USER` (each user's own), or another mode the connection type supports, in capitals (letters, digits and underscores, not starting with a digit). Changes in place.",
				stringvalidator.RegexMatches(credentialsModePattern, CredentialsModeRule)),
			"max_activities": kit.OptionalInt64(defaultConnectionMaxActivities,
				"Most activities (jobs' steps) running on the connection at once (DSS's `maxActivities`); `0` (default) means no limit. Changes in place.",
				int64validator.AtLeast(0)),
			"use_global_proxy": kit.OptionalBool(false,
				"Whether DSS reaches the data through the instance's proxy (DSS's `useGlobalProxy`). Default `false`. Changes in place."),
		},
	}
}

// ValidateConfig warns of groups DSS ignores: allowed groups without
// ALLOWED. A warning, not an error: DSS holds such groups (dataikuapi's
// set_usability(all=True) and set_readability(all=True) change the mode and
// leave allowedGroups as they were [V]), and dss-adopt writes them, so a
// refusal would lock such a connection out of Terraform.
func (connectionKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	check := func(modeAttr, groupsAttr, defaultMode string) {
		var mode types.String
		var groups types.Set
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(modeAttr), &mode)...)
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(groupsAttr), &groups)...)
		if mode.IsUnknown() || !kit.Known(groups) || len(groups.Elements()) == 0 {
			return
		}
		m := defaultMode
		if !mode.IsNull() {
			m = mode.ValueString()
		}
		if m != dss.ConnectionUsableByAllowed {
			resp.Diagnostics.AddAttributeWarning(path.Root(groupsAttr), "Groups without ALLOWED",
				fmt.Sprintf("%s give no access while %s is %q (it is %q): DSS uses the groups only then, and keeps them otherwise. "+
					"To use them, set %s = %q; to drop them, remove %s.",
					groupsAttr, modeAttr, dss.ConnectionUsableByAllowed, m, modeAttr, dss.ConnectionUsableByAllowed, groupsAttr))
		}
	}
	check("usable_by", "allowed_groups", dss.ConnectionUsableByAll)
	check("details_readable_by", "details_allowed_groups", dss.ConnectionReadableByNone)
}

// connectionName names the connection: its name, or its id right after an
// import.
func connectionName(m *connectionResourceModel) string {
	if kit.Known(m.Name) {
		return m.Name.ValueString()
	}
	return m.ID.ValueString()
}

// IsGone: DSS answers a missing connection with a 400, not a not-found;
// only its answer about this very connection counts.
func (connectionKind) IsGone(err error, objectPath string) bool {
	var apiErr *dss.APIError
	return dss.IsConnectionMissing(err) && errors.As(err, &apiErr) &&
		strings.TrimSuffix(apiErr.Path, "/") == dss.APIPrefix+objectPath
}

func (k connectionKind) Find(ctx context.Context, c *dss.Client, m *connectionResourceModel) (bool, error) {
	_, err := dss.ConnectionDoc(connectionName(m)).Get(ctx, c)
	switch {
	case err == nil:
		return true, nil
	case k.IsGone(err, ConnectionAddress.ObjectPath(m)):
		return false, nil
	}
	return false, err
}

func (connectionKind) Post(ctx context.Context, c *dss.Client, m *connectionResourceModel) error {
	return createConnection(ctx, c, m, nil, nil)
}

// PostWithConfig creates the connection with the configuration's params
// and secrets in one POST: the plan may hold params unknown until now, and
// never holds the secrets.
func (connectionKind) PostWithConfig(ctx context.Context, c *dss.Client, config tfsdk.Config, m *connectionResourceModel) error {
	params, secrets, err := connectionConfigParams(ctx, config)
	if err != nil {
		return err
	}
	return createConnection(ctx, c, m, params, secrets)
}

func createConnection(ctx context.Context, c *dss.Client, m *connectionResourceModel, params, secrets dss.Object) error {
	if params == nil {
		params, _ = kit.HCLObjectDecode(m.Params)
	}
	groups, d := kit.StringsFromSet(ctx, m.AllowedGroups) // none while unknown
	if d.HasError() {
		return kit.DiagsError(d)
	}
	m.ID = m.Name
	return c.CreateConnection(ctx, dss.NewConnection{Name: m.Name.ValueString(), Type: m.Type.ValueString(),
		Description: m.Description.ValueString(), Params: dss.MergeSecrets(dss.MergeParams(nil, params), secrets),
		UsableBy: m.UsableBy.ValueString(), AllowedGroups: groups})
}

// connectionConfigParams reads params and secret_params_wo from the
// configuration. An error never quotes the secrets.
func connectionConfigParams(ctx context.Context, config tfsdk.Config) (params, secrets dss.Object, err error) {
	var p types.Dynamic
	var s types.String
	if d := config.GetAttribute(ctx, path.Root("params"), &p); d.HasError() {
		return nil, nil, kit.DiagsError(d)
	}
	if d := config.GetAttribute(ctx, path.Root("secret_params_wo"), &s); d.HasError() {
		return nil, nil, errors.New("reading secret_params_wo from the configuration failed")
	}
	if params, err = kit.HCLObjectDecode(p); err != nil {
		return nil, nil, fmt.Errorf("params %w", err)
	}
	if secrets, err = decodeSecretParams(s); err != nil {
		return nil, nil, err
	}
	return params, secrets, nil
}

// Apply completes a creation, or updates, with one read-modify-write,
// which sends a PUT only when DSS differs from the plan. The secrets go in
// it only when secret_params_wo_version changed (on create the POST sent
// them); otherwise the encrypted forms DSS returned are sent back as read.
func (connectionKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[connectionResourceModel]) {
	plan := op.Plan
	params, secrets, err := connectionConfigParams(ctx, op.Config)
	if op.Fail(err) {
		return
	}
	if !op.SecretVersionRotated(func(m *connectionResourceModel) types.Int64 { return m.SecretParamsWOVersion }) {
		secrets = nil
	}
	// What was written: the configuration's params (the plan may hold the
	// prior state's, with more keys, or be unknown).
	written := plan.Params
	var configured types.Dynamic
	op.Diags.Append(op.Config.GetAttribute(ctx, path.Root("params"), &configured)...)
	if params != nil {
		written = configured
	}
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[connectionResourceModel, dss.Connection]{
		Doc: dss.ConnectionDoc(plan.Name.ValueString()),
		ToDSS: func(conn *dss.Connection) diag.Diagnostics {
			return ApplyConnection(ctx, &plan.ConnectionModel, params, secrets, conn)
		},
		// DSS's own version of what was written, secrets encrypted.
		FromDSS: func(conn *dss.Connection) diag.Diagnostics {
			plan.Params = written
			return ConnectionFromDSS(ctx, conn, &plan.ConnectionModel, false)
		},
		KeepPlanned: func(got, planned, _ *connectionResourceModel) {
			kit.HCLObjectKeepPlanned(&got.Params, planned.Params, written)
		},
	})
}

// Read costs 1 GET. Right after an import every
// non-secret parameter DSS holds is read; otherwise the written ones.
func (connectionKind) Read(ctx context.Context, c *dss.Client, m *connectionResourceModel, imported bool) error {
	conn, err := dss.ConnectionDoc(connectionName(m)).Get(ctx, c)
	if err != nil {
		return err
	}
	return kit.DiagsError(ConnectionFromDSS(ctx, conn, &m.ConnectionModel, imported))
}

func (connectionKind) AdminAPI() string { return "/admin/connections/" }

// CheckPlan records the type a created, replaced or changed connection is
// planned with, for the plan checks of the datasets on it (no request).
func (connectionKind) CheckPlan(ctx context.Context, c kit.CheckReader, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var name, typ types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("type"), &typ)...)
	if kit.Known(name) && kit.Known(typ) {
		c.NotePlannedConnection(name.ValueString(), typ.ValueString())
	}
}
