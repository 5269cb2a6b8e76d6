package deployer

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewAPIDeployerInfraResource returns the dataiku_api_deployer_infra
// resource.
func NewAPIDeployerInfraResource() resource.Resource {
	return kit.NewResource[apiInfraModel](apiInfraKind{})
}

// apiInfraKind is an infrastructure of the API Deployer: where API
// services are deployed, of a type fixed at creation (a STATIC list of API
// nodes, or a cloud: Kubernetes, SageMaker, ...), in a stage.
//
// What dataikuapi (apideployer.py) does not say, read the safest way
// (all of it here and in mergeAPINodes):
//   - [I] A node is named by its URL (remove_apinode finds it so): a node
//     written back with its URL unchanged keeps DSS's stored key and its
//     fields the provider does not model, so an update that sends no keys
//     never blanks one.
//   - [I] The key DSS answers for a node is one its PUT takes back as the
//     same key: dataikuapi's remove_apinode saves the other nodes as read.
//   - [I] A node new to DSS gets its key from api_node_keys_wo whenever
//     the configuration has one, without a version bump: it has no stored
//     key to keep, and a node added without its key could not be used.
//   - [I] DSS's null graphitePrefix (dataikuapi's default) and "" are the
//     same: both read as "", and a null one is written back as null.
//   - [I] permissions has the Project Deployer infrastructure's layout
//     (group, read, deploy, admin) and handling.
type apiInfraKind struct{}

type apiInfraModel struct {
	apiInfraDataModel
	APINodeKeysWO        types.Map   `tfsdk:"api_node_keys_wo"`
	APINodeKeysWOVersion types.Int64 `tfsdk:"api_node_keys_wo_version"`
}

// apiInfraDataModel is what the data source shows of an infrastructure:
// all but the nodes' write-only keys.
type apiInfraDataModel struct {
	ID                types.String `tfsdk:"id"`
	Stage             types.String `tfsdk:"stage"`
	Type              types.String `tfsdk:"type"`
	GovernCheckPolicy types.String `tfsdk:"govern_check_policy"`
	APINodes          types.List   `tfsdk:"api_nodes"`
	deployerAccess
}

// apiNodeModel is one element of api_nodes.
type apiNodeModel struct {
	URL            types.String `tfsdk:"url"`
	GraphitePrefix types.String `tfsdk:"graphite_prefix"`
}

var apiNodeType = types.ObjectType{AttrTypes: map[string]attr.Type{"url": types.StringType, "graphite_prefix": types.StringType}}

// apiInfraTypes are the types create_infra's docstring names. The list is
// open: a newer DSS has more (DATABRICKS, ...), which are passed to DSS;
// only a case variant of one of these is refused.
var apiInfraTypes = []string{"STATIC", "K8S", "AZURE_ML", "SAGEMAKER", "SNOWPARK", "VERTEX_AI"}

// staticType is the one type with API nodes (add_apinode: "Only applicable
// to STATIC infrastructures").
const staticType = "STATIC"

// apiInfraReservedKeys are the settings keys other attributes own.
var apiInfraReservedKeys = []string{"id", "stage", "type", "governCheckPolicy", "apiNodes", "permissions"}

var apiInfraAddress = kit.Address[apiInfraModel]{
	TypeName: "dataiku_api_deployer_infra",
	Path:     "api-deployer/infras/{id}",
	Key: []kit.KeyPart[apiInfraModel]{
		{Attr: "id", ImportPart: infraIDPart, Field: func(m *apiInfraModel) *types.String { return &m.ID }, Doc: "The infrastructure's id."},
	},
	Example: "e.g. api-prod",
	ID:      func(m *apiInfraModel) *types.String { return &m.ID },
}

func (apiInfraKind) Address() *kit.Address[apiInfraModel] { return &apiInfraAddress }

