package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// The list resources of the instance's second layer (issue 29): plugins,
// their settings and presets, execution configs and clusters.

// NewPluginList lists the installed plugins.
func NewPluginList() list.ListResource {
	return newKitList(listKind[pluginModel, noListFilters]{
		kind: pluginKind{},
		description: "Lists the installed plugins, but development plugins (edited in DSS, not installed from a source)." +
			listCost("1 request (`GET /plugins/`); the resource object costs each plugin's read."),
		filters: map[string]listschema.Attribute{},
		list: func(ctx context.Context, l *lister, _ *noListFilters, emit func(listed) bool) error {
			plugins, err := l.c.ListPlugins(ctx)
			if err != nil {
				return listing("plugins (GET /plugins/)", err)
			}
			for _, p := range plugins {
				if p.IsDev {
					continue
				}
				if !emit(listed{key: []string{p.ID}, display: p.ID}) {
					return nil
				}
			}
			return nil
		},
	})
}

// NewPluginSettingsList lists the settings of the installed plugins.
func NewPluginSettingsList() list.ListResource {
	return newKitList(listKind[pluginSettingsModel, noListFilters]{
		kind:        pluginSettingsKind{},
		description: "Lists the settings of the installed plugins, one per plugin." + listCost("1 request (`GET /plugins/`); the resource object costs each plugin's settings."),
		filters:     map[string]listschema.Attribute{},
		list: func(ctx context.Context, l *lister, _ *noListFilters, emit func(listed) bool) error {
			plugins, err := l.c.ListPlugins(ctx)
			if err != nil {
				return listing("plugins (GET /plugins/)", err)
			}
			for _, p := range plugins {
				if !emit(listed{key: []string{p.ID}, display: p.ID}) {
					return nil
				}
			}
			return nil
		},
	})
}

type pluginPresetListFilters struct {
	PluginID types.String `tfsdk:"plugin_id"`
}

// NewPluginPresetList lists the plugins' presets.
func NewPluginPresetList() list.ListResource {
	return newKitList(listKind[pluginPresetModel, pluginPresetListFilters]{
		kind:        pluginPresetKind{},
		description: "Lists the presets of one plugin, or of every installed plugin." + listCost("1 request per plugin (its settings), plus `GET /plugins/` without `plugin_id`."),
		filters: map[string]listschema.Attribute{
			"plugin_id": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only this plugin's presets.",
				Validators:          []validator.String{stringvalidator.RegexMatches(pluginIDPattern, pluginIDRule)}},
		},
		list: func(ctx context.Context, l *lister, f *pluginPresetListFilters, emit func(listed) bool) error {
			ids := []string{optional(f.PluginID)}
			if ids[0] == "" {
				plugins, err := l.c.ListPlugins(ctx)
				if err != nil {
					return listing("plugins (GET /plugins/)", err)
				}
				ids = ids[:0]
				for _, p := range plugins {
					ids = append(ids, p.ID)
				}
			}
			for _, id := range ids {
				doc, err := dss.PluginSettingsDoc(id).Get(ctx, l.c)
				if err != nil {
					return listing("presets of plugin "+id+" (GET /plugins/"+id+"/settings)", err)
				}
				for _, x := range presetsOf(*doc) {
					p, _ := x.(map[string]any)
					typ, _ := p["type"].(string)
					name, _ := p["name"].(string)
					if typ == "" || name == "" {
						continue
					}
					if !emit(listed{key: []string{id, typ, name}, display: id + "/" + name}) {
						return nil
					}
				}
			}
			return nil
		},
	})
}

// NewContainerExecConfigList lists the execution configs.
func NewContainerExecConfigList() list.ListResource {
	return newKitList(listKind[containerExecConfigModel, noListFilters]{
		kind:        containerExecConfigKind{},
		description: "Lists the containerized execution configs of the general settings (admin only)." + listCost("1 request (`GET /admin/general-settings`)."),
		filters:     map[string]listschema.Attribute{},
		list: func(ctx context.Context, l *lister, _ *noListFilters, emit func(listed) bool) error {
			doc, err := dss.GeneralSettingsDoc().Get(ctx, l.c)
			if err != nil {
				return listing("execution configs (GET /admin/general-settings, admin only)", err)
			}
			for _, x := range execConfigs(*doc, false) {
				m, _ := x.(map[string]any)
				if name, _ := m["name"].(string); name != "" {
					if !emit(listed{key: []string{name}, display: name}) {
						return nil
					}
				}
			}
			return nil
		},
	})
}

// NewClusterList lists the clusters.
func NewClusterList() list.ListResource {
	return newKitList(listKind[clusterModel, noListFilters]{
		kind:        clusterKind{},
		description: "Lists DSS's clusters (admin only)." + listCost("1 request (`GET /admin/clusters/`); the resource object costs each cluster's read."),
		filters:     map[string]listschema.Attribute{},
		list: func(ctx context.Context, l *lister, _ *noListFilters, emit func(listed) bool) error {
			clusters, err := l.c.ListClusters(ctx)
			if err != nil {
				return listing("clusters (GET /admin/clusters/, admin only)", err)
			}
			for _, c := range clusters {
				if !emit(listed{key: []string{c.ID}, display: c.Name}) {
					return nil
				}
			}
			return nil
		},
	})
}
