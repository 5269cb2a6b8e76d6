package provider

import (
	"context"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adoptinfo"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// The list resources (`terraform query`, Terraform 1.14 and later): one
// listKind per kind that can be listed (list_kit.go). Each says what it
// lists, with which filters (named after the resource's own attributes),
// and what it costs. The singletons (instance settings and variables) are
// not listed: there is one of each, imported by its fixed id.

// ListResources are the provider's list resources.
func (p *dataikuProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewProjectList,
		NewProjectFolderList,
		NewDatasetList,
		NewManagedFolderList,
		NewRecipeList,
		NewScenarioList,
		NewFlowZoneList,
		NewDataQualityRuleList,
		NewExposedObjectList,
		NewUserList,
		NewGroupList,
		NewAPIKeyList,
		NewPersonalAPIKeyList,
		NewConnectionList,
		NewCodeEnvList,
	}
}

// inProjectFilter is the required project_key of a list inside one
// project.
func inProjectFilter(what string) listschema.StringAttribute {
	return listschema.StringAttribute{Required: true,
		MarkdownDescription: "Key of the project whose " + what + " to list. A project the API key cannot read is an error (DSS's), never an empty list.",
		Validators:          []validator.String{stringvalidator.RegexMatches(projectKeyPattern, projectKeyRule)}}
}

// listWindow bounds the requests a list sends at once when it needs one
// per object (the data quality rules, one per dataset): enough to hide
// the round trip to a remote DSS, no more than Terraform's own default
// parallelism (10).
const listWindow = 8

// listCost ends a list resource's description.
func listCost(cost string) string { return "\n\n**Cost.** " + cost }

// optional is a filter's value, "" when not set.
func optional(s types.String) string {
	if !known(s) {
		return ""
	}
	return s.ValueString()
}

// hasTags reports whether have holds every tag of want.
func hasTags(have []string, want []types.String) bool {
	for _, w := range want {
		if !slices.Contains(have, w.ValueString()) {
			return false
		}
	}
	return true
}

// tagsFilter is a filter on tags: the objects carrying every tag listed.
func tagsFilter(what string) listschema.ListAttribute {
	return listschema.ListAttribute{Optional: true, ElementType: types.StringType,
		MarkdownDescription: "Only the " + what + " carrying every one of these tags (DSS compares tags exactly)."}
}

// ownLogin is the login of the user the provider's API key acts as ("" for
// a global key with no user, or before the provider is configured).
func (l *lister) ownLogin() string {
	if l.caller == nil {
		return ""
	}
	if l.caller.AssociatedDSSUser != "" {
		return l.caller.AssociatedDSSUser
	}
	return l.caller.AuthIdentifier
}

// ---- Projects ----

type projectListFilters struct {
	ProjectKey      types.String   `tfsdk:"project_key"`
	Tags            []types.String `tfsdk:"tags"`
	ProjectFolderID types.String   `tfsdk:"project_folder_id"`
}

// globPattern checks a shell pattern (`*`, `?`, `[…]`) as path.Match
// reads it.
type globPattern struct{}

func (globPattern) Description(context.Context) string {
	return "a pattern where `*` matches any characters, `?` one character and `[…]` a class"
}
func (g globPattern) MarkdownDescription(ctx context.Context) string { return g.Description(ctx) }
func (globPattern) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if _, err := path.Match(req.ConfigValue.ValueString(), ""); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid pattern",
			fmt.Sprintf("%q is not a valid pattern: `*` matches any characters, `?` one character, `[…]` a class of characters (a `[` must be closed).", req.ConfigValue.ValueString()))
	}
}

