package instance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// The list resources of the instance's second layer (issue 29): plugins,
// their settings and presets, execution configs and clusters.

// NewPluginList lists the installed plugins.
func NewPluginList() list.ListResource {
	return kit.NewList(kit.ListKind[pluginModel, kit.NoListFilters]{
		Kind: pluginKind{},
		Description: "Lists the installed plugins, but development plugins (edited in DSS, not installed from a source)." +
			kit.ListCost("1 request (`GET /plugins/`); the resource object costs each plugin's read."),
		Filters: map[string]listschema.Attribute{},
		List: kit.ListBy("plugins (GET /plugins/)", (*dss.Client).ListPlugins, func(_ *kit.Lister, _ *kit.NoListFilters, p dss.PluginSummary) (kit.Listed, bool) {
			return kit.Listed{Key: []string{p.ID}, Display: p.ID}, !p.IsDev
		}),
	})
}

// NewPluginSettingsList lists the settings of the installed plugins.
func NewPluginSettingsList() list.ListResource {
	return kit.NewList(kit.ListKind[pluginSettingsModel, kit.NoListFilters]{
		Kind:        pluginSettingsKind{},
		Description: "Lists the settings of the installed plugins, one per plugin." + kit.ListCost("1 request (`GET /plugins/`); the resource object costs each plugin's settings."),
		Filters:     map[string]listschema.Attribute{},
		List: kit.ListBy("plugins (GET /plugins/)", (*dss.Client).ListPlugins, func(_ *kit.Lister, _ *kit.NoListFilters, p dss.PluginSummary) (kit.Listed, bool) {
			return kit.Listed{Key: []string{p.ID}, Display: p.ID}, true
		}),
	})
}

type pluginPresetListFilters struct {
	PluginID types.String `tfsdk:"plugin_id"`
}

// NewPluginPresetList lists the plugins' presets.
func NewPluginPresetList() list.ListResource {
	return kit.NewList(kit.ListKind[pluginPresetModel, pluginPresetListFilters]{
		Kind:        pluginPresetKind{},
		Description: "Lists the presets of one plugin, or of every installed plugin." + kit.ListCost("1 request per plugin (its settings), plus `GET /plugins/` without `plugin_id`."),
		Filters: map[string]listschema.Attribute{
			"plugin_id": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only this plugin's presets.",
				Validators:          []validator.String{stringvalidator.RegexMatches(pluginIDPattern, pluginIDRule)}},
		},
		List: func(ctx context.Context, l *kit.Lister, f *pluginPresetListFilters, emit func(kit.Listed) bool) error {
			ids := []string{kit.Optional(f.PluginID)}
			if ids[0] == "" {
				plugins, err := l.C.ListPlugins(ctx)
				if err != nil {
					return kit.Listing("plugins (GET /plugins/)", err)
				}
				ids = ids[:0]
				for _, p := range plugins {
					ids = append(ids, p.ID)
				}
			}
			for _, id := range ids {
				doc, err := dss.PluginSettingsDoc(id).Get(ctx, l.C)
				if err != nil {
					return kit.Listing("presets of plugin "+id+" (GET /plugins/"+id+"/settings)", err)
				}
				for _, x := range PresetsOf(*doc) {
					p, _ := x.(map[string]any)
					typ, _ := p["type"].(string)
					name, _ := p["name"].(string)
					if typ == "" || name == "" {
						continue
					}
					if !emit(kit.Listed{Key: []string{id, typ, name}, Display: id + "/" + name}) {
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
	return kit.NewList(kit.ListKind[containerExecConfigModel, kit.NoListFilters]{
		Kind:        containerExecConfigKind{},
		Description: "Lists the containerized execution configs of the general settings (admin only)." + kit.ListCost("1 request (`GET /admin/general-settings`)."),
		Filters:     map[string]listschema.Attribute{},
		List: kit.ListBy("execution configs (GET /admin/general-settings, admin only)", listExecConfigs, func(_ *kit.Lister, _ *kit.NoListFilters, x any) (kit.Listed, bool) {
			m, _ := x.(map[string]any)
			name, _ := m["name"].(string)
			return kit.Listed{Key: []string{name}, Display: name}, name != ""
		}),
	})
}

// NewClusterList lists the clusters.
func NewClusterList() list.ListResource {
	return kit.NewList(kit.ListKind[clusterModel, kit.NoListFilters]{
		Kind:        clusterKind{},
		Description: "Lists DSS's clusters (admin only)." + kit.ListCost("1 request (`GET /admin/clusters/`); the resource object costs each cluster's read."),
		Filters:     map[string]listschema.Attribute{},
		List: kit.ListBy("clusters (GET /admin/clusters/, admin only)", (*dss.Client).ListClusters, func(_ *kit.Lister, _ *kit.NoListFilters, c dss.ClusterSummary) (kit.Listed, bool) {
			return kit.Listed{Key: []string{c.ID}, Display: c.Name}, true
		}),
	})
}
