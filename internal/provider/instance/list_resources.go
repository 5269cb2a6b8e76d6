package instance

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adoptinfo"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

func NewUserList() list.ListResource {
	return kit.NewList(kit.ListKind[UserModel, kit.NoListFilters]{
		Kind: userKind{},
		Description: "Lists DSS's users (admin only), but the user the provider's API key acts as: managing it could disable or delete the key's own user." +
			kit.ListCost("1 request (`GET /admin/users/`); the resource object costs each user's read."),
		Filters: map[string]listschema.Attribute{},
		List: kit.ListBy("users (GET /admin/users/, admin only)", (*dss.Client).ListUsers, func(l *kit.Lister, _ *kit.NoListFilters, u dss.User) (kit.Listed, bool) {
			return kit.Listed{Key: []string{u.Login}, Display: kit.NameOr(u.DisplayName, u.Login)}, u.Login != l.OwnLogin()
		}),
	})
}

func NewGroupList() list.ListResource {
	return kit.NewList(kit.ListKind[GroupModel, kit.NoListFilters]{
		Kind: GroupKind{},
		Description: "Lists DSS's groups (admin only), but `" + strings.Join(adoptinfo.BuiltinGroups, "`, `") + "`: DSS creates it at installation and admin rights come from it." +
			kit.ListCost("1 request (`GET /admin/groups/`); the resource object costs each group's read."),
		Filters: map[string]listschema.Attribute{},
		List: kit.ListBy("groups (GET /admin/groups/, admin only)", (*dss.Client).ListGroups, func(_ *kit.Lister, _ *kit.NoListFilters, g dss.Group) (kit.Listed, bool) {
			return kit.Listed{Key: []string{g.Name}, Display: g.Name}, !slices.Contains(adoptinfo.BuiltinGroups, g.Name)
		}),
	})
}

func NewAPIKeyList() list.ListResource {
	return kit.NewList(kit.ListKind[APIKeyModel, kit.NoListFilters]{
		Kind: apiKeyKind{},
		Description: "Lists DSS's global API keys (admin only), by label, but the key the provider uses. Secrets are never in the results." +
			kit.ListCost("1 request (`GET /admin/global-api-keys/`); the resource object costs each key's read."),
		Filters: map[string]listschema.Attribute{},
		List: kit.ListBy("global API keys (GET /admin/global-api-keys/, admin only)", (*dss.Client).ListGlobalAPIKeys,
			func(l *kit.Lister, _ *kit.NoListFilters, k dss.GlobalAPIKey) (kit.Listed, bool) {
				own := l.Caller != nil && (k.ID == l.Caller.AuthIdentifier || (k.Label != "" && k.Label == l.Caller.AuthIdentifier))
				return kit.Listed{Key: []string{k.ID}, Display: kit.NameOr(k.Label, k.ID)}, !own
			}),
	})
}

type personalAPIKeyListFilters struct {
	User types.String `tfsdk:"user"`
}

func NewPersonalAPIKeyList() list.ListResource {
	return kit.NewList(kit.ListKind[personalAPIKeyModel, personalAPIKeyListFilters]{
		Kind: personalAPIKeyKind{},
		Description: "Lists the personal API keys of DSS's users (admin only), but those of the user the provider's API key acts as " +
			"(one of them may be the key in use, which Terraform could revoke). Secrets are never in the results." +
			kit.ListCost("1 request (`GET /admin/personal-api-keys/`); the resource object costs each key's read."),
		Filters: map[string]listschema.Attribute{
			"user": listschema.StringAttribute{Optional: true, MarkdownDescription: "Only the keys of this user (login)."},
		},
		List: kit.ListBy("personal API keys (GET /admin/personal-api-keys/, admin only)", (*dss.Client).ListAllPersonalAPIKeys,
			func(l *kit.Lister, f *personalAPIKeyListFilters, k dss.PersonalAPIKey) (kit.Listed, bool) {
				left := k.User == l.OwnLogin() || (kit.Optional(f.User) != "" && k.User != kit.Optional(f.User))
				return kit.Listed{Key: []string{k.ID}, Display: k.User + " / " + kit.NameOr(k.Label, k.ID)}, !left
			}),
	})
}

