package adopt

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adoptinfo"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// What dss-adopt leaves out, as the provider's list resources do
// (adoptinfo/left_out.go says why).
var (
	builtinGroups             = adoptinfo.BuiltinGroups
	dssManagedConnectionTypes = adoptinfo.DSSManagedConnectionTypes
	builtinConnections        = adoptinfo.BuiltinConnections
)

// maxInFlight bounds the requests sent at once: enough to hide the
// round-trip time to a remote DSS, no more than Terraform's own default
// parallelism (10), so that DSS is not loaded more than by a plan.
const maxInFlight = 8

// lister lists what the key can see.
type lister struct {
	c        *dss.Client
	apiKey   string // compared with listed key secrets, never written
	info     *dss.AuthInfo
	kinds    map[string]bool
	projects []string // --projects globs; empty means every project
	// projectsMatched counts the projects --projects kept.
	projectsMatched atomic.Int64
	// excluded counts the objects each --exclude pattern left out (under mu).
	excluded map[string]int
	exclude  []string
	// includeBuiltin adopts built-in connections and other users'
	// personal API keys too (--include-builtin).
	includeBuiltin bool

	requests atomic.Int64
	inFlight chan struct{} // a slot per request under way (maxInFlight)

	mu         sync.Mutex
	objects    []*object
	notVisible []string
	// noDeployer says, for each deployer the node does not run, that its
	// kinds are not adopted (written to stderr).
	noDeployer []string
}

// call runs one list request and counts it.
func call[T any](l *lister, f func() (T, error)) (T, error) {
	l.requests.Add(1)
	l.inFlight <- struct{}{}
	defer func() { <-l.inFlight }()
	return f()
}