func (apiInfraKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "An infrastructure of the API Deployer, where API services are deployed: of a `type` DSS fixes at creation " +
			"(`STATIC`: a list of API nodes; `K8S`: a Kubernetes cluster; or a cloud's managed service), in a stage (e.g. `Production`).\n\n" +
			"**The API nodes' admin keys are write-only** (`api_node_keys_wo`, Terraform 1.11 or later): sent to DSS, never stored in the plan " +
			"or the state. A node's key is sent when the node is added, and for every node at creation and when `api_node_keys_wo_version` " +
			"changes (a rotation), and with any change for a node DSS holds without a key; otherwise each node keeps the key DSS holds for its URL.\n\n" +
			"A Kubernetes or cloud infrastructure's own settings (namespace, registry, ...) go in `settings`, under DSS's names. " +
			"Every update is a read-modify-write of the infrastructure's settings: fields the provider does not model are kept. " +
			"Creating and changing infrastructures needs an administrator of the API Deployer. Import with the infrastructure's id. A configuration that does not manage the infrastructure (a project team's, say) reads it with the `dataiku_api_deployer_infra` data source.\n\n" +
			"**Refresh cost.** 1 API call (the settings).",
		Attributes: map[string]schema.Attribute{
			"id": kit.RequiredReplacing("The infrastructure's id, which it keeps: it must "+names.IDRule+". Changing it replaces the infrastructure.",
				kit.IDValidator),
			"stage": kit.RequiredReplacing("The infrastructure's stage, one of the API Deployer's stages (the `dataiku_api_deployer_stages` data source "+
				"lists them; DSS's defaults are `Development`, `Test` and `Production`). DSS keeps it for the infrastructure's life: changing it replaces the infrastructure.",
				stringvalidator.LengthAtLeast(1)),
			"type": kit.RequiredReplacing("The infrastructure's type: `STATIC`, `K8S`, `AZURE_ML`, `SAGEMAKER`, `SNOWPARK` or `VERTEX_AI` "+
				"(dataikuapi's list), or another type your DSS knows, passed to it as written. DSS fixes it at creation: changing it replaces the infrastructure.",
				stringvalidator.LengthAtLeast(1), kit.KnownSpelling("infrastructure type", apiInfraTypes...)),
			"govern_check_policy": governCheckPolicyAttribute(),
			"api_nodes": schema.ListNestedAttribute{Optional: true, Computed: true,
				MarkdownDescription: "A `STATIC` infrastructure's API nodes (`apiNodes`), in DSS's order; a plan-time error on another type. " +
					"Authoritative when set: nodes not listed are removed. When omitted, Terraform leaves them alone. " +
					"Their admin keys are in `api_node_keys_wo`. Changes in place.",
				PlanModifiers: []planmodifier.List{kit.UnmanagedListWhenNull},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"url": schema.StringAttribute{Required: true,
						MarkdownDescription: "Base URL of the API node (`url`), e.g. `https://api-node-1.example.com:12000`; it names the node in `api_node_keys_wo`.",
						Validators:          []validator.String{httpURLValidator}},
					"graphite_prefix": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString(""),
						MarkdownDescription: "Prefix of the node's metrics when DSS reports them to Graphite (`graphitePrefix`); empty (the default) for none."},
				}}},
			"api_node_keys_wo": schema.MapAttribute{Optional: true, WriteOnly: true, Sensitive: true, ElementType: types.StringType,
				MarkdownDescription: "The API nodes' admin API keys (`adminAPIKey`), by node `url`. Write-only: never stored in the plan or the state, " +
					"so Terraform cannot see them change. A node's key is sent when the node is added, and every key at creation and when " +
					"`api_node_keys_wo_version` changes, and with any change for a node DSS holds without a key; a node without a key here keeps the one DSS holds. " +
					"Needs `api_nodes`; each key must name one of them.",
				Validators: []validator.Map{mapvalidator.AlsoRequires(path.MatchRoot("api_nodes")), mapvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))}},
			"api_node_keys_wo_version": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Any number you change to send `api_node_keys_wo` again (a rotation). Needs `api_node_keys_wo`.",
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("api_node_keys_wo"))}},
			"permissions": infraPermissionsAttribute(),
			"settings": kit.FreeObjectAttribute("The infrastructure's other settings, e.g. a Kubernetes infrastructure's "+
				"`{ k8sContext = \"prod\", registryHost = \"registry.example.com\" }`. Changes in place.",
				apiInfraReservedKeys...),
		},
	}
}

