package instance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewClusterResource returns the dataiku_cluster resource.
func NewClusterResource() resource.Resource { return kit.NewResource[clusterModel](clusterKind{}) }

// clusterKind is a DSS cluster (dssclient.py create_cluster and
// dss/admin.py DSSCluster [V]): created with POST /admin/clusters/ {name,
// type, architecture, params}, which answers the id DSS generates; its
// settings are read and written whole at /admin/clusters/{id}. Starting
// and stopping it are actions (dataiku_cluster_start/stop), never side
// effects of the resource.
type clusterKind struct{}

type clusterModel struct {
	ID           types.String  `tfsdk:"id"`
	Name         types.String  `tfsdk:"name"`
	Type         types.String  `tfsdk:"type"`
	Architecture types.String  `tfsdk:"architecture"`
	Params       types.Dynamic `tfsdk:"params"`
}

// clusterArchitectures are dssclient.py's [V].
var clusterArchitectures = []string{"HADOOP", "KUBERNETES"}

var clusterAddress = kit.Address[clusterModel]{
	TypeName: "dataiku_cluster",
	Path:     "admin/clusters/{id}",
	Key: []kit.KeyPart[clusterModel]{
		{Attr: "id", ImportPart: kit.ImportPart{Label: "cluster_id"}, Field: func(m *clusterModel) *types.String { return &m.ID }, Doc: "The id DSS gave the cluster."},
	},
	ID:        func(m *clusterModel) *types.String { return &m.ID },
	Generated: true,
	Natural:   &kit.KeyPart[clusterModel]{Attr: "name", Field: func(m *clusterModel) *types.String { return &m.Name }},
	ParseKey: func(id string) ([]string, error) {
		if id == "" {
			return nil, fmt.Errorf("the import id is the cluster's id (not its name), which cannot be empty")
		}
		return []string{id}, nil
	},
}

func (clusterKind) Address() *kit.Address[clusterModel] { return &clusterAddress }

// AdminAPI: clusters are managed with an admin key [I].
func (clusterKind) AdminAPI() string { return "/admin/clusters/" }

func (clusterKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A DSS cluster (Administration > Clusters): a Hadoop or Kubernetes cluster DSS runs jobs on, either attached (`type = \"manual\"`) or managed by a plugin. " +
			"Starting and stopping it are the actions `dataiku_cluster_start` and `dataiku_cluster_stop`, never side effects of the resource. " +
			"Every change is a read-modify-write of the cluster's settings. Needs an admin API key. Import with the cluster's id.\n\n" +
			"**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			"id": kit.StableIDAttribute("The id DSS gave the cluster."),
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: "The cluster's name, unique on the instance. Changes in place.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"type": kit.OptionalStringReplacing("manual",
				"The cluster's type: `manual` (default: an existing cluster DSS attaches to) or the type of a plugin's cluster, as the plugin names it (e.g. `pycluster_eks-clusters_create-cluster`). Changing it replaces the cluster.",
				stringvalidator.LengthAtLeast(1)),
			"architecture": kit.OptionalStringReplacing("HADOOP", "`HADOOP` (default, as DSS's client) or `KUBERNETES`. Changing it replaces the cluster.",
				kit.OneOfExact("architecture", clusterArchitectures...)),
			"params": kit.HCLObjectAttribute("The cluster's parameters, as an object in DSS's or the plugin's names, e.g. `{ kubeConfigPath = \"/home/dataiku/.kube/config\" }` (a `jsonencode` string is read too). " +
				"Only the top-level keys written are managed, each whole; the others stay as DSS has them. Unset: DSS's parameters are recorded but not managed (secret-looking keys left out). Changes in place."),
		},
	}
}

func (clusterKind) Find(ctx context.Context, c *dss.Client, m *clusterModel) (bool, error) {
	list, err := c.ListClusters(ctx)
	if err != nil {
		return false, err
	}
	for _, cl := range list {
		if cl.Name == m.Name.ValueString() {
			m.ID = types.StringValue(cl.ID)
			return true, nil
		}
	}
	return false, nil
}

func (clusterKind) Post(ctx context.Context, c *dss.Client, m *clusterModel) error {
	params, err := kit.HCLObjectDecode(m.Params)
	if err != nil {
		return fmt.Errorf("params %w", err)
	}
	raw := []byte(`{}`)
	if params != nil {
		raw = []byte(kit.EncodeJSONObject(params).ValueString())
	}
	id, err := c.CreateCluster(ctx, m.Name.ValueString(), m.Type.ValueString(), m.Architecture.ValueString(), raw)
	if err != nil {
		return err
	}
	m.ID = types.StringValue(id)
	return nil
}

func (clusterKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[clusterModel]) {
	plan := op.Plan
	configured, written := configuredHCLObject(ctx, op.Config, "params", &op.Diags)
	if op.Diags.HasError() {
		return
	}
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[clusterModel, dss.FreeObject]{
		Doc: dss.ClusterDoc(plan.ID.ValueString()),
		ToDSS: func(d *dss.FreeObject) diag.Diagnostics {
			(*d)["name"] = plan.Name.ValueString()
			if written != nil {
				p, _ := (*d)["params"].(map[string]any)
				(*d)["params"] = hclObjectWrite(p, written)
			}
			return nil
		},
		FromDSS: func(d *dss.FreeObject) diag.Diagnostics {
			plan.Params = configured
			return clusterFromDSS(*d, plan, false)
		},
		KeepPlanned: func(got, planned, _ *clusterModel) { kit.HCLObjectKeepPlanned(&got.Params, planned.Params, configured) },
	})
}

// clusterFromDSS fills m: of params the keys written (everything but
// secret-looking keys after an import).
func clusterFromDSS(d dss.FreeObject, m *clusterModel, imported bool) diag.Diagnostics {
	str := func(k, def string) types.String {
		if s, _ := d[k].(string); s != "" {
			return types.StringValue(s)
		}
		return types.StringValue(def)
	}
	m.Name = str("name", "")
	m.Type = str("type", "manual")
	m.Architecture = str("architecture", "HADOOP")
	params, _ := d["params"].(map[string]any)
	m.Params = hclObjectRead(params, m.Params, imported, true)
	return nil
}

// Read costs 1 GET.
func (clusterKind) Read(ctx context.Context, c *dss.Client, m *clusterModel, imported bool) error {
	d, err := dss.ClusterDoc(m.ID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	return kit.DiagsError(clusterFromDSS(*d, m, imported))
}