func NewProjectList() list.ListResource {
	return newKitList(listKind[projectResourceModel, projectListFilters]{
		kind: projectKind{},
		description: "Lists the projects the API key can read, for `terraform query` and `-generate-config-out`." +
			listCost("1 request (`GET /projects/`), plus 1 with `project_folder_id`; the resource object (`include_resource`) costs a project's read for each."),
		filters: map[string]listschema.Attribute{
			"project_key": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the projects whose key matches this pattern: `*` matches any characters, `?` one (`SALES_*`).",
				Validators:          []validator.String{globPattern{}}},
			"tags": tagsFilter("projects"),
			"project_folder_id": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the projects directly in this project folder (its id; `ROOT` for the root)."},
		},
		list: func(ctx context.Context, l *lister, f *projectListFilters, emit func(listed) bool) error {
			projects, err := l.c.ListProjects(ctx)
			if err != nil {
				return listing("projects (GET /projects/)", err)
			}
			var inFolder []string
			folder := optional(f.ProjectFolderID)
			if folder != "" {
				pf, err := l.c.GetProjectFolder(ctx, folder)
				if err != nil {
					return listing("project folder "+folder, err)
				}
				inFolder = pf.ProjectKeys
			}
			pattern := optional(f.ProjectKey)
			for _, p := range projects {
				if pattern != "" {
					if ok, _ := path.Match(pattern, p.ProjectKey); !ok {
						continue
					}
				}
				if !hasTags(p.Tags, f.Tags) || (folder != "" && !slices.Contains(inFolder, p.ProjectKey)) {
					continue
				}
				name := p.ProjectKey
				if p.Name != "" && p.Name != p.ProjectKey {
					name = p.Name + " (" + p.ProjectKey + ")"
				}
				if !emit(listed{key: []string{p.ProjectKey}, display: name}) {
					return nil
				}
			}
			return nil
		},
	})
}

// ---- Project folders ----

type noListFilters struct{}

func NewProjectFolderList() list.ListResource {
	return newKitList(listKind[projectFolderModel, noListFilters]{
		kind: projectFolderKind{},
		description: "Lists the project folders (not the root, which belongs to DSS), each named by its path from the root." +
			listCost("1 request per folder: DSS has no flat list of folders, so the tree is walked from the root (`GET /project-folders/{id}/children`); the resource object costs a folder's read for each."),
		filters: map[string]listschema.Attribute{},
		list: func(ctx context.Context, l *lister, _ *noListFilters, emit func(listed) bool) error {
			var walk func(id string, parents []string) (bool, error)
			walk = func(id string, parents []string) (bool, error) {
				children, err := l.c.ListProjectFolderChildren(ctx, id)
				if err != nil {
					return false, listing("subfolders of project folder "+id, err)
				}
				for _, f := range children {
					name := f.ID
					if f.Name != nil && *f.Name != "" {
						name = *f.Name
					}
					p := append(slices.Clone(parents), name)
					if !emit(listed{key: []string{f.ID}, display: strings.Join(p, " / ")}) {
						return false, nil
					}
					if more, err := walk(f.ID, p); !more || err != nil {
						return false, err
					}
				}
				return true, nil
			}
			_, err := walk(dss.RootProjectFolderID, nil)
			return err
		},
	})
}

// ---- Datasets ----

type datasetListFilters struct {
	ProjectKey     types.String   `tfsdk:"project_key"`
	Type           types.String   `tfsdk:"type"`
	ConnectionName types.String   `tfsdk:"connection_name"`
	Tags           []types.String `tfsdk:"tags"`
}

func NewDatasetList() list.ListResource {
	return newKitList(listKind[datasetResourceModel, datasetListFilters]{
		kind: datasetKind{},
		description: "Lists the datasets of one project." +
			listCost("1 request (`GET /projects/{key}/datasets/`, the list the refresh reads): its items are whole definitions, so the resource object (`include_resource`) costs nothing more."),
		filters: map[string]listschema.Attribute{
			"project_key": inProjectFilter("datasets"),
			"type": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the datasets of this DSS type, e.g. `Filesystem`, `PostgreSQL` (as the resource's `type`: a known type in another case is refused with DSS's spelling; other names, for plugin types, are compared as written).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1), knownSpelling("dataset type", names.DatasetTypes()...)}},
			"connection_name": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the datasets stored in this connection."},
			"tags": tagsFilter("datasets"),
		},
		list: func(ctx context.Context, l *lister, f *datasetListFilters, emit func(listed) bool) error {
			key := f.ProjectKey.ValueString()
			defs, err := l.c.ListDatasetDefinitions(ctx, key)
			if err != nil {
				return listing("datasets of project "+key, err)
			}
			for _, name := range sortedKeys(defs.Items) {
				d, err := dss.DatasetDoc(key, name).Decode(defs.Items[name])
				if err != nil {
					return listing("datasets of project "+key, err)
				}
				if t := optional(f.Type); t != "" && d.Type != t {
					continue
				}
				if cn := optional(f.ConnectionName); cn != "" && d.Connection() != cn {
					continue
				}
				if !hasTags(d.Tags, f.Tags) {
					continue
				}
				if !emit(listed{key: []string{key, name}, display: key + "." + name + " (" + d.Type + ")", item: defs.Items[name]}) {
					return nil
				}
			}
			return nil
		},
	})
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ---- Managed folders ----

