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

// NewPluginsDataSource returns the dataiku_plugins data source.
func NewPluginsDataSource() datasource.DataSource {
	return &kit.DataSource[pluginsDataSourceModel]{Name: "plugins", SchemaFunc: pluginsDataSourceSchema, ReadObject: readPluginsDataSource}
}

type pluginsDataSourceModel struct {
	ID      types.String `tfsdk:"id"`
	Plugins types.List   `tfsdk:"plugins"`
}

type pluginsItemModel struct {
	ID      types.String `tfsdk:"id"`
	Version types.String `tfsdk:"version"`
	IsDev   types.Bool   `tfsdk:"is_dev"`
}

var pluginsItemAttrTypes = map[string]attr.Type{"id": types.StringType, "version": types.StringType, "is_dev": types.BoolType}

func pluginsDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the installed plugins (1 API call).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Always `plugins`."},
			"plugins": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The plugins, in DSS's order (by id).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":      schema.StringAttribute{Computed: true, MarkdownDescription: "The plugin's id, `dataiku_plugin`'s import id."},
					"version": schema.StringAttribute{Computed: true, MarkdownDescription: "The version installed; null when DSS does not say."},
					"is_dev":  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it is a development plugin (edited in DSS)."},
				}}},
		},
	}
}

func readPluginsDataSource(ctx context.Context, c *dss.Client, cfg *pluginsDataSourceModel, diags *diag.Diagnostics) error {
	plugins, err := c.ListPlugins(ctx)
	if err != nil {
		return err
	}
	items := make([]pluginsItemModel, len(plugins))
	for i, p := range plugins {
		items[i] = pluginsItemModel{ID: types.StringValue(p.ID), Version: kit.NullIfEmpty(p.Version), IsDev: types.BoolValue(p.IsDev)}
	}
	list, d := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: pluginsItemAttrTypes}, items)
	diags.Append(d...)
	cfg.Plugins, cfg.ID = list, types.StringValue("plugins")
	return nil
}

// NewClustersDataSource returns the dataiku_clusters data source.
func NewClustersDataSource() datasource.DataSource {
	return &kit.DataSource[clustersDataSourceModel]{Name: "clusters", SchemaFunc: clustersDataSourceSchema, ReadObject: readClustersDataSource}
}

type clustersDataSourceModel struct {
	ID       types.String `tfsdk:"id"`
	Clusters types.List   `tfsdk:"clusters"`
}

type clustersItemModel struct {
	ID           types.String `tfsdk:"id"`
	Name         types.String `tfsdk:"name"`
	Type         types.String `tfsdk:"type"`
	Architecture types.String `tfsdk:"architecture"`
	State        types.String `tfsdk:"state"`
}

var clustersItemAttrTypes = map[string]attr.Type{"id": types.StringType, "name": types.StringType, "type": types.StringType,
	"architecture": types.StringType, "state": types.StringType}

func clustersDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists DSS's clusters (1 API call; needs an admin key).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Always `clusters`."},
			"clusters": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The clusters, in DSS's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":           schema.StringAttribute{Computed: true, MarkdownDescription: "The id DSS gave the cluster, `dataiku_cluster`'s import id."},
					"name":         schema.StringAttribute{Computed: true, MarkdownDescription: "The cluster's name."},
					"type":         schema.StringAttribute{Computed: true, MarkdownDescription: "`manual` or a plugin's cluster type."},
					"architecture": schema.StringAttribute{Computed: true, MarkdownDescription: "`HADOOP` or `KUBERNETES`."},
					"state":        schema.StringAttribute{Computed: true, MarkdownDescription: "The state DSS's list gives, e.g. `RUNNING`; null when it gives none."},
				}}},
		},
	}
}

func readClustersDataSource(ctx context.Context, c *dss.Client, cfg *clustersDataSourceModel, diags *diag.Diagnostics) error {
	clusters, err := c.ListClusters(ctx)
	if err != nil {
		return err
	}
	items := make([]clustersItemModel, len(clusters))
	for i, cl := range clusters {
		items[i] = clustersItemModel{ID: types.StringValue(cl.ID), Name: types.StringValue(cl.Name), Type: kit.NullIfEmpty(cl.Type),
			Architecture: kit.NullIfEmpty(cl.Architecture), State: kit.NullIfEmpty(cl.State)}
	}
	list, d := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: clustersItemAttrTypes}, items)
	diags.Append(d...)
	cfg.Clusters, cfg.ID = list, types.StringValue("clusters")
	return nil
}

// NewContainerExecConfigsDataSource returns the
// dataiku_container_exec_configs data source.
func NewContainerExecConfigsDataSource() datasource.DataSource {
	return &kit.DataSource[execConfigsDataSourceModel]{Name: "container_exec_configs", SchemaFunc: execConfigsDataSourceSchema, ReadObject: readExecConfigsDataSource}
}

type execConfigsDataSourceModel struct {
	ID      types.String `tfsdk:"id"`
	Configs types.List   `tfsdk:"configs"`
}

type execConfigsItemModel struct {
	Name      types.String `tfsdk:"name"`
	Namespace types.String `tfsdk:"namespace"`
	UsableBy  types.String `tfsdk:"usable_by"`
}

var execConfigsItemAttrTypes = map[string]attr.Type{"name": types.StringType, "namespace": types.StringType, "usable_by": types.StringType}

func execConfigsDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the containerized execution configs of DSS's general settings (1 API call; needs an admin key).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Always `container_exec_configs`."},
			"configs": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The configs, in DSS's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":      schema.StringAttribute{Computed: true, MarkdownDescription: "The config's name, `dataiku_container_exec_config`'s import id."},
					"namespace": schema.StringAttribute{Computed: true, MarkdownDescription: "Its Kubernetes namespace; null when unset."},
					"usable_by": schema.StringAttribute{Computed: true, MarkdownDescription: "`ALL` or `ALLOWED`."},
				}}},
		},
	}
}

func readExecConfigsDataSource(ctx context.Context, c *dss.Client, cfg *execConfigsDataSourceModel, diags *diag.Diagnostics) error {
	doc, err := dss.GeneralSettingsDoc().Get(ctx, c)
	if err != nil {
		return err
	}
	items := []execConfigsItemModel{}
	for _, x := range ExecConfigs(*doc, false) {
		m, _ := x.(map[string]any)
		name, _ := m["name"].(string)
		ns, _ := m["kubernetesNamespace"].(string)
		usable, _ := m["usableBy"].(string)
		if usable == "" {
			usable = "ALL"
		}
		items = append(items, execConfigsItemModel{Name: types.StringValue(name), Namespace: kit.NullIfEmpty(ns), UsableBy: types.StringValue(usable)})
	}
	list, d := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: execConfigsItemAttrTypes}, items)
	diags.Append(d...)
	cfg.Configs, cfg.ID = list, types.StringValue("container_exec_configs")
	return nil
}
