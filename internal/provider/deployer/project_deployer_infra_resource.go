package deployer

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewProjectDeployerInfraResource returns the
// dataiku_project_deployer_infra resource.
func NewProjectDeployerInfraResource() resource.Resource {
	return kit.NewResource[deployerInfraModel](deployerInfraKind{})
}

// deployerInfraKind is an infrastructure of the Project Deployer: an
// automation node (its URL and admin key) in a stage.
type deployerInfraKind struct{}

type deployerInfraModel struct {
	deployerInfraDataModel
	APIKeyWO        types.String `tfsdk:"api_key_wo"`
	APIKeyWOVersion types.Int64  `tfsdk:"api_key_wo_version"`
}

// deployerInfraDataModel is what the data source shows of an
// infrastructure: all but the write-only key.
type deployerInfraDataModel struct {
	ID                types.String `tfsdk:"id"`
	Stage             types.String `tfsdk:"stage"`
	GovernCheckPolicy types.String `tfsdk:"govern_check_policy"`
	AutomationNodeURL types.String `tfsdk:"automation_node_url"`
	deployerAccess
}

// governCheckPolicies are the policies dataikuapi documents.
var governCheckPolicies = []string{"NO_CHECK", "WARN", "PREVENT"}

// infraReservedKeys are the settings keys other attributes own.
var infraReservedKeys = []string{"id", "stage", "governCheckPolicy", "automationNodeUrl", "adminApiKey", "permissions"}

var infraIDPart = kit.ImportPart{Label: "infra_id", Pattern: names.IDPattern, Rule: names.IDRule}

var deployerInfraAddress = kit.Address[deployerInfraModel]{
	TypeName: "dataiku_project_deployer_infra",
	Path:     "project-deployer/infras/{id}",
	Key: []kit.KeyPart[deployerInfraModel]{
		{Attr: "id", ImportPart: infraIDPart, Field: func(m *deployerInfraModel) *types.String { return &m.ID }, Doc: "The infrastructure's id."},
	},
	Example: "e.g. prod",
	ID:      func(m *deployerInfraModel) *types.String { return &m.ID },
}

func (deployerInfraKind) Address() *kit.Address[deployerInfraModel] { return &deployerInfraAddress }

func (deployerInfraKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "An infrastructure of the Project Deployer: an automation node, named by its URL and reached with its admin API key, " +
			"in a stage (e.g. `Production`). Deployments (`dataiku_project_deployment`) deploy bundles to it.\n\n" +
			"**The API key is write-only** (`api_key_wo`, Terraform 1.11 or later): it is sent to DSS and never stored in the plan or the state. " +
			"It is sent at creation, and afterwards only when `api_key_wo_version` changes: to rotate the key, change both.\n\n" +
			"Every update is a read-modify-write of the infrastructure's settings: fields the provider does not model are kept. " +
			"Creating and changing infrastructures needs an administrator of the Project Deployer. Import with the infrastructure's id. A configuration that does not manage the infrastructure (a project team's, say) reads it with the `dataiku_project_deployer_infra` data source.\n\n" +
			"**Refresh cost.** 1 API call (the settings).",
		Attributes: map[string]schema.Attribute{
			"id": kit.RequiredReplacing("The infrastructure's id, which it keeps: it must "+names.IDRule+". Changing it replaces the infrastructure.",
				kit.IDValidator),
			"stage": kit.RequiredReplacing("The infrastructure's stage, one of the deployer's stages (the `dataiku_project_deployer_stages` data source lists them; "+
				"DSS's defaults are `Development`, `Test` and `Production`). DSS keeps it for the infrastructure's life: changing it replaces the infrastructure.",
				stringvalidator.LengthAtLeast(1)),
			"govern_check_policy": governCheckPolicyAttribute(),
			// Optional, empty by default: DSS creates an infrastructure
			// without it (dataikuapi's create_infra takes an id, a stage
			// and a policy) and keeps it so until someone sets it; a
			// required URL would leave such an infrastructure unadoptable.
			"automation_node_url": kit.OptionalString("", "Base URL of the automation node (`automationNodeUrl`), e.g. `https://automation.example.com:11200`. "+
				"Empty (the default) for an infrastructure with no automation node yet, as DSS creates one; nothing can be deployed to it until it is set. Changes in place.",
				httpURLOrEmptyValidator),
			"api_key_wo": schema.StringAttribute{Optional: true, WriteOnly: true, Sensitive: true,
				MarkdownDescription: "An admin API key of the automation node (`adminApiKey`), which the deployer uses to deploy there. Write-only: never stored in " +
					"the plan or the state, so Terraform cannot see it change. Sent at creation, then only when `api_key_wo_version` changes.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"api_key_wo_version": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Any number you change to send `api_key_wo` again (a rotation). Needs `api_key_wo`.",
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("api_key_wo"))}},
			"permissions": infraPermissionsAttribute(),
			"settings": kit.FreeObjectAttribute("The infrastructure's other settings, e.g. `{ trustAllSSLCertificates = true, automationNodeExternalUrl = \"...\" }`. Changes in place.",
				infraReservedKeys...),
		},
	}
}