// ValidateConfig refuses at plan time what DSS would store and never use:
// API nodes on an infrastructure that has none, and a key for a URL that
// is no node's (it would never be sent). Key values are never quoted.
func (apiInfraKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var typ types.String
	var nodes types.List
	var keys types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("type"), &typ)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("api_nodes"), &nodes)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("api_node_keys_wo"), &keys)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A case variant of STATIC has its own error (type's spelling).
	if kit.Known(typ) && !strings.EqualFold(typ.ValueString(), staticType) && !nodes.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("api_nodes"), "API nodes on a "+typ.ValueString()+" infrastructure",
			fmt.Sprintf("api_nodes applies to STATIC infrastructures only; this one's type is %q. Remove api_nodes (and api_node_keys_wo), "+
				"or set the infrastructure's own settings in settings.", typ.ValueString()))
		return
	}
	if !kit.Known(nodes) || !kit.Known(keys) {
		return
	}
	urls := map[string]bool{}
	var list []apiNodeModel
	resp.Diagnostics.Append(nodes.ElementsAs(ctx, &list, false)...)
	for _, n := range list {
		if !kit.Known(n.URL) {
			return // an unknown URL may be any key's
		}
		urls[n.URL.ValueString()] = true
	}
	for u := range keys.Elements() {
		if !urls[u] {
			resp.Diagnostics.AddAttributeError(path.Root("api_node_keys_wo"), "Key for an unknown API node",
				fmt.Sprintf("api_node_keys_wo has a key for %q, which is not the url of any of api_nodes: it would never be sent.", u))
		}
	}
}

func (apiInfraKind) Post(ctx context.Context, c *dss.Client, m *apiInfraModel) error {
	return c.CreateAPIInfra(ctx, dss.APIInfraCreate{ID: m.ID.ValueString(), Stage: m.Stage.ValueString(),
		Type: m.Type.ValueString(), GovernCheckPolicy: m.GovernCheckPolicy.ValueString()})
}

// configNodeKeys is api_node_keys_wo from the configuration (empty when
// unset).
func configNodeKeys(ctx context.Context, op *kit.ApplyOp[apiInfraModel]) (map[string]string, error) {
	var m types.Map
	if d := op.Config.GetAttribute(ctx, path.Root("api_node_keys_wo"), &m); d.HasError() {
		return nil, fmt.Errorf("reading api_node_keys_wo from the configuration: %v", d.Errors())
	}
	out := map[string]string{}
	for u, v := range m.Elements() {
		if s, ok := v.(types.String); ok && kit.Known(s) {
			out[u] = s.ValueString()
		}
	}
	return out, nil
}

// Apply is one read-modify-write of the settings.
func (apiInfraKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[apiInfraModel]) {
	plan := op.Plan
	keys, err := configNodeKeys(ctx, op)
	if op.Fail(err) {
		return
	}
	rotate := op.SecretVersionChanged(func(m *apiInfraModel) types.Int64 { return m.APINodeKeysWOVersion })
	var nodes []apiNodeModel
	if kit.Known(plan.APINodes) {
		if op.Diags.Append(plan.APINodes.ElementsAs(ctx, &nodes, false)...); op.Diags.HasError() {
			return
		}
	}
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[apiInfraModel, dss.APIInfraSettings]{
		Doc: dss.APIInfraSettingsDoc(plan.ID.ValueString()),
		ToDSS: func(s *dss.APIInfraSettings) diag.Diagnostics {
			s.GovernCheckPolicy = plan.GovernCheckPolicy.ValueString()
			if kit.Known(plan.APINodes) {
				s.SetNodes(mergeAPINodes(s.Nodes(), nodes, keys, rotate))
			}
			return plan.toDSS(&s.Permissions, &s.Extra)
		},
		FromDSS: func(s *dss.APIInfraSettings) diag.Diagnostics {
			return apiInfraFromDSS(s, plan, false)
		},
		KeepPlanned: func(got, planned, written *apiInfraModel) {
			got.keepPlanned(&planned.deployerAccess, &written.deployerAccess)
		},
	})
}