type inProjectListFilters struct {
	ProjectKey types.String `tfsdk:"project_key"`
}

func NewManagedFolderList() list.ListResource {
	return newKitList(listKind[managedFolderModel, inProjectListFilters]{
		kind: managedFolderKind{},
		description: "Lists the managed folders of one project." +
			listCost("1 request (`GET /projects/{key}/managedfolders/`, the list the refresh reads): its items are whole definitions, so the resource object costs nothing more."),
		filters: map[string]listschema.Attribute{"project_key": inProjectFilter("managed folders")},
		list: func(ctx context.Context, l *lister, f *inProjectListFilters, emit func(listed) bool) error {
			key := f.ProjectKey.ValueString()
			defs, err := l.c.ListManagedFolderDefinitions(ctx, key)
			if err != nil {
				return listing("managed folders of project "+key, err)
			}
			for _, id := range sortedKeys(defs.Items) {
				mf, err := dss.ManagedFolderDoc(key, id).Decode(defs.Items[id])
				if err != nil {
					return listing("managed folders of project "+key, err)
				}
				if !emit(listed{key: []string{key, id}, display: key + " / " + nameOr(mf.Name, id), item: defs.Items[id]}) {
					return nil
				}
			}
			return nil
		},
	})
}

func nameOr(name, id string) string {
	if name == "" || name == id {
		return id
	}
	return name + " (" + id + ")"
}

// ---- Recipes ----

type recipeListFilters struct {
	ProjectKey types.String `tfsdk:"project_key"`
	Type       types.String `tfsdk:"type"`
}

func NewRecipeList() list.ListResource {
	return newKitList(listKind[recipeModel, recipeListFilters]{
		kind: recipeKind{},
		description: "Lists the recipes of one project." +
			listCost("1 request (`GET /projects/{key}/recipes/`). Its items are summaries (no payload), so the resource object (`include_resource`, `-generate-config-out`) costs each recipe's own read."),
		filters: map[string]listschema.Attribute{
			"project_key": inProjectFilter("recipes"),
			"type": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the recipes of this type, e.g. `python`, `sync`, `grouping` (as the resource's `type`: a known type in another case is refused with DSS's spelling; other names, for plugin recipes, are compared as written).",
				Validators: []validator.String{stringvalidator.LengthBetween(1, maxNameLength),
					knownSpelling("recipe type", append(append([]string{}, recipeCodeTypes...), recipeVisualTypes...)...)}},
		},
		list: func(ctx context.Context, l *lister, f *recipeListFilters, emit func(listed) bool) error {
			key := f.ProjectKey.ValueString()
			recipes, err := l.c.ListRecipes(ctx, key)
			if err != nil {
				return listing("recipes of project "+key, err)
			}
			for _, r := range recipes {
				if t := optional(f.Type); t != "" && r.Type != t {
					continue
				}
				if !emit(listed{key: []string{key, r.Name}, display: key + "." + r.Name + " (" + r.Type + ")"}) {
					return nil
				}
			}
			return nil
		},
	})
}

// ---- Scenarios ----

func NewScenarioList() list.ListResource {
	return newKitList(listKind[scenarioResourceModel, inProjectListFilters]{
		kind: scenarioKind{},
		description: "Lists the scenarios of one project." +
			listCost("1 request (`GET /projects/{key}/scenarios/`). Its items are summaries (no triggers, steps or script), so the resource object costs each scenario's own read."),
		filters: map[string]listschema.Attribute{"project_key": inProjectFilter("scenarios")},
		list: func(ctx context.Context, l *lister, f *inProjectListFilters, emit func(listed) bool) error {
			key := f.ProjectKey.ValueString()
			scenarios, err := l.c.ListScenarios(ctx, key)
			if err != nil {
				return listing("scenarios of project "+key, err)
			}
			for _, s := range scenarios {
				if !emit(listed{key: []string{key, s.ID}, display: key + " / " + nameOr(s.Name, s.ID)}) {
					return nil
				}
			}
			return nil
		},
	})
}