type connectionListFilters struct {
	Type           types.String `tfsdk:"type"`
	IncludeBuiltin types.Bool   `tfsdk:"include_builtin"`
}

// What the lists leave out, as dss-adopt does (adoptinfo/left_out.go).
var (
	builtinConnections        = adoptinfo.BuiltinConnections
	dssManagedConnectionTypes = adoptinfo.DSSManagedConnectionTypes
	pluginCodeEnvModes        = adoptinfo.PluginCodeEnvModes
)

func NewConnectionList() list.ListResource {
	return kit.NewList(kit.ListKind[connectionResourceModel, connectionListFilters]{
		Kind: connectionKind{},
		Description: "Lists DSS's connections (admin only), but the ones DSS manages itself (type `UploadedFiles`) and, unless `include_builtin`, " +
			"those DSS creates at installation (`" + strings.Join(builtinConnections, "`, `") + "`)." +
			kit.ListCost("1 request (`GET /admin/connections/`); the resource object costs each connection's read."),
		Filters: map[string]listschema.Attribute{
			"type": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the connections of this type, e.g. " + connectionTypeExample + " (as the resource's `type`: a known type in another case is refused with DSS's spelling; other names, for plugin types, are compared as written).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1), kit.KnownSpelling("connection type", names.ConnectionTypes()...)}},
			"include_builtin": listschema.BoolAttribute{Optional: true,
				MarkdownDescription: "Also list the connections DSS creates at installation. Managing them in Terraform means a destroy would delete what DSS relies on."},
		},
		List: func(ctx context.Context, l *kit.Lister, f *connectionListFilters, emit func(kit.Listed) bool) error {
			conns, err := l.C.ListConnections(ctx)
			if err != nil {
				return kit.Listing("connections (GET /admin/connections/, admin only)", err)
			}
			for _, name := range kit.SortedKeys(conns) {
				c := conns[name]
				if slices.Contains(dssManagedConnectionTypes, c.Type) || (slices.Contains(builtinConnections, name) && !f.IncludeBuiltin.ValueBool()) {
					continue
				}
				if t := kit.Optional(f.Type); t != "" && c.Type != t {
					continue
				}
				if !emit(kit.Listed{Key: []string{name}, Display: name + " (" + c.Type + ")"}) {
					return nil
				}
			}
			return nil
		},
	})
}

type codeEnvListFilters struct {
	Lang types.String `tfsdk:"lang"`
}

func NewCodeEnvList() list.ListResource {
	return kit.NewList(kit.ListKind[CodeEnvModel, codeEnvListFilters]{
		Kind: CodeEnvKind{},
		Description: "Lists DSS's code envs, but those a plugin creates and rebuilds itself (deployment modes `" + strings.Join(pluginCodeEnvModes, "`, `") + "`) " +
			"and DSS's own (deployment mode `" + strings.Join(adoptinfo.DSSInternalCodeEnvModes, "`, `") + "`)." +
			kit.ListCost("1 request (`GET /admin/code-envs/`); the resource object costs each env's read."),
		Filters: map[string]listschema.Attribute{
			"lang": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the envs of this language: `" + strings.Join(dss.CodeEnvLangs, "` or `") + "`.",
				Validators:          []validator.String{kit.OneOfExact("code env language", dss.CodeEnvLangs...)}},
		},
		List: kit.ListBy("code envs (GET /admin/code-envs/)", (*dss.Client).ListCodeEnvs, func(_ *kit.Lister, f *codeEnvListFilters, e dss.CodeEnvSummary) (kit.Listed, bool) {
			lang := kit.Optional(f.Lang)
			left := adoptinfo.CodeEnvLeftOut(e.DeploymentMode) != "" || (lang != "" && e.Lang() != lang)
			return kit.Listed{Key: []string{e.Lang(), e.EnvNameOrName()}, Display: e.Lang() + "/" + e.EnvNameOrName()}, !left
		}),
	})
}

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