// governCheckPolicyAttribute is the govern_check_policy of both
// deployers' infrastructures.
func governCheckPolicyAttribute() schema.StringAttribute {
	return kit.OptionalString("NO_CHECK",
		"What the deployer does with Dataiku Govern's sign-off when deploying here (`governCheckPolicy`): `NO_CHECK` (the default), "+
			"`WARN` or `PREVENT`. Changes in place.",
		kit.OneOfExact("govern check policy", governCheckPolicies...))
}

// infraPermissionsAttribute is the permissions of both deployers'
// infrastructures (deployerAccess.Permissions).
func infraPermissionsAttribute() schema.StringAttribute {
	return schema.StringAttribute{Optional: true, Computed: true, CustomType: jsontypes.NormalizedType{},
		MarkdownDescription: "Who may use the infrastructure: its permission entries as a JSON array written with `jsonencode`, each " +
			"`{ group = \"...\", read = true, deploy = true, admin = false }` (dataikuapi documents these fields). Authoritative when set; " +
			"when omitted, Terraform leaves them alone. Changes in place.",
		PlanModifiers: []planmodifier.String{kit.UnmanagedWhenNull},
		Validators:    []validator.String{kit.JSONArrayValidator}}
}

// httpURLValidator warns about a URL that is not http(s) with a host.
// [I] A warning, not an error: nothing shows that DSS refuses such a URL
// when it saves an infrastructure (dataikuapi sends it as written), and
// an error would leave an infrastructure that holds one unadoptable; DSS
// fails when it deploys there instead.
var httpURLValidator = httpURLCheck(false)

// httpURLOrEmptyValidator is httpURLValidator for a URL DSS may hold
// empty: an empty string is not checked.
var httpURLOrEmptyValidator = httpURLCheck(true)

func httpURLCheck(emptyAllowed bool) validator.String {
	rule := "should be an http:// or https:// URL with a host"
	if emptyAllowed {
		rule += ", or empty"
	}
	return kit.StringCheck(rule, func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
		if !kit.Known(req.ConfigValue) || (emptyAllowed && req.ConfigValue.ValueString() == "") {
			return
		}
		u, err := url.Parse(req.ConfigValue.ValueString())
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			resp.Diagnostics.AddAttributeWarning(req.Path, "Not an http(s) URL",
				fmt.Sprintf("%s %s, e.g. https://node.example.com:11200; got %q. DSS keeps what it is given, "+
					"but cannot deploy to a node it cannot reach by HTTP.", req.Path, rule, req.ConfigValue.ValueString()))
		}
	})
}

func (deployerInfraKind) Post(ctx context.Context, c *dss.Client, m *deployerInfraModel) error {
	return c.CreateInfra(ctx, m.ID.ValueString(), m.Stage.ValueString(), m.GovernCheckPolicy.ValueString())
}

// configAPIKey is api_key_wo from the configuration, nil when unset.
func configAPIKey(ctx context.Context, op *kit.ApplyOp[deployerInfraModel]) (*string, error) {
	var k types.String
	if d := op.Config.GetAttribute(ctx, path.Root("api_key_wo"), &k); d.HasError() {
		return nil, fmt.Errorf("reading api_key_wo from the configuration: %v", d.Errors())
	}
	if !kit.Known(k) {
		return nil, nil
	}
	s := k.ValueString()
	return &s, nil
}