func (l *lister) add(o *object) {
	excludedBy := ""
	if o.Skip == "" {
		for _, p := range l.exclude {
			if matchAny([]string{p}, o.ID) || matchAny([]string{p}, o.Kind+":"+o.ID) {
				o.Skip = fmt.Sprintf("excluded by --exclude %s", p)
				excludedBy = p
				break
			}
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.objects = append(l.objects, o)
	if excludedBy != "" {
		if l.excluded == nil {
			l.excluded = map[string]int{}
		}
		l.excluded[excludedBy]++
	}
}

// unusedExcludes are the --exclude patterns that excluded nothing: a
// pattern that was meant to leave objects out and did not is worth a line.
func (l *lister) unusedExcludes() []string {
	var out []string
	for _, p := range l.exclude {
		if l.excluded[p] == 0 {
			out = append(out, p)
		}
	}
	return out
}

// cannotSee records a list the key may not read. Any other failure stops
// the run: a partial listing must not pass for a complete one.
func (l *lister) cannotSee(what string, err error) error {
	if !dss.IsUnauthorized(err) && !dss.IsNotFound(err) {
		return fmt.Errorf("listing %s: %w", what, err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.notVisible = append(l.notVisible, fmt.Sprintf("%s: %s", what, firstLine(err.Error())))
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// ownLogin is the login of the user the key acts as ("" for a global key
// with no user).
func (l *lister) ownLogin() string {
	if l.info.AssociatedDSSUser != "" {
		return l.info.AssociatedDSSUser
	}
	return l.info.AuthIdentifier
}

func (l *lister) run(ctx context.Context) error {
	steps := []struct {
		kind string
		f    func(context.Context) error
	}{
		{names.KindInstanceSettings, l.listSingletons},
		{names.KindGroup, l.listGroups},
		{names.KindUser, l.listUsers},
		{names.KindAPIKey, l.listGlobalKeys},
		{names.KindPersonalAPIKey, l.listPersonalKeys},
		{names.KindConnection, l.listConnections},
		{names.KindCodeEnv, l.listCodeEnvs},
		{names.KindPlugin, l.listPlugins},
		{names.KindContainerExecConfig, l.listExecConfigs},
		{names.KindCodeStudioTemplateSettings, l.listCodeStudioTemplateSettings},
		{names.KindCluster, l.listClusters},
		{names.KindWorkspace, l.listWorkspaces},
		{names.KindDataCollection, l.listDataCollections},
		{names.KindMessagingChannel, l.listMessagingChannels},
		{names.KindMeaning, l.listMeanings},
		{names.KindProjectStandardsCheck, l.listProjectStandardsChecks},
		{names.KindProjectStandardsScope, l.listProjectStandardsScopes},
		{names.KindProjectFolder, l.listProjectFolders},
	}
	for _, s := range steps {
		// Presets are listed plugin by plugin, with the plugins; a
		// collection's datasets collection by collection.
		presets := s.kind == names.KindPlugin && (l.kinds[names.KindPluginPreset] || l.kinds[names.KindPluginSettings])
		// Workspace objects are listed workspace by workspace, with them.
		wsObjects := s.kind == names.KindWorkspace && l.kinds[names.KindWorkspaceObject]
		// A collection's datasets are listed collection by collection, with them.
		collected := s.kind == names.KindDataCollection && l.kinds[names.KindDataCollectionDataset]
		// The default scope is in the list of scopes.
		defaultScope := s.kind == names.KindProjectStandardsScope && l.kinds[names.KindProjectStandardsDefaultScope]
		if s.kind == names.KindInstanceSettings || l.kinds[s.kind] || presets || wsObjects || collected || defaultScope {
			if err := s.f(ctx); err != nil {
				return err
			}
		}
	}
	for _, d := range deployers {
		if d.wanted(l.kinds) {
			if err := l.listDeployer(ctx, d); err != nil {
				return err
			}
		}
	}
	return l.listProjects(ctx)
}

func (l *lister) listSingletons(context.Context) error {
	for _, s := range []struct{ kind, id string }{
		{names.KindInstanceSettings, names.GeneralSettingsID}, {names.KindInstanceVariables, names.InstanceVariablesID},
		{names.KindLDAPSettings, names.LDAPSettingsID}, {names.KindSSOSettings, names.SSOSettingsID}, {names.KindAzureADSettings, names.AzureADSettingsID},
	} {
		if !l.kinds[s.kind] {
			continue
		}
		if !l.info.Admin {
			l.mu.Lock()
			l.notVisible = append(l.notVisible, fmt.Sprintf("%s%s: DSS's %s document is read with an admin key only", names.TypePrefix, s.kind, s.id))
			l.mu.Unlock()
			continue
		}
		// One per instance: nothing to list, the id is fixed.
		l.add(&object{Kind: s.kind, ID: s.id, nameParts: []string{"instance"}})
	}
	return nil
}

func (l *lister) listGroups(ctx context.Context) error {
	groups, err := call(l, func() ([]dss.Group, error) { return l.c.ListGroups(ctx) })
	if err != nil {
		return l.cannotSee("groups (GET /admin/groups/, admin only)", err)
	}
	for _, g := range groups {
		o := &object{Kind: names.KindGroup, ID: g.Name, nameParts: []string{g.Name}, Ref: g.Name}
		if slices.Contains(builtinGroups, g.Name) {
			o.Skip = "built-in group: DSS creates it at installation and admin rights come from it; deleting it through Terraform would lock admins out"
		}
		l.add(o)
	}
	return nil
}

func (l *lister) listUsers(ctx context.Context) error {
	users, err := call(l, func() ([]dss.User, error) { return l.c.ListUsers(ctx) })
	if err != nil {
		return l.cannotSee("users (GET /admin/users/, admin only)", err)
	}
	own := l.ownLogin()
	for _, u := range users {
		o := &object{Kind: names.KindUser, ID: u.Login, nameParts: []string{u.Login}, Ref: u.Login}
		switch {
		case u.Login == own:
			o.Skip = "the user of the API key dss-adopt connects with: managing it in Terraform could delete or disable the key's own user and lock you out; import it by hand if you mean to"
		case u.SourceType == "" || u.SourceType == "LOCAL":
			o.WriteOnly = writeOnlyNote(o.Type(), "a LOCAL user's password cannot be read back")
		}
		l.add(o)
	}
	return nil
}

func (l *lister) listGlobalKeys(ctx context.Context) error {
	keys, err := call(l, func() ([]dss.GlobalAPIKey, error) { return l.c.ListGlobalAPIKeys(ctx) })
	if err != nil {
		return l.cannotSee("global API keys (GET /admin/global-api-keys/, admin only)", err)
	}
	for _, k := range keys {
		o := &object{Kind: names.KindAPIKey, ID: k.ID, nameParts: []string{cmp.Or(k.Label, k.ID)}}
		if k.ID == l.info.AuthIdentifier || (k.Key != "" && k.Key == l.apiKey) {
			o.Skip = "the API key dss-adopt connects with: managing it in Terraform could revoke it"
		}
		l.add(o)
	}
	return nil
}

func (l *lister) listPersonalKeys(ctx context.Context) error {
	keys, err := call(l, func() ([]dss.PersonalAPIKey, error) { return l.c.ListAllPersonalAPIKeys(ctx) })
	if err != nil {
		return l.cannotSee("personal API keys (GET /admin/personal-api-keys/, admin only)", err)
	}
	own := l.ownLogin()
	for _, k := range keys {
		o := &object{Kind: names.KindPersonalAPIKey, ID: k.ID, nameParts: []string{k.User, cmp.Or(k.Label, k.ID)}}
		switch {
		case k.Key != "" && k.Key == l.apiKey:
			o.Skip = "the API key dss-adopt connects with: managing it in Terraform could revoke it"
		case k.Key == "" && k.User == own:
			o.Skip = "a key of the user dss-adopt connects as, whose secret DSS does not show: it may be the key in use, which Terraform could revoke"
		case k.User != own && !l.includeBuiltin:
			o.Skip = "a personal API key of another user (" + k.User + "): theirs to manage; --include-builtin adopts it"
		}
		l.add(o)
	}
	return nil
}

func (l *lister) listConnections(ctx context.Context) error {
	conns, err := call(l, func() (map[string]dss.Connection, error) { return l.c.ListConnections(ctx) })
	if err != nil {
		return l.cannotSee("connections (GET /admin/connections/, admin only)", err)
	}
	for name, c := range conns {
		o := &object{Kind: names.KindConnection, ID: name, nameParts: []string{name}, Ref: name}
		if slices.Contains(dssManagedConnectionTypes, c.Type) {
			o.Skip = fmt.Sprintf("type %s is created and managed by DSS itself", c.Type)
		} else if slices.Contains(builtinConnections, name) && !l.includeBuiltin {
			o.Skip = "built-in connection: DSS creates it at installation and relies on it; --include-builtin adopts it"
		} else if secrets := dss.SecretParamsIn(c.Params); len(secrets) > 0 {
			o.WriteOnly = writeOnlyNote(o.Type(), "DSS returns "+strings.Join(secrets, ", ")+" encrypted only")
		}
		l.add(o)
	}
	return nil
}

func (l *lister) listCodeEnvs(ctx context.Context) error {
	envs, err := call(l, func() ([]dss.CodeEnvSummary, error) { return l.c.ListCodeEnvs(ctx) })
	if err != nil {
		return l.cannotSee("code envs (GET /admin/code-envs/)", err)
	}
	for _, e := range envs {
		lang, name := e.Lang(), e.EnvNameOrName()
		o := &object{Kind: names.KindCodeEnv, ID: lang + "/" + name, nameParts: []string{lang, name}}
		o.Skip = adoptinfo.CodeEnvLeftOut(e.DeploymentMode)
		l.add(o)
	}
	return nil
}

// listPlugins lists the installed plugins (1 request). Development
// plugins are not installed from a source: they are skipped.
func (l *lister) listPlugins(ctx context.Context) error {
	plugins, err := call(l, func() ([]dss.PluginSummary, error) { return l.c.ListPlugins(ctx) })
	if err != nil {
		return l.cannotSee("plugins (GET /plugins/)", err)
	}
	for _, p := range plugins {
		o := &object{Kind: names.KindPlugin, ID: p.ID, nameParts: []string{p.ID}}
		if p.IsDev {
			o.Skip = "a development plugin: it is edited in DSS, not installed from a source"
		}
		// The import reads a Git plugin's source URL into git_url [I:
		// installedFrom.gitRepositoryUrl].
		if u, _ := p.InstalledFrom["gitRepositoryUrl"].(string); names.URLHoldsCredential(u) {
			o.InClear = "git_url"
		}
		if l.kinds[names.KindPlugin] {
			l.add(o)
		}
		if l.kinds[names.KindPluginPreset] || l.kinds[names.KindPluginSettings] {
			if err := l.listPluginPresets(ctx, p.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// listPluginPresets lists a plugin's settings and presets (1 request per
// plugin).
func (l *lister) listPluginPresets(ctx context.Context, id string) error {
	doc, err := call(l, func() (*dss.FreeObject, error) { return dss.PluginSettingsDoc(id).Get(ctx, l.c) })
	if err != nil {
		return l.cannotSee("presets of plugin "+id+" (GET /plugins/"+id+"/settings)", err)
	}
	if l.kinds[names.KindPluginSettings] {
		l.add(&object{Kind: names.KindPluginSettings, ID: id, nameParts: []string{id}})
	}
	if !l.kinds[names.KindPluginPreset] {
		return nil
	}
	presets, _ := (*doc)["presets"].([]any)
	for _, x := range presets {
		p, _ := x.(map[string]any)
		typ, _ := p["type"].(string)
		name, _ := p["name"].(string)
		if typ != "" && name != "" {
			l.add(&object{Kind: names.KindPluginPreset, ID: id + "/" + typ + "/" + name, nameParts: []string{id, name}})
		}
	}
	return nil
}

// listExecConfigs lists the Kubernetes execution configs of the general
// settings (1 request, admin only).
func (l *lister) listExecConfigs(ctx context.Context) error {
	doc, err := call(l, func() (*dss.FreeObject, error) { return dss.GeneralSettingsDoc().Get(ctx, l.c) })
	if err != nil {
		return l.cannotSee("execution configs (GET /admin/general-settings, admin only)", err)
	}
	cs, _ := (*doc)["containerSettings"].(map[string]any)
	list, _ := cs["executionConfigs"].([]any)
	for _, x := range list {
		m, _ := x.(map[string]any)
		if name, _ := m["name"].(string); name != "" {
			l.add(&object{Kind: names.KindContainerExecConfig, ID: name, nameParts: []string{name}})
		}
	}
	return nil
}

// listCodeStudioTemplateSettings lists the code studio templates, whose
// settings it adopts (1 request, admin only). Adopting them is safe:
// destroying the resource writes nothing to DSS.
func (l *lister) listCodeStudioTemplateSettings(ctx context.Context) error {
	list, err := call(l, func() ([]dss.CodeStudioTemplateSummary, error) { return l.c.ListCodeStudioTemplates(ctx) })
	if err != nil {
		return l.cannotSee("code studio templates (GET /admin/code-studios/, admin only)", err)
	}
	for _, t := range list {
		l.add(&object{Kind: names.KindCodeStudioTemplateSettings, ID: t.ID, nameParts: []string{t.ID}})
	}
	return nil
}

// listClusters lists the clusters (1 request, admin only).
func (l *lister) listClusters(ctx context.Context) error {
	clusters, err := call(l, func() ([]dss.ClusterSummary, error) { return l.c.ListClusters(ctx) })
	if err != nil {
		return l.cannotSee("clusters (GET /admin/clusters/, admin only)", err)
	}
	for _, c := range clusters {
		l.add(&object{Kind: names.KindCluster, ID: c.ID, nameParts: []string{c.Name}, Ref: c.ID})
	}
	return nil
}

func (l *lister) listWorkspaces(ctx context.Context) error {
	workspaces, err := call(l, func() ([]dss.Workspace, error) { return l.c.ListWorkspaces(ctx) })
	if err != nil {
		return l.cannotSee("workspaces (GET /workspaces/)", err)
	}
	for _, w := range workspaces {
		if l.kinds[names.KindWorkspace] {
			l.add(&object{Kind: names.KindWorkspace, ID: w.WorkspaceKey, nameParts: []string{w.WorkspaceKey}, Ref: w.WorkspaceKey})
		}
		if !l.kinds[names.KindWorkspaceObject] {
			continue
		}
		objs, err := call(l, func() ([]dss.WorkspaceObject, error) { return l.c.ListWorkspaceObjects(ctx, w.WorkspaceKey) })
		if err != nil {
			if err := l.cannotSee("objects of workspace "+w.WorkspaceKey, err); err != nil {
				return err
			}
			continue
		}
		for _, o := range objs {
			l.add(&object{Kind: names.KindWorkspaceObject, ID: w.WorkspaceKey + "/" + o.ID, nameParts: []string{w.WorkspaceKey, o.ID}})
		}
	}
	return nil
}

// listDataCollections lists the data collections the key may see (1
// request) and, when wanted, each one's datasets (1 request each).
func (l *lister) listDataCollections(ctx context.Context) error {
	list, err := call(l, func() ([]dss.DataCollectionSummary, error) { return l.c.ListDataCollections(ctx) })
	if err != nil {
		return l.cannotSee("data collections (GET /data-collections/)", err)
	}
	for _, d := range list {
		if l.kinds[names.KindDataCollection] {
			l.add(&object{Kind: names.KindDataCollection, ID: d.ID, nameParts: []string{d.DisplayName}, Ref: d.ID})
		}
		if !l.kinds[names.KindDataCollectionDataset] {
			continue
		}
		objects, err := call(l, func() ([]dss.DataCollectionObject, error) { return l.c.ListDataCollectionObjects(ctx, d.ID) })
		if err != nil {
			// One collection the key cannot see into (or gone since the
			// list) is noted; the next collections are still listed.
			if err := l.cannotSee("objects of data collection "+d.ID, err); err != nil {
				return err
			}
			continue
		}
		for _, o := range objects {
			if o.Type == dss.DataCollectionTypeDataset {
				// Beside its collection, an instance object (no Project):
				// the per-project layout keeps it with the collection.
				l.add(&object{Kind: names.KindDataCollectionDataset, ID: d.ID + "/" + o.ProjectKey + "." + o.ID,
					nameParts: []string{d.DisplayName, o.ProjectKey, o.ID}})
			}
		}
	}
	return nil
}

// listMessagingChannels lists the messaging channels (1 request, admin
// keys only). The
// list does not show a channel's configuration, so every channel of a type
// whose configuration can hold credentials (all but shell [V: dataikuapi's
// creators]) carries the write-only note: its secrets stay as DSS holds
// them until the user sets them.
func (l *lister) listMessagingChannels(ctx context.Context) error {
	if !l.info.Admin {
		// DSS lists channels to every user but serves their
		// configuration to administrators only [V: dataikuapi's
		// get_settings], which a resource's read needs: no request.
		l.mu.Lock()
		l.notVisible = append(l.notVisible, names.TypePrefix+names.KindMessagingChannel+": a channel's configuration is read with an admin key only")
		l.mu.Unlock()
		return nil
	}
	list, err := call(l, func() ([]dss.MessagingChannel, error) { return l.c.ListMessagingChannels(ctx, "", "") })
	if err != nil {
		return l.cannotSee("messaging channels (GET /messaging-channels/)", err)
	}
	for _, ch := range list {
		o := &object{Kind: names.KindMessagingChannel, ID: ch.ID, nameParts: []string{ch.ID}, Ref: ch.ID}
		if ch.Type != "shell" {
			o.WriteOnly = writeOnlyNote(o.Type(), "DSS returns a "+ch.Type+" channel's secrets encrypted only")
		}
		l.add(o)
	}
	return nil
}

// listProjectStandardsChecks lists the Project Standards checks (1
// request).
func (l *lister) listProjectStandardsChecks(ctx context.Context) error {
	list, err := call(l, func() ([]dss.ProjectStandardsCheck, error) { return l.c.ListProjectStandardsChecks(ctx) })
	if err != nil {
		return l.cannotSee("Project Standards checks (GET /project-standards/checks)", err)
	}
	for _, ch := range list {
		l.add(&object{Kind: names.KindProjectStandardsCheck, ID: ch.ID, nameParts: []string{ch.Name}, Ref: ch.ID})
	}
	return nil
}

// listProjectStandardsScopes lists the Project Standards scopes (1
// request): the scopes, and the default scope DSS makes, whose checks
// dataiku_project_standards_default_scope manages under its fixed id.
func (l *lister) listProjectStandardsScopes(ctx context.Context) error {
	list, err := call(l, func() ([]dss.ProjectStandardsScope, error) { return l.c.ListProjectStandardsScopes(ctx) })
	if err != nil {
		return l.cannotSee("Project Standards scopes (GET /project-standards/scopes)", err)
	}
	for _, s := range list {
		switch {
		case s.SelectionMethod != dss.ProjectStandardsDefaultSelection && l.kinds[names.KindProjectStandardsScope]:
			l.add(&object{Kind: names.KindProjectStandardsScope, ID: s.Name, nameParts: []string{s.Name}, Ref: s.Name})
		case s.SelectionMethod == dss.ProjectStandardsDefaultSelection && l.kinds[names.KindProjectStandardsDefaultScope]:
			l.add(&object{Kind: names.KindProjectStandardsDefaultScope, ID: names.ProjectStandardsDefaultScopeID, nameParts: []string{"instance"}})
		}
	}
	return nil
}

// listMeanings lists the user-defined meanings (1 request; any key may
// read them [I]). Adopting one is safe: destroying its resource never
// deletes it (DSS's API cannot).
func (l *lister) listMeanings(ctx context.Context) error {
	list, err := call(l, func() ([]dss.Meaning, error) { return l.c.ListMeanings(ctx) })
	if err != nil {
		return l.cannotSee("meanings (GET /meanings/)", err)
	}
	for _, d := range list {
		l.add(&object{Kind: names.KindMeaning, ID: d.ID, nameParts: []string{d.ID}, Ref: d.ID})
	}
	return nil
}

// listProjectFolders walks the folder tree from the root: one request per
// folder (DSS has no flat list of folders). The root belongs to DSS.
func (l *lister) listProjectFolders(ctx context.Context) error {
	var walk func(id string, path []string) error
	walk = func(id string, path []string) error {
		children, err := call(l, func() ([]dss.ProjectFolder, error) { return l.c.ListProjectFolderChildren(ctx, id) })
		if err != nil {
			return l.cannotSee(fmt.Sprintf("subfolders of project folder %s", id), err)
		}
		for _, f := range children {
			name := f.ID
			if f.Name != nil && *f.Name != "" {
				name = *f.Name
			}
			p := append(slices.Clone(path), name)
			l.add(&object{Kind: names.KindProjectFolder, ID: f.ID, nameParts: p, Ref: f.ID})
			if err := walk(f.ID, p); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(dss.RootProjectFolderID, nil)
}

// listsProjects reports whether the kinds asked for need the projects.
func (l *lister) listsProjects() bool {
	need := l.kinds[names.KindProject]
	for _, k := range projectKinds {
		need = need || l.kinds[k]
	}
	return need
}

func (l *lister) listProjects(ctx context.Context) error {
	if !l.listsProjects() {
		return nil
	}
	projects, err := call(l, func() ([]dss.ProjectSummary, error) { return l.c.ListProjects(ctx) })
	if err != nil {
		return l.cannotSee("projects (GET /projects/)", err)
	}
	var keys []string
	for _, p := range projects {
		if len(l.projects) > 0 && !matchAny(l.projects, p.ProjectKey) {
			continue
		}
		keys = append(keys, p.ProjectKey)
		l.projectsMatched.Add(1)
	}
	sort.Strings(keys)
	sem := make(chan struct{}, maxInFlight)
	errs := make([]error, len(keys))
	var wg sync.WaitGroup
	for i, key := range keys {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			errs[i] = l.listProject(ctx, key)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// listProjectKind lists one kind of a project's objects with list (one
// call), when the listing asks for kind: a list the caller may not see is
// what cannotSee makes of it (what names it), and each item found is added
// as the object that object makes of it.
func listProjectKind[T any](l *lister, kind, what string, list func() ([]T, error), object func(T) *object) error {
	if !l.kinds[kind] {
		return nil
	}
	items, err := call(l, list)
	if err != nil {
		if err := l.cannotSee(what, err); err != nil {
			return err
		}
	}
	for _, it := range items {
		l.add(object(it))
	}
	return nil
}

// projectObject is the object of kind that project key holds under id,
// named by name or, without one, by its id, and referred to by its id.
func projectObject(kind, key, id, name string) *object {
	return &object{Kind: kind, ID: key + "." + id, nameParts: []string{key, cmp.Or(name, id)}, Project: key, Ref: id}
}

// listProject lists what one project holds: one request per kind, plus
// one per dataset for data quality rules (DSS keeps rules per dataset).
func (l *lister) listProject(ctx context.Context, key string) error {
	// The project's grants, read once for both uses: whether a key that is
	// no instance administrator may administer it, and --grants.
	var perms *dss.ProjectPermissions
	var permsErr error
	if (l.kinds[names.KindProject] && !l.info.Admin) || l.kinds[names.KindProjectGrant] {
		perms, permsErr = call(l, func() (*dss.ProjectPermissions, error) { return dss.ProjectPermissionsDoc(key).Get(ctx, l.c) })
	}
	if l.kinds[names.KindProject] {
		if err := l.listProjectItself(key, permsErr); err != nil {
			return err
		}
	}
	if l.kinds[names.KindProjectGrant] {
		if err := l.listGrants(key, perms, permsErr); err != nil {
			return err
		}
	}
	var datasets []dss.Dataset
	if l.kinds[names.KindDataset] || l.kinds[names.KindDataQualityRule] {
		var err error
		datasets, err = call(l, func() ([]dss.Dataset, error) { return l.c.ListDatasets(ctx, key, nil) })
		if err != nil {
			return l.cannotSee("datasets of project "+key, err)
		}
		if l.kinds[names.KindDataset] {
			for _, d := range datasets {
				l.add(&object{Kind: names.KindDataset, ID: key + "." + d.Name, nameParts: []string{key, d.Name}, Project: key, Ref: d.Name})
			}
		}
	}
	if err := listProjectKind(l, names.KindManagedFolder, "managed folders of project "+key,
		func() ([]dss.ManagedFolder, error) { return l.c.ListManagedFolders(ctx, key) },
		func(f dss.ManagedFolder) *object { return projectObject(names.KindManagedFolder, key, f.ID, f.Name) }); err != nil {
		return err
	}
	// Knowledge banks, retrieval-augmented LLMs, agent tools, agents,
	// evaluation stores and code studios are named by name then id: names
	// need not be unique.
	if err := listProjectKind(l, names.KindKnowledgeBank, "knowledge banks of project "+key,
		func() ([]dss.KnowledgeBank, error) { return l.c.ListKnowledgeBanks(ctx, key) },
		func(kb dss.KnowledgeBank) *object { return projectObject(names.KindKnowledgeBank, key, kb.ID, kb.Name) }); err != nil {
		return err
	}
	if err := listProjectKind(l, names.KindRetrievalAugmentedLLM, "retrieval-augmented LLMs of project "+key,
		func() ([]dss.RetrievalAugmentedLLM, error) { return l.c.ListRetrievalAugmentedLLMs(ctx, key) },
		func(llm dss.RetrievalAugmentedLLM) *object {
			return projectObject(names.KindRetrievalAugmentedLLM, key, llm.ID, llm.Name)
		}); err != nil {
		return err
	}
	if err := listProjectKind(l, names.KindAgentTool, "agent tools of project "+key,
		func() ([]dss.AgentToolListItem, error) { return l.c.ListAgentTools(ctx, key) },
		func(t dss.AgentToolListItem) *object { return projectObject(names.KindAgentTool, key, t.ID, t.Name) }); err != nil {
		return err
	}
	if err := listProjectKind(l, names.KindAgent, "agents of project "+key,
		func() ([]dss.Agent, error) { return l.c.ListAgents(ctx, key) },
		func(a dss.Agent) *object { return projectObject(names.KindAgent, key, a.ID, a.Name) }); err != nil {
		return err
	}
	// Every flavor of evaluation store: the default list and the AGENT
	// one, two requests in one call (counted as two).
	if err := listProjectKind(l, names.KindEvaluationStore, "evaluation stores of project "+key,
		func() ([]dss.EvaluationStore, error) {
			l.requests.Add(1)
			return l.c.ListAllEvaluationStores(ctx, key)
		},
		func(s dss.EvaluationStore) *object {
			return projectObject(names.KindEvaluationStore, key, s.ID, s.Name)
		}); err != nil {
		return err
	}
	if err := listProjectKind(l, names.KindCodeStudio, "code studios of project "+key,
		func() ([]dss.CodeStudio, error) { return l.c.ListCodeStudios(ctx, key) },
		func(cs dss.CodeStudio) *object { return projectObject(names.KindCodeStudio, key, cs.ID, cs.Name) }); err != nil {
		return err
	}
	// Streaming endpoints and recipes are named by their key alone.
	if err := listProjectKind(l, names.KindStreamingEndpoint, "streaming endpoints of project "+key,
		func() ([]dss.StreamingEndpoint, error) { return l.c.ListStreamingEndpoints(ctx, key) },
		func(e dss.StreamingEndpoint) *object {
			return projectObject(names.KindStreamingEndpoint, key, e.ID, e.ID)
		}); err != nil {
		return err
	}
	if err := listProjectKind(l, names.KindRecipe, "recipes of project "+key,
		func() ([]dss.Recipe, error) { return l.c.ListRecipes(ctx, key) },
		func(r dss.Recipe) *object { return projectObject(names.KindRecipe, key, r.Name, r.Name) }); err != nil {
		return err
	}
	if err := listProjectKind(l, names.KindScenario, "scenarios of project "+key,
		func() ([]dss.Scenario, error) { return l.c.ListScenarios(ctx, key) },
		func(s dss.Scenario) *object {
			return &object{Kind: names.KindScenario, ID: key + "." + s.ID, nameParts: []string{key, s.ID}, Project: key}
		}); err != nil {
		return err
	}
	if err := listProjectKind(l, names.KindFlowZone, "flow zones of project "+key,
		func() ([]dss.FlowZone, error) { return l.c.ListFlowZones(ctx, key) },
		func(z dss.FlowZone) *object {
			o := &object{Kind: names.KindFlowZone, ID: key + "." + z.ID, nameParts: []string{key, cmp.Or(z.Name, z.ID)}, Project: key}
			if z.ID == dss.DefaultZoneID {
				o.Skip = "the default zone: DSS cannot delete it, and it holds every object no other zone holds"
			}
			return o
		}); err != nil {
		return err
	}
	if l.kinds[names.KindWikiArticle] || l.kinds[names.KindProjectWiki] {
		// The wiki's settings list every article's id and the home
		// article (1 request); an article's name would cost one more
		// request each. The wiki is adopted only when it has a home
		// article: without one it has nothing a configuration would set.
		wiki, err := call(l, func() (*dss.WikiSettings, error) { return dss.WikiSettingsDoc(key).Get(ctx, l.c) })
		if err != nil {
			if err := l.cannotSee("wiki of project "+key, err); err != nil {
				return err
			}
		}
		if wiki != nil && l.kinds[names.KindWikiArticle] {
			for _, id := range wiki.ArticleIDs() {
				l.add(&object{Kind: names.KindWikiArticle, ID: key + "/" + id, nameParts: []string{key, id}, Project: key, Ref: id})
			}
		}
		if wiki != nil && l.kinds[names.KindProjectWiki] && wiki.HomeArticleID != nil && *wiki.HomeArticleID != "" {
			l.add(&object{Kind: names.KindProjectWiki, ID: key, nameParts: []string{key, "wiki"}, Project: key})
		}
	}
	if l.kinds[names.KindExposedObject] || l.kinds[names.KindExecutionDefaults] {
		if err := l.listSettings(ctx, key); err != nil {
			return err
		}
	}
	if l.kinds[names.KindProjectGitRemote] {
		if err := l.listGitRemotes(ctx, key); err != nil {
			return err
		}
	}
	if l.kinds[names.KindProjectGitLibrary] {
		if err := l.listGitLibraries(ctx, key); err != nil {
			return err
		}
	}
	if l.kinds[names.KindProjectLibraryFile] {
		if err := l.listLibraryFiles(ctx, key); err != nil {
			return err
		}
	}
	if l.kinds[names.KindJupyterNotebook] {
		if err := l.listJupyterNotebooks(ctx, key); err != nil {
			return err
		}
	}
	if l.kinds[names.KindDataQualityRule] {
		// One request per dataset: sent side by side (within
		// maxInFlight), since they are most of the listing's requests.
		errs := make([]error, len(datasets))
		var wg sync.WaitGroup
		for i, d := range datasets {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = l.listRules(ctx, key, d.Name)
			}()
		}
		wg.Wait()
		return errors.Join(errs...)
	}
	return nil
}

// listProjectItself adds the project. A key that is not an instance
// administrator may see a project it cannot administer, and dataiku_project
// reads the project's grants, which need admin rights on it: such a project
// (permsErr, the answer to reading its grants, which listProject sends for
// such keys only) is listed as not adopted, with the reason, rather than
// given an import whose plan would fail the whole run. Its objects are
// still adopted, naming it literally.
func (l *lister) listProjectItself(key string, permsErr error) error {
	o := &object{Kind: names.KindProject, ID: key, nameParts: []string{key}, Project: key, Ref: key}
	if !l.info.Admin {
		switch {
		case dss.IsUnauthorized(permsErr):
			o.Skip = "this API key may not administer the project, and dataiku_project reads its grants (" + firstLine(permsErr.Error()) +
				"); adopt it with a key of one of its administrators"
		case permsErr != nil && !dss.IsNotFound(permsErr):
			return fmt.Errorf("listing the grants of project %s: %w", key, permsErr)
		}
	}
	l.add(o)
	return nil
}

// listGrants lists a project's grants (--grants) from perms, its
// permissions (permsErr the answer when they could not be read): an object
// per group or user they name, imported as PROJECT_KEY.group.NAME or
// PROJECT_KEY.user.LOGIN. An entry naming neither (or both) is listed as
// skipped: no import ID names it.
func (l *lister) listGrants(key string, perms *dss.ProjectPermissions, permsErr error) error {
	if permsErr != nil {
		return l.cannotSee("grants of project "+key+" (GET /projects/"+key+"/permissions)", permsErr)
	}
	seen := map[string]bool{}
	for _, g := range perms.Grants {
		who, name := "group", g.Group
		if g.User != "" {
			who, name = "user", g.User
		}
		id := key + "." + who + "." + name
		if seen[id] {
			continue // one resource per grantee, as the provider reads it
		}
		seen[id] = true
		o := &object{Kind: names.KindProjectGrant, ID: id, nameParts: []string{key, who, name}, Project: key}
		if (g.Group == "") == (g.User == "") {
			o.Skip = "an entry naming neither a group nor a user, or both: no import id can name it"
		}
		l.add(o)
	}
	return nil
}

// listSettings lists what a project's settings hold, with one request:
// the objects it shares with other projects (its exposedObjects entries)
// and its execution defaults, when one of them is not INHERIT (a project
// at DSS's defaults has nothing a configuration would set: adopting it
// would add a resource per project that says nothing).
func (l *lister) listSettings(ctx context.Context, key string) error {
	settings, err := call(l, func() (*dss.ProjectSettings, error) { return dss.ProjectSettingsDoc(key).Get(ctx, l.c) })
	if err != nil {
		return l.cannotSee("exposed objects and execution defaults of project "+key+" (its settings)", err)
	}
	if l.kinds[names.KindExecutionDefaults] && !settings.ExecutionDefaultsInherited() {
		l.add(&object{Kind: names.KindExecutionDefaults, ID: key, nameParts: []string{key, "execution_defaults"}, Project: key})
	}
	if !l.kinds[names.KindExposedObject] || settings.ExposedObjects == nil {
		return nil
	}
	seen := map[string]bool{}
	for _, e := range settings.ExposedObjects.Objects {
		id := key + "." + e.Type + "." + e.LocalName
		if seen[id] {
			continue // one resource per object, as the provider reads it
		}
		seen[id] = true
		o := &object{Kind: names.KindExposedObject, ID: id, nameParts: []string{key, "exposed", e.LocalName}, Project: key}
		if e.Type == "" || strings.ContainsAny(e.Type, ". \t\n") || e.LocalName == "" {
			o.Skip = "an entry without a type or local name, or whose type holds a dot or a space: no import id can name it"
		}
		l.add(o)
	}
	return nil
}

func (l *lister) listRules(ctx context.Context, key, dataset string) error {
	rules, err := call(l, func() ([]dss.DataQualityRule, error) { return l.c.ListDataQualityRules(ctx, key, dataset) })
	if err != nil {
		return l.cannotSee(fmt.Sprintf("data quality rules of dataset %s.%s", key, dataset), err)
	}
	for _, r := range rules {
		o := &object{Kind: names.KindDataQualityRule, ID: key + "." + dataset + "." + r.ID, nameParts: []string{key, dataset, cmp.Or(r.DisplayName, r.ID)}, Project: key}
		if strings.TrimSpace(r.ID) == "" || strings.Contains(r.ID, "/") {
			// DSS gives every rule an id; a document edited by hand may
			// lack one, and the import id (PROJECT.dataset.rule_id) then
			// names nothing: one such rule must not fail the adoption.
			o.nameParts = []string{key, dataset, cmp.Or(r.DisplayName, "rule")}
			o.Skip = "a data quality rule without an id (or with a slash in it): no import id can name it"
		}
		l.add(o)
	}
	return nil
}

// deployer is one of DSS's deployers as dss-adopt lists it: its kinds,
// each listed by one request, infrastructures first.
type deployer struct {
	name  string // "Project Deployer"
	kinds []deployerKind
}

type deployerKind struct {
	kind string
	// what names the list in messages.
	what string
	list func(c *dss.Client, ctx context.Context) ([]dss.DeployerLight, error)
	// object is the object an element of the list stands for.
	object func(x dss.DeployerLight) *object
}

// deployers are the Project and API Deployers. An infrastructure's admin
// keys are write-only: adopted like a LOCAL user's password, with the note
// that says to add them.
var deployers = []*deployer{
	{name: "Project Deployer", kinds: []deployerKind{
		{names.KindProjectDeployerInfra, "Project Deployer infrastructures (GET /project-deployer/infras)", (*dss.Client).ListInfras,
			func(x dss.DeployerLight) *object {
				o := &object{Kind: names.KindProjectDeployerInfra, ID: x.InfraBasicInfo.ID, nameParts: []string{x.InfraBasicInfo.ID}}
				o.WriteOnly = writeOnlyNote(o.Type(), "DSS does not give the automation node's admin API key back into a configuration")
				return o
			}},
		{names.KindPublishedProject, "published projects (GET /project-deployer/projects)", (*dss.Client).ListPublishedProjects,
			func(x dss.DeployerLight) *object {
				return &object{Kind: names.KindPublishedProject, ID: x.ProjectBasicInfo.ID, nameParts: []string{x.ProjectBasicInfo.ID}}
			}},
		{names.KindProjectDeployment, "project deployments (GET /project-deployer/deployments)", (*dss.Client).ListDeployments,
			func(x dss.DeployerLight) *object {
				return &object{Kind: names.KindProjectDeployment, ID: x.DeploymentBasicInfo.ID, nameParts: []string{x.DeploymentBasicInfo.ID}}
			}},
	}},
	{name: "API Deployer", kinds: []deployerKind{
		{names.KindAPIDeployerInfra, "API Deployer infrastructures (GET /api-deployer/infras)", (*dss.Client).ListAPIInfras,
			func(x dss.DeployerLight) *object {
				o := &object{Kind: names.KindAPIDeployerInfra, ID: x.InfraBasicInfo.ID, nameParts: []string{x.InfraBasicInfo.ID}}
				o.WriteOnly = writeOnlyNote(o.Type(), "DSS does not give the API nodes' admin API keys back into a configuration")
				return o
			}},
		{names.KindPublishedAPIService, "published API services (GET /api-deployer/services)", (*dss.Client).ListPublishedAPIServices,
			func(x dss.DeployerLight) *object {
				return &object{Kind: names.KindPublishedAPIService, ID: x.ServiceBasicInfo.ID, nameParts: []string{x.ServiceBasicInfo.ID}}
			}},
		{names.KindAPIDeployment, "API deployments (GET /api-deployer/deployments)", (*dss.Client).ListAPIDeployments,
			func(x dss.DeployerLight) *object {
				return &object{Kind: names.KindAPIDeployment, ID: x.DeploymentBasicInfo.ID, nameParts: []string{x.DeploymentBasicInfo.ID}}
			}},
	}},
}

// wanted reports whether --kinds names one of the deployer's kinds.
func (d *deployer) wanted(kinds map[string]bool) bool {
	for _, k := range d.kinds {
		if kinds[k.kind] {
			return true
		}
	}
	return false
}

// isNoDeployer reports whether err is DSS's answer on a node that does
// not run the deployer: the route is unknown there, a 404 (an automation
// node, or a design node whose deployer is remote). [I] dss-api*.md says
// nothing of it; the emulator's automation node answers so. Any other
// error (rights, network, a server error) is not this one.
func isNoDeployer(err error) bool {
	var apiErr *dss.APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound && dss.IsNotFound(err)
}

// listDeployer lists the kinds of d that --kinds names, one request each.
// When the node has no such deployer (its first list answers
// isNoDeployer), the run goes on without them and says so.
func (l *lister) listDeployer(ctx context.Context, d *deployer) error {
	for i, k := range d.kinds {
		if !l.kinds[k.kind] && i > 0 {
			continue
		}
		// The infrastructures' list is sent even when --kinds leaves them
		// out: it tells whether the node runs the deployer at all.
		items, err := call(l, func() ([]dss.DeployerLight, error) { return k.list(l.c, ctx) })
		if isNoDeployer(err) {
			l.mu.Lock()
			l.noDeployer = append(l.noDeployer, fmt.Sprintf("no %s on this node (%s: %s): its objects are not adopted", d.name, k.what, firstLine(err.Error())))
			l.mu.Unlock()
			return nil
		}
		if err != nil {
			if err := l.cannotSee(k.what, err); err != nil {
				return err
			}
			continue
		}
		if !l.kinds[k.kind] {
			continue
		}
		for _, x := range items {
			if o := k.object(x); o.ID != "" {
				l.add(o)
			}
		}
	}
	return nil
}

// writeOnlyNote says which write-only attributes of typ (adoptinfo, which
// the provider's tests check against the schemas) the user must add, and
// why this object needs them.
func writeOnlyNote(typ, why string) string {
	var attrs []string
	for _, a := range adoptinfo.AfterImport()[typ] {
		if !a.WriteOnly {
			continue
		}
		if a.Version != "" {
			attrs = append(attrs, a.Name+" and "+a.Version)
		} else {
			attrs = append(attrs, a.Name)
		}
	}
	return fmt.Sprintf("%s (%s; until then DSS keeps the value it holds)", strings.Join(attrs, ", "), why)
}
