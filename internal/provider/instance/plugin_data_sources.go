package instance

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// The list data sources of issue 29: plugins, clusters and execution
// configs, one request each.

// NewPluginsDataSource returns the dataiku_plugins data source.
func NewPluginsDataSource() datasource.DataSource {
	return kit.CollectionDataSource[dss.PluginSummary]{
		Name:            "plugins",
		Description:     "Lists the installed plugins (1 API call).",
		List:            "plugins",
		ListDescription: "The plugins, in DSS's order (by id).",
		Items: map[string]schema.Attribute{
			"id":      schema.StringAttribute{Computed: true, MarkdownDescription: "The plugin's id, `dataiku_plugin`'s import id."},
			"version": schema.StringAttribute{Computed: true, MarkdownDescription: "The version installed; null when DSS does not say."},
			"is_dev":  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it is a development plugin (edited in DSS)."},
		},
		Request: (*dss.Client).ListPlugins,
		Item: func(p *dss.PluginSummary) map[string]attr.Value {
			return map[string]attr.Value{"id": types.StringValue(p.ID), "version": kit.NullIfEmpty(p.Version), "is_dev": types.BoolValue(p.IsDev)}
		},
	}.DataSource()
}

// NewClustersDataSource returns the dataiku_clusters data source.
func NewClustersDataSource() datasource.DataSource {
	return kit.CollectionDataSource[dss.ClusterSummary]{
		Name:            "clusters",
		Description:     "Lists DSS's clusters (1 API call; needs an admin key).",
		List:            "clusters",
		ListDescription: "The clusters, in DSS's order.",
		Items: map[string]schema.Attribute{
			"id":           schema.StringAttribute{Computed: true, MarkdownDescription: "The id DSS gave the cluster, `dataiku_cluster`'s import id."},
			"name":         schema.StringAttribute{Computed: true, MarkdownDescription: "The cluster's name."},
			"type":         schema.StringAttribute{Computed: true, MarkdownDescription: "`manual` or a plugin's cluster type."},
			"architecture": schema.StringAttribute{Computed: true, MarkdownDescription: "`HADOOP` or `KUBERNETES`."},
			"state":        schema.StringAttribute{Computed: true, MarkdownDescription: "The state DSS's list gives, e.g. `RUNNING`; null when it gives none."},
		},
		Request: (*dss.Client).ListClusters,
		Item: func(cl *dss.ClusterSummary) map[string]attr.Value {
			return map[string]attr.Value{"id": types.StringValue(cl.ID), "name": types.StringValue(cl.Name), "type": kit.NullIfEmpty(cl.Type),
				"architecture": kit.NullIfEmpty(cl.Architecture), "state": kit.NullIfEmpty(cl.State)}
		},
	}.DataSource()
}

// NewContainerExecConfigsDataSource returns the
// dataiku_container_exec_configs data source.
func NewContainerExecConfigsDataSource() datasource.DataSource {
	return kit.CollectionDataSource[any]{
		Name:            "container_exec_configs",
		Description:     "Lists the containerized execution configs of DSS's general settings (1 API call; needs an admin key).",
		List:            "configs",
		ListDescription: "The configs, in DSS's order.",
		Items: map[string]schema.Attribute{
			"name":      schema.StringAttribute{Computed: true, MarkdownDescription: "The config's name, `dataiku_container_exec_config`'s import id."},
			"namespace": schema.StringAttribute{Computed: true, MarkdownDescription: "Its Kubernetes namespace; null when unset."},
			"usable_by": schema.StringAttribute{Computed: true, MarkdownDescription: "`ALL` or `ALLOWED`."},
		},
		Request: listExecConfigs,
		Item: func(x *any) map[string]attr.Value {
			m, _ := (*x).(map[string]any)
			name, _ := m["name"].(string)
			ns, _ := m["kubernetesNamespace"].(string)
			usable, _ := m["usableBy"].(string)
			if usable == "" {
				usable = "ALL"
			}
			return map[string]attr.Value{"name": types.StringValue(name), "namespace": kit.NullIfEmpty(ns), "usable_by": types.StringValue(usable)}
		},
	}.DataSource()
}