// ---- Flow zones ----

func NewFlowZoneList() list.ListResource {
	return newKitList(listKind[flowZoneModel, inProjectListFilters]{
		kind: flowZoneKind{},
		description: "Lists the flow zones of one project, but its default zone (DSS's own: it cannot be deleted, and holds every object no other zone holds)." +
			listCost("1 request (`GET /projects/{key}/flow/zones`); the resource object costs each zone's read."),
		filters: map[string]listschema.Attribute{"project_key": inProjectFilter("flow zones")},
		list: func(ctx context.Context, l *lister, f *inProjectListFilters, emit func(listed) bool) error {
			key := f.ProjectKey.ValueString()
			zones, err := l.c.ListFlowZones(ctx, key)
			if err != nil {
				return listing("flow zones of project "+key, err)
			}
			for _, z := range zones {
				if z.ID == dss.DefaultZoneID {
					continue
				}
				if !emit(listed{key: []string{key, z.ID}, display: key + " / " + nameOr(z.Name, z.ID)}) {
					return nil
				}
			}
			return nil
		},
	})
}

// ---- Data quality rules ----

type dataQualityRuleListFilters struct {
	ProjectKey  types.String `tfsdk:"project_key"`
	DatasetName types.String `tfsdk:"dataset_name"`
}

func NewDataQualityRuleList() list.ListResource {
	return newKitList(listKind[dataQualityRuleModel, dataQualityRuleListFilters]{
		kind: dataQualityRuleKind{},
		description: "Lists the data quality rules of one dataset, or of every dataset of a project." +
			listCost("DSS keeps rules per dataset: with `dataset_name`, 1 request; without, 1 for the project's datasets plus 1 per dataset, 8 at a time. The resource object costs nothing more: a rule's read is its dataset's list."),
		filters: map[string]listschema.Attribute{
			"project_key": inProjectFilter("datasets' rules"),
			"dataset_name": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the rules of this dataset (one request instead of one per dataset).",
				Validators:          []validator.String{stringvalidator.RegexMatches(datasetNamePattern, datasetNameRule)}},
		},
		list: func(ctx context.Context, l *lister, f *dataQualityRuleListFilters, emit func(listed) bool) error {
			key := f.ProjectKey.ValueString()
			datasets := []string{optional(f.DatasetName)}
			if datasets[0] == "" {
				all, err := l.c.ListDatasets(ctx, key, nil)
				if err != nil {
					return listing("datasets of project "+key, err)
				}
				datasets = datasets[:0]
				for _, d := range all {
					datasets = append(datasets, d.Name)
				}
				sort.Strings(datasets)
			}
			// One request per dataset, sent side by side (listWindow at
			// once), the results emitted in the datasets' order.
			for start := 0; start < len(datasets); start += listWindow {
				window := datasets[start:min(start+listWindow, len(datasets))]
				rules := make([][]dss.DataQualityRule, len(window))
				errs := make([]error, len(window))
				var wg sync.WaitGroup
				for i, ds := range window {
					wg.Add(1)
					go func() {
						defer wg.Done()
						rules[i], errs[i] = l.c.ListDataQualityRules(ctx, key, ds)
					}()
				}
				wg.Wait()
				for i, ds := range window {
					if errs[i] != nil {
						return listing(fmt.Sprintf("data quality rules of dataset %s.%s", key, ds), errs[i])
					}
					for _, r := range rules[i] {
						// The rule's read after an import takes it from this
						// same list (GetDataQualityRule): fill from it.
						fill := func(m *dataQualityRuleModel) error { return dataQualityRuleFromDSS(&r, m, true) }
						if !emit(listed{key: []string{key, ds, r.ID}, display: key + "." + ds + " / " + nameOr(r.DisplayName, r.ID), fill: fill}) {
							return nil
						}
					}
				}
			}
			return nil
		},
	})
}

// ---- Exposed objects ----