// Apply is one read-modify-write of the settings; the key goes in it on
// create and when api_key_wo_version changed.
func (deployerInfraKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[deployerInfraModel]) {
	plan := op.Plan
	var key *string
	if op.SecretVersionChanged(func(m *deployerInfraModel) types.Int64 { return m.APIKeyWOVersion }) {
		var err error
		if key, err = configAPIKey(ctx, op); op.Fail(err) {
			return
		}
	}
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[deployerInfraModel, dss.InfraSettings]{
		Doc: dss.InfraSettingsDoc(plan.ID.ValueString()),
		ToDSS: func(s *dss.InfraSettings) diag.Diagnostics {
			s.GovernCheckPolicy = plan.GovernCheckPolicy.ValueString()
			s.AutomationNodeURL = plan.AutomationNodeURL.ValueString()
			if key != nil {
				s.AdminAPIKey = *key
			}
			return plan.toDSS(&s.Permissions, &s.Extra)
		},
		FromDSS: func(s *dss.InfraSettings) diag.Diagnostics {
			return deployerInfraFromDSS(s, plan, false)
		},
		KeepPlanned: func(got, planned, written *deployerInfraModel) {
			got.keepPlanned(&planned.deployerAccess, &written.deployerAccess)
		},
	})
}

// deployerInfraFromDSS fills m from the settings; the admin key DSS
// returns is never read.
func deployerInfraFromDSS(s *dss.InfraSettings, m *deployerInfraModel, imported bool) diag.Diagnostics {
	m.Stage = types.StringValue(s.Stage)
	m.GovernCheckPolicy = types.StringValue(cmp.Or(s.GovernCheckPolicy, "NO_CHECK"))
	m.AutomationNodeURL = types.StringValue(s.AutomationNodeURL)
	return m.fromDSS(s.Permissions, s.Extra, imported, "the infrastructure's")
}

// Read costs 1 GET.
func (deployerInfraKind) Read(ctx context.Context, c *dss.Client, m *deployerInfraModel, imported bool) error {
	s, err := dss.InfraSettingsDoc(m.ID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	return kit.DiagsError(deployerInfraFromDSS(s, m, imported))
}

// IsGone: the kind reads the infrastructure's settings, whose not-found
// says the infrastructure is gone.
func (deployerInfraKind) IsGone(err error, objectPath string) bool {
	return settingsGone(err, objectPath)
}

// settingsGone is the gone rule of a deployer's object read through its
// settings (objectPath + "/settings").
func settingsGone(err error, objectPath string) bool {
	return dss.IsGone(err, objectPath+"/settings")
}

// deployerAccess is what an infrastructure and a published project
// share: their permission list, passed to DSS as written, and their other
// settings (a free object).
type deployerAccess struct {
	Permissions jsontypes.Normalized `tfsdk:"permissions"`
	Settings    types.Dynamic        `tfsdk:"settings"`
}

// toDSS writes the planned permissions, when configured, and settings
// into DSS's document (its permissions and its other fields, extra).
func (a *deployerAccess) toDSS(permissions *json.RawMessage, extra *dss.Extra) diag.Diagnostics {
	var diags diag.Diagnostics
	if kit.Known(a.Permissions) {
		*permissions = json.RawMessage(a.Permissions.ValueString())
	}
	if err := kit.FreeObjectToDSS(a.Settings, extra); err != nil {
		diags.AddAttributeError(path.Root("settings"), "Invalid settings", err.Error())
	}
	return diags
}

// fromDSS reads the permissions (see readDeployerPermissions) and the
// settings from DSS's document; whose ("the infrastructure's") names the
// object in an error.
func (a *deployerAccess) fromDSS(permissions json.RawMessage, extra dss.Extra, imported bool, whose string) diag.Diagnostics {
	var diags diag.Diagnostics
	readDeployerPermissions(permissions, &a.Permissions, imported)
	settings, err := kit.FreeObjectFromDSS(a.Settings, extra)
	if err != nil {
		diags.AddError("Cannot read "+whose+" settings", err.Error())
	}
	a.Settings = settings
	return diags
}

// keepPlanned keeps the planned permissions' text when DSS holds the same
// JSON, and the settings' planned form.
func (a *deployerAccess) keepPlanned(planned, written *deployerAccess) {
	if kit.Known(planned.Permissions) && kit.SameJSONValue(a.Permissions, planned.Permissions) {
		a.Permissions = planned.Permissions
	}
	kit.HCLObjectKeepPlanned(&a.Settings, planned.Settings, written.Settings)
}

// readDeployerPermissions reads the permission list of an infrastructure
// or a published project (JSON text, null when DSS has none) into field,
// when the configuration manages it or after an import. A value equal to
// field's as JSON keeps the user's text.
func readDeployerPermissions(fromDSS json.RawMessage, field *jsontypes.Normalized, imported bool) {
	if !kit.Known(*field) && !imported {
		return
	}
	perms := string(fromDSS)
	if perms == "" || perms == "null" {
		perms = "[]"
	}
	got := jsontypes.NewNormalizedValue(perms)
	if !kit.Known(*field) || !kit.SameJSONValue(got, *field) {
		*field = got
	}
}
