package instance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// The list data sources of issue 29: plugins, clusters and execution
// configs, one request each.

// collectionDataSource is a data source that lists one of DSS's
// collections with one request, in DSS's order, and has no arguments: an
// `id` that is always its name and one list of computed items. T is an
// element of what the request returns.
type collectionDataSource[T any] struct {
	// name is the type name without the provider's, and the id.
	name        string
	description string
	// list is the list attribute's name and description; items are its
	// items' attributes.
	list, listDescription string
	items                 map[string]schema.Attribute
	// request sends the request, a client's method (hence the receiver
	// first); item is one element's attributes.
	request func(c *dss.Client, ctx context.Context) ([]T, error)
	item    func(x T) map[string]attr.Value
}

// dataSource is the data source cd describes. Its model is the whole
// object, since the list attribute's name differs from one collection to
// the next.
func (cd collectionDataSource[T]) dataSource() datasource.DataSource {
	itemTypes := kit.ListItemTypes(cd.schema(), cd.list)
	return &kit.DataSource[types.Object]{Name: cd.name, SchemaFunc: cd.schema,
		ReadObject: func(ctx context.Context, c *dss.Client, m *types.Object, diags *diag.Diagnostics) error {
			elements, err := cd.request(c, ctx)
			if err != nil {
				return err
			}
			items := kit.ObjectsList(itemTypes, elements, nil, func(x *T) map[string]attr.Value { return cd.item(*x) }, diags)
			obj, d := types.ObjectValue(m.AttributeTypes(ctx), map[string]attr.Value{"id": types.StringValue(cd.name), cd.list: items})
			diags.Append(d...)
			*m = obj
			return nil
		}}
}

func (cd collectionDataSource[T]) schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: cd.description,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Always `" + cd.name + "`."},
			cd.list: schema.ListNestedAttribute{Computed: true, MarkdownDescription: cd.listDescription,
				NestedObject: schema.NestedAttributeObject{Attributes: cd.items}},
		},
	}
}

// NewPluginsDataSource returns the dataiku_plugins data source.
func NewPluginsDataSource() datasource.DataSource {
	return collectionDataSource[dss.PluginSummary]{
		name:            "plugins",
		description:     "Lists the installed plugins (1 API call).",
		list:            "plugins",
		listDescription: "The plugins, in DSS's order (by id).",
		items: map[string]schema.Attribute{
			"id":      schema.StringAttribute{Computed: true, MarkdownDescription: "The plugin's id, `dataiku_plugin`'s import id."},
			"version": schema.StringAttribute{Computed: true, MarkdownDescription: "The version installed; null when DSS does not say."},
			"is_dev":  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it is a development plugin (edited in DSS)."},
		},
		request: (*dss.Client).ListPlugins,
		item: func(p dss.PluginSummary) map[string]attr.Value {
			return map[string]attr.Value{"id": types.StringValue(p.ID), "version": kit.NullIfEmpty(p.Version), "is_dev": types.BoolValue(p.IsDev)}
		},
	}.dataSource()
}

// NewClustersDataSource returns the dataiku_clusters data source.
func NewClustersDataSource() datasource.DataSource {
	return collectionDataSource[dss.ClusterSummary]{
		name:            "clusters",
		description:     "Lists DSS's clusters (1 API call; needs an admin key).",
		list:            "clusters",
		listDescription: "The clusters, in DSS's order.",
		items: map[string]schema.Attribute{
			"id":           schema.StringAttribute{Computed: true, MarkdownDescription: "The id DSS gave the cluster, `dataiku_cluster`'s import id."},
			"name":         schema.StringAttribute{Computed: true, MarkdownDescription: "The cluster's name."},
			"type":         schema.StringAttribute{Computed: true, MarkdownDescription: "`manual` or a plugin's cluster type."},
			"architecture": schema.StringAttribute{Computed: true, MarkdownDescription: "`HADOOP` or `KUBERNETES`."},
			"state":        schema.StringAttribute{Computed: true, MarkdownDescription: "The state DSS's list gives, e.g. `RUNNING`; null when it gives none."},
		},
		request: (*dss.Client).ListClusters,
		item: func(cl dss.ClusterSummary) map[string]attr.Value {
			return map[string]attr.Value{"id": types.StringValue(cl.ID), "name": types.StringValue(cl.Name), "type": kit.NullIfEmpty(cl.Type),
				"architecture": kit.NullIfEmpty(cl.Architecture), "state": kit.NullIfEmpty(cl.State)}
		},
	}.dataSource()
}

// NewContainerExecConfigsDataSource returns the
// dataiku_container_exec_configs data source.
func NewContainerExecConfigsDataSource() datasource.DataSource {
	return collectionDataSource[any]{
		name:            "container_exec_configs",
		description:     "Lists the containerized execution configs of DSS's general settings (1 API call; needs an admin key).",
		list:            "configs",
		listDescription: "The configs, in DSS's order.",
		items: map[string]schema.Attribute{
			"name":      schema.StringAttribute{Computed: true, MarkdownDescription: "The config's name, `dataiku_container_exec_config`'s import id."},
			"namespace": schema.StringAttribute{Computed: true, MarkdownDescription: "Its Kubernetes namespace; null when unset."},
			"usable_by": schema.StringAttribute{Computed: true, MarkdownDescription: "`ALL` or `ALLOWED`."},
		},
		request: listExecConfigs,
		item: func(x any) map[string]attr.Value {
			m, _ := x.(map[string]any)
			name, _ := m["name"].(string)
			ns, _ := m["kubernetesNamespace"].(string)
			usable, _ := m["usableBy"].(string)
			if usable == "" {
				usable = "ALL"
			}
			return map[string]attr.Value{"name": types.StringValue(name), "namespace": kit.NullIfEmpty(ns), "usable_by": types.StringValue(usable)}
		},
	}.dataSource()
}