func NewExposedObjectList() list.ListResource {
	return newKitList(listKind[exposedObjectModel, inProjectListFilters]{
		kind: &exposedObjectKind{},
		description: "Lists the objects one project shares with other projects (its settings' exposed objects)." +
			listCost("1 request (the project's settings); the resource object costs a read of them for each."),
		filters: map[string]listschema.Attribute{"project_key": inProjectFilter("exposed objects")},
		list: func(ctx context.Context, l *lister, f *inProjectListFilters, emit func(listed) bool) error {
			key := f.ProjectKey.ValueString()
			settings, err := dss.ProjectSettingsDoc(key).Get(ctx, l.c)
			if err != nil {
				return listing("settings of project "+key, err)
			}
			if settings.ExposedObjects == nil {
				return nil
			}
			seen := map[string]bool{}
			for _, e := range settings.ExposedObjects.Objects {
				id := e.Type + "." + e.LocalName
				if seen[id] {
					continue // one resource per object, as the provider reads it
				}
				seen[id] = true
				if !emit(listed{key: []string{key, e.Type, e.LocalName}, display: key + " / " + e.Type + " " + e.LocalName}) {
					return nil
				}
			}
			return nil
		},
	})
}

// ---- Users, groups, keys ----

func NewUserList() list.ListResource {
	return newKitList(listKind[userModel, noListFilters]{
		kind: userKind{},
		description: "Lists DSS's users (admin only), but the user the provider's API key acts as: managing it could disable or delete the key's own user." +
			listCost("1 request (`GET /admin/users/`); the resource object costs each user's read."),
		filters: map[string]listschema.Attribute{},
		list: func(ctx context.Context, l *lister, _ *noListFilters, emit func(listed) bool) error {
			users, err := l.c.ListUsers(ctx)
			if err != nil {
				return listing("users (GET /admin/users/, admin only)", err)
			}
			own := l.ownLogin()
			for _, u := range users {
				if u.Login == own {
					continue
				}
				if !emit(listed{key: []string{u.Login}, display: nameOr(u.DisplayName, u.Login)}) {
					return nil
				}
			}
			return nil
		},
	})
}

func NewGroupList() list.ListResource {
	return newKitList(listKind[groupModel, noListFilters]{
		kind: groupKind{},
		description: "Lists DSS's groups (admin only), but `" + strings.Join(adoptinfo.BuiltinGroups, "`, `") + "`: DSS creates it at installation and admin rights come from it." +
			listCost("1 request (`GET /admin/groups/`); the resource object costs each group's read."),
		filters: map[string]listschema.Attribute{},
		list: func(ctx context.Context, l *lister, _ *noListFilters, emit func(listed) bool) error {
			groups, err := l.c.ListGroups(ctx)
			if err != nil {
				return listing("groups (GET /admin/groups/, admin only)", err)
			}
			for _, g := range groups {
				if slices.Contains(adoptinfo.BuiltinGroups, g.Name) {
					continue
				}
				if !emit(listed{key: []string{g.Name}, display: g.Name}) {
					return nil
				}
			}
			return nil
		},
	})
}

func NewAPIKeyList() list.ListResource {
	return newKitList(listKind[apiKeyModel, noListFilters]{
		kind: apiKeyKind{},
		description: "Lists DSS's global API keys (admin only), by label, but the key the provider uses. Secrets are never in the results." +
			listCost("1 request (`GET /admin/global-api-keys/`); the resource object costs each key's read."),
		filters: map[string]listschema.Attribute{},
		list: func(ctx context.Context, l *lister, _ *noListFilters, emit func(listed) bool) error {
			keys, err := l.c.ListGlobalAPIKeys(ctx)
			if err != nil {
				return listing("global API keys (GET /admin/global-api-keys/, admin only)", err)
			}
			for _, k := range keys {
				if l.caller != nil && (k.ID == l.caller.AuthIdentifier || (k.Label != "" && k.Label == l.caller.AuthIdentifier)) {
					continue
				}
				if !emit(listed{key: []string{k.ID}, display: nameOr(k.Label, k.ID)}) {
					return nil
				}
			}
			return nil
		},
	})
}

type personalAPIKeyListFilters struct {
	User types.String `tfsdk:"user"`
}