// mergeAPINodes is the planned node list written over the one DSS holds
// (held). A planned node whose URL DSS holds is DSS's node (its key, its
// fields the provider does not model) with the planned graphite prefix,
// and gets keys' key for its URL when rotate, or when DSS holds it (or
// shows it) without a key; a new node gets its key from keys whenever
// there is one. Nodes of the same URL pair up in order.
func mergeAPINodes(held []dss.APINode, planned []apiNodeModel, keys map[string]string, rotate bool) []dss.APINode {
	byURL := map[string][]int{}
	for i, n := range held {
		byURL[n.URL] = append(byURL[n.URL], i)
	}
	out := make([]dss.APINode, 0, len(planned))
	for _, p := range planned {
		u, prefix := p.URL.ValueString(), p.GraphitePrefix.ValueString()
		n := dss.APINode{URL: u}
		if idx := byURL[u]; len(idx) > 0 {
			n, byURL[u] = held[idx[0]], idx[1:]
			if k, ok := keys[u]; ok && (rotate || n.AdminAPIKey == "") {
				n.AdminAPIKey = k
			}
		} else if k, ok := keys[u]; ok {
			n.AdminAPIKey = k
		}
		// DSS's null and "" both read as ""; either is kept while the
		// plan says "".
		if kit.StringOrEmpty(n.GraphitePrefix) != prefix {
			n.GraphitePrefix = &prefix
		}
		out = append(out, n)
	}
	return out
}

// apiInfraFromDSS fills m from the settings; the nodes' admin keys DSS
// returns are never read. The nodes are read when m manages them or after
// an import.
func apiInfraFromDSS(s *dss.APIInfraSettings, m *apiInfraModel, imported bool) diag.Diagnostics {
	m.Stage = types.StringValue(s.Stage)
	m.Type = types.StringValue(s.Type)
	m.GovernCheckPolicy = types.StringValue(cmp.Or(s.GovernCheckPolicy, "NO_CHECK"))
	var diags diag.Diagnostics
	if kit.Known(m.APINodes) || imported {
		m.APINodes = types.ListNull(apiNodeType)
		if held := s.Nodes(); held != nil {
			elems := make([]attr.Value, len(held))
			for i, n := range held {
				var d diag.Diagnostics
				elems[i], d = types.ObjectValue(apiNodeType.AttrTypes, map[string]attr.Value{
					"url": types.StringValue(n.URL), "graphite_prefix": types.StringValue(kit.StringOrEmpty(n.GraphitePrefix))})
				diags.Append(d...)
			}
			var d diag.Diagnostics
			m.APINodes, d = types.ListValue(apiNodeType, elems)
			diags.Append(d...)
		}
	}
	diags.Append(m.fromDSS(s.Permissions, s.Extra, imported, "the infrastructure's")...)
	return diags
}

// Read costs 1 GET.
func (apiInfraKind) Read(ctx context.Context, c *dss.Client, m *apiInfraModel, imported bool) error {
	s, err := dss.APIInfraSettingsDoc(m.ID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	return kit.DiagsError(apiInfraFromDSS(s, m, imported))
}

// IsGone: as the Project Deployer's infrastructures, read through their
// settings.
func (apiInfraKind) IsGone(err error, objectPath string) bool { return settingsGone(err, objectPath) }