// NewCodeStudioTemplateSettingsList lists the settings of the code studio
// templates, one per template.
func NewCodeStudioTemplateSettingsList() list.ListResource {
	return kit.NewList(kit.ListKind[codeStudioTemplateSettingsModel, kit.NoListFilters]{
		Kind: codeStudioTemplateSettingsKind{},
		Description: "Lists the settings of the instance's code studio templates, one per template (admin only)." +
			kit.ListCost("1 request (`GET /admin/code-studios/`); the resource object costs each template's settings."),
		Filters: map[string]listschema.Attribute{},
		List: kit.ListBy("code studio templates (GET /admin/code-studios/)", (*dss.Client).ListCodeStudioTemplates,
			func(_ *kit.Lister, _ *kit.NoListFilters, t dss.CodeStudioTemplateSummary) (kit.Listed, bool) {
				return kit.Listed{Key: []string{t.ID}, Display: t.ID}, true
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
		List: kit.ParentWalk[pluginPresetListFilters, dss.PluginSummary, any]{
			Given:       func(f *pluginPresetListFilters) types.String { return f.PluginID },
			Parents:     "plugins (GET /plugins/)",
			ListParents: (*dss.Client).ListPlugins,
			Key:         func(p dss.PluginSummary) string { return p.ID },
			Children:    func(id string) string { return "presets of plugin " + id + " (GET /plugins/" + id + "/settings)" },
			ListChildren: func(c *dss.Client, ctx context.Context, id string) ([]any, error) {
				doc, err := dss.PluginSettingsDoc(id).Get(ctx, c)
				if err != nil {
					return nil, err
				}
				return PresetsOf(*doc), nil
			},
			Show: func(id string, x any) (kit.Listed, bool) {
				p, _ := x.(map[string]any)
				typ, _ := p["type"].(string)
				name, _ := p["name"].(string)
				return kit.Listed{Key: []string{id, typ, name}, Display: id + "/" + name}, typ != "" && name != ""
			},
		}.List(),
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

func NewWorkspaceList() list.ListResource {
	return kit.NewList(kit.ListKind[WorkspaceModel, kit.NoListFilters]{
		Kind: workspaceKind{},
		Description: "Lists the DSS workspaces the provider's API key may see (every workspace for an administrator)." +
			kit.ListCost("1 request (`GET /workspaces/`); the resource object costs each workspace's read."),
		Filters: map[string]listschema.Attribute{},
		List: kit.ListBy("workspaces (GET /workspaces/)", (*dss.Client).ListWorkspaces, func(_ *kit.Lister, _ *kit.NoListFilters, w dss.Workspace) (kit.Listed, bool) {
			return kit.Listed{Key: []string{w.WorkspaceKey}, Display: kit.NameOr(w.DisplayName, w.WorkspaceKey)}, true
		}),
	})
}

type workspaceObjectListFilters struct {
	WorkspaceKey types.String `tfsdk:"workspace_key"`
}

func NewWorkspaceObjectList() list.ListResource {
	return kit.NewList(kit.ListKind[workspaceObjectModel, workspaceObjectListFilters]{
		Kind: workspaceObjectKind{},
		Description: "Lists the objects of the DSS workspaces the provider's API key may see." +
			kit.ListCost("1 request for the workspaces (`GET /workspaces/`, none with `workspace_key`), then 1 per workspace (its objects); the resource object costs each object's workspace list again."),
		Filters: map[string]listschema.Attribute{
			"workspace_key": listschema.StringAttribute{Optional: true, MarkdownDescription: "Only this workspace's objects.",
				Validators: workspaceKey.Validators()},
		},
		List: kit.ParentWalk[workspaceObjectListFilters, dss.Workspace, dss.WorkspaceObject]{
			Given:       func(f *workspaceObjectListFilters) types.String { return f.WorkspaceKey },
			Parents:     "workspaces (GET /workspaces/)",
			ListParents: (*dss.Client).ListWorkspaces,
			Key:         func(w dss.Workspace) string { return w.WorkspaceKey },
			Children: func(key string) string {
				return "objects of workspace " + key + " (GET /workspaces/" + key + "/objects)"
			},
			ListChildren: (*dss.Client).ListWorkspaceObjects,
			Show: func(key string, o dss.WorkspaceObject) (kit.Listed, bool) {
				var m workspaceObjectModel
				workspaceObjectFromDSS(&o, &m)
				return kit.Listed{Key: []string{key, o.ID}, Display: key + " / " + m.describe()}, true
			},
		}.List(),
	})
}

// NewDataCollectionList lists the data collections.
func NewDataCollectionList() list.ListResource {
	return kit.NewList(kit.ListKind[dataCollectionModel, kit.NoListFilters]{
		Kind:        dataCollectionKind{},
		Description: "Lists the data collections the API key may see." + kit.ListCost("1 request (`GET /data-collections/`); the resource object costs each collection's read."),
		Filters:     map[string]listschema.Attribute{},
		List: kit.ListBy("data collections (GET /data-collections/)", (*dss.Client).ListDataCollections, func(_ *kit.Lister, _ *kit.NoListFilters, d dss.DataCollectionSummary) (kit.Listed, bool) {
			return kit.Listed{Key: []string{d.ID}, Display: kit.NameOr(d.DisplayName, d.ID)}, true
		}),
	})
}

type dataCollectionDatasetListFilters struct {
	DataCollectionID types.String `tfsdk:"data_collection_id"`
}

// NewDataCollectionDatasetList lists the datasets of the data collections.
func NewDataCollectionDatasetList() list.ListResource {
	return kit.NewList(kit.ListKind[dataCollectionDatasetModel, dataCollectionDatasetListFilters]{
		Kind: dataCollectionDatasetKind{},
		Description: "Lists the datasets of the data collections the API key may see, or of one collection." +
			kit.ListCost("1 request for the collections (`GET /data-collections/`, none with `data_collection_id`) and 1 per collection for its objects; the resource object costs each collection's objects again."),
		Filters: map[string]listschema.Attribute{
			"data_collection_id": listschema.StringAttribute{Optional: true, MarkdownDescription: "Only the datasets of this collection (its id).",
				Validators: dataCollectionIDValidators},
		},
		List: kit.ParentWalk[dataCollectionDatasetListFilters, dss.DataCollectionSummary, dss.DataCollectionObject]{
			Given:        func(f *dataCollectionDatasetListFilters) types.String { return f.DataCollectionID },
			Parents:      "data collections (GET /data-collections/)",
			ListParents:  (*dss.Client).ListDataCollections,
			Key:          func(d dss.DataCollectionSummary) string { return d.ID },
			Children:     func(id string) string { return "objects of data collection " + id },
			ListChildren: (*dss.Client).ListDataCollectionObjects,
			Show: func(id string, o dss.DataCollectionObject) (kit.Listed, bool) {
				return kit.Listed{Key: []string{id, o.ProjectKey, o.ID}, Display: id + ": " + o.ProjectKey + "." + o.ID}, o.Type == dss.DataCollectionTypeDataset
			},
		}.List(),
	})
}

// NewMessagingChannelList lists the messaging channels.
func NewMessagingChannelList() list.ListResource {
	return kit.NewList(kit.ListKind[messagingChannelResourceModel, kit.NoListFilters]{
		Kind:        messagingChannelKind{},
		Description: "Lists the instance's messaging channels." + kit.ListCost("1 request (`GET /messaging-channels/`); the resource object costs each channel's read."),
		Filters:     map[string]listschema.Attribute{},
		List: kit.ListBy("messaging channels (GET /messaging-channels/)", listAllMessagingChannels, func(_ *kit.Lister, _ *kit.NoListFilters, ch dss.MessagingChannel) (kit.Listed, bool) {
			return kit.Listed{Key: []string{ch.ID}, Display: ch.ID + " (" + ch.Type + ")"}, true
		}),
	})
}

// listAllMessagingChannels lists every channel, of any type and family.
func listAllMessagingChannels(c *dss.Client, ctx context.Context) ([]dss.MessagingChannel, error) {
	return c.ListMessagingChannels(ctx, "", "")
}

// NewProjectStandardsCheckList lists the Project Standards checks.
func NewProjectStandardsCheckList() list.ListResource {
	return kit.NewList(kit.ListKind[projectStandardsCheckModel, kit.NoListFilters]{
		Kind:        projectStandardsCheckKind{},
		Description: "Lists the Project Standards checks (DSS 14 and later)." + kit.ListCost("1 request (`GET /project-standards/checks`); the resource object costs each check's read."),
		Filters:     map[string]listschema.Attribute{},
		List: kit.ListBy("Project Standards checks (GET /project-standards/checks)", (*dss.Client).ListProjectStandardsChecks,
			func(_ *kit.Lister, _ *kit.NoListFilters, ch dss.ProjectStandardsCheck) (kit.Listed, bool) {
				return kit.Listed{Key: []string{ch.ID}, Display: kit.NameOr(ch.Name, ch.ID)}, true
			}),
	})
}

// NewProjectStandardsScopeList lists the Project Standards scopes but the
// default one, which DSS makes and no resource manages.
func NewProjectStandardsScopeList() list.ListResource {
	return kit.NewList(kit.ListKind[projectStandardsScopeModel, kit.NoListFilters]{
		Kind: projectStandardsScopeKind{},
		Description: "Lists the Project Standards scopes (DSS 14 and later) in DSS's order, but the default scope, which DSS makes itself." +
			kit.ListCost("1 request (`GET /project-standards/scopes`); the resource object costs each scope's read."),
		Filters: map[string]listschema.Attribute{},
		List: kit.ListBy("Project Standards scopes (GET /project-standards/scopes)", (*dss.Client).ListProjectStandardsScopes,
			func(_ *kit.Lister, _ *kit.NoListFilters, s dss.ProjectStandardsScope) (kit.Listed, bool) {
				return kit.Listed{Key: []string{s.Name}, Display: s.Name}, s.SelectionMethod != dss.ProjectStandardsDefaultSelection
			}),
	})
}

type meaningListFilters struct {
	Type types.String `tfsdk:"type"`
}

// NewMeaningList lists the user-defined meanings.
func NewMeaningList() list.ListResource {
	return kit.NewList(kit.ListKind[meaningModel, meaningListFilters]{
		Kind:        meaningKind{},
		Description: "Lists the instance's user-defined meanings, optionally of one type." + kit.ListCost("1 request (`GET /meanings/`); the resource object costs each meaning's read."),
		Filters: map[string]listschema.Attribute{
			"type": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the meanings of this type: " + meaningTypesText + " (as the resource's `type`: a known type in another case is refused with DSS's spelling).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1), kit.KnownSpelling("meaning type", dss.MeaningTypes...)}},
		},
		List: kit.ListBy("meanings (GET /meanings/)", (*dss.Client).ListMeanings, func(_ *kit.Lister, f *meaningListFilters, d dss.Meaning) (kit.Listed, bool) {
			t := kit.Optional(f.Type)
			return kit.Listed{Key: []string{d.ID}, Display: kit.NameOr(d.Label, d.ID) + " (" + d.Type + ")"}, t == "" || d.Type == t
		}),
	})
}