func NewPersonalAPIKeyList() list.ListResource {
	return newKitList(listKind[personalAPIKeyModel, personalAPIKeyListFilters]{
		kind: personalAPIKeyKind{},
		description: "Lists the personal API keys of DSS's users (admin only), but those of the user the provider's API key acts as " +
			"(one of them may be the key in use, which Terraform could revoke). Secrets are never in the results." +
			listCost("1 request (`GET /admin/personal-api-keys/`); the resource object costs each key's read."),
		filters: map[string]listschema.Attribute{
			"user": listschema.StringAttribute{Optional: true, MarkdownDescription: "Only the keys of this user (login)."},
		},
		list: func(ctx context.Context, l *lister, f *personalAPIKeyListFilters, emit func(listed) bool) error {
			keys, err := l.c.ListAllPersonalAPIKeys(ctx)
			if err != nil {
				return listing("personal API keys (GET /admin/personal-api-keys/, admin only)", err)
			}
			own := l.ownLogin()
			for _, k := range keys {
				if k.User == own || (optional(f.User) != "" && k.User != optional(f.User)) {
					continue
				}
				if !emit(listed{key: []string{k.ID}, display: k.User + " / " + nameOr(k.Label, k.ID)}) {
					return nil
				}
			}
			return nil
		},
	})
}

// ---- Connections, code envs ----

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
	return newKitList(listKind[connectionResourceModel, connectionListFilters]{
		kind: connectionKind{},
		description: "Lists DSS's connections (admin only), but the ones DSS manages itself (type `UploadedFiles`) and, unless `include_builtin`, " +
			"those DSS creates at installation (`" + strings.Join(builtinConnections, "`, `") + "`)." +
			listCost("1 request (`GET /admin/connections/`); the resource object costs each connection's read."),
		filters: map[string]listschema.Attribute{
			"type": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the connections of this type, e.g. " + connectionTypeExample + " (as the resource's `type`: a known type in another case is refused with DSS's spelling; other names, for plugin types, are compared as written).",
				Validators:          []validator.String{stringvalidator.LengthBetween(1, maxNameLength), knownSpelling("connection type", names.ConnectionTypes()...)}},
			"include_builtin": listschema.BoolAttribute{Optional: true,
				MarkdownDescription: "Also list the connections DSS creates at installation. Managing them in Terraform means a destroy would delete what DSS relies on."},
		},
		list: func(ctx context.Context, l *lister, f *connectionListFilters, emit func(listed) bool) error {
			conns, err := l.c.ListConnections(ctx)
			if err != nil {
				return listing("connections (GET /admin/connections/, admin only)", err)
			}
			for _, name := range sortedKeys(conns) {
				c := conns[name]
				if slices.Contains(dssManagedConnectionTypes, c.Type) || (slices.Contains(builtinConnections, name) && !f.IncludeBuiltin.ValueBool()) {
					continue
				}
				if t := optional(f.Type); t != "" && c.Type != t {
					continue
				}
				if !emit(listed{key: []string{name}, display: name + " (" + c.Type + ")"}) {
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
	return newKitList(listKind[codeEnvModel, codeEnvListFilters]{
		kind: codeEnvKind{},
		description: "Lists DSS's code envs, but those a plugin creates and rebuilds itself (deployment modes `" + strings.Join(pluginCodeEnvModes, "`, `") + "`)." +
			listCost("1 request (`GET /admin/code-envs/`); the resource object costs each env's read."),
		filters: map[string]listschema.Attribute{
			"lang": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the envs of this language: `" + strings.Join(dss.CodeEnvLangs, "` or `") + "`.",
				Validators:          []validator.String{oneOfExact("code env language", dss.CodeEnvLangs...)}},
		},
		list: func(ctx context.Context, l *lister, f *codeEnvListFilters, emit func(listed) bool) error {
			envs, err := l.c.ListCodeEnvs(ctx)
			if err != nil {
				return listing("code envs (GET /admin/code-envs/)", err)
			}
			for _, e := range envs {
				if slices.Contains(pluginCodeEnvModes, e.DeploymentMode) {
					continue
				}
				if lang := optional(f.Lang); lang != "" && e.Lang() != lang {
					continue
				}
				if !emit(listed{key: []string{e.Lang(), e.EnvNameOrName()}, display: e.Lang() + "/" + e.EnvNameOrName()}) {
					return nil
				}
			}
			return nil
		},
	})
}
