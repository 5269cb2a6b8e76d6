package emulator

// Project bundles: exported on a design node, imported and activated on an
// automation node (dataikuapi dss/project.py "Bundles").
//
// A bundle is a snapshot of the project taken when it is exported: its
// datasets, managed folders, recipes, scenarios, flow zones, saved models
// and the other Flow objects, its variables and settings. A later change
// to the project does not alter an exported bundle. What a bundle leaves
// out: data (DSS may include some datasets' data, on request), the
// project's permissions and owner (the automation node keeps its own),
// its git history, notebooks and wikis, which the emulator does not model.
//
// [I] The archive: DSS exports a zip; the emulator's "archive" is a JSON
// document {bundleId, projectKey, exportManifest, project}, where project
// is the project as the state file stores it. The import endpoints accept
// that document as the request body (DSS takes a multipart zip upload).

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"sort"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// NodeType is what GET /instance-info reports and which routes a node
// serves: a design node exports bundles and runs the Project Deployer, an
// automation node imports and activates them.
const (
	NodeDesign     = "DESIGN"
	NodeAutomation = "AUTOMATION"
)

// BundleIDPattern is the bundle id syntax (internal/dss/names).
var BundleIDPattern = names.BundleIDPattern

func (s *Server) nodeType() string {
	if s.opts.NodeType == "" {
		return NodeDesign
	}
	return s.opts.NodeType
}

func (s *Server) bundleRoutes() {
	if s.nodeType() == NodeAutomation {
		s.handle("GET /projects/{projectKey}/bundles/imported", s.handleListImportedBundles)
		s.handle("POST /projects/{projectKey}/bundles/imported/actions/importFromStream", s.handleImportBundle)
		s.handle("POST /projectsFromBundle", s.handleProjectFromBundle)
		s.handle("POST /projects/{projectKey}/bundles/imported/{bundleId}/actions/activate", s.handleActivateBundle)
		s.handle("DELETE /projects/{projectKey}/bundles/imported/{bundleId}", s.handleDeleteImportedBundle)
		return
	}
	s.handle("GET /projects/{projectKey}/bundles/exported", s.handleListExportedBundles)
	s.handle("PUT /projects/{projectKey}/bundles/exported/{bundleId}", s.handleExportBundle)
	s.handle("GET /projects/{projectKey}/bundles/exported/{bundleId}/archive", s.handleGetBundleArchive)
	s.handle("DELETE /projects/{projectKey}/bundles/exported/{bundleId}", s.handleDeleteExportedBundle)
	s.handle("POST /projects/{projectKey}/bundles/{bundleId}/publish", s.handlePublishBundle)
	s.apiDesignerRoutes()
	s.deployerRoutes()
}

// projectSnapshot is what a bundle holds of p: p without its bundles,
// permissions and code studios (users' workspaces, not the Flow [I]), as
// a JSON document.
func projectSnapshot(p *Project) map[string]any {
	q := copyProject(p)
	q.ExportedBundles, q.ImportedBundles, q.CodeStudios = nil, nil, nil
	q.Git = nil // a bundle, and a duplicate, start a repository of their own [I]
	q.Permissions = nil
	snap, _ := deepCopy(q).(map[string]any) // a struct round-trips to a map
	return snap
}

// bundleSummary is a bundle as the lists show it, without its snapshot.
func bundleSummary(b map[string]any) map[string]any {
	out := map[string]any{}
	for field, v := range b {
		if field != "project" {
			out[field] = deepCopy(v)
		}
	}
	return out
}

func (s *Server) handleListExportedBundles(w http.ResponseWriter, r *http.Request) {
	s.listBundles(w, r, exportedBundles)
}

// listBundles answers a project's list of exported or imported bundles
// (bundles picks which), one summary each in id order.
func (s *Server) listBundles(w http.ResponseWriter, r *http.Request, bundles func(*Project) map[string]map[string]any) {
	s.answerInProject(w, r, s.read, AccessRead, func(p *Project) (any, error) {
		out, held := []any{}, bundles(p)
		for _, id := range sortedKeys(held) {
			out = append(out, bundleSummary(held[id]))
		}
		return map[string]any{"bundles": out}, nil // [I] DSS answers {"bundles": [...]}.
	})
}

// PUT /projects/{k}/bundles/exported/{id}: exports a bundle under a new id.
// [I] An id already exported is refused (DSS: "bundle already exists").
func (s *Server) handleExportBundle(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	key, id := r.PathValue("projectKey"), r.PathValue("bundleId")
	if !BundleIDPattern.MatchString(id) {
		illegalArgument(w, fmt.Sprintf("Invalid bundle id %q: it must %s", id, names.BundleIDRule))
		return
	}
	s.answerInProject(w, r, s.mutate, AccessAdmin, func(p *Project) (any, error) {
		if _, dup := p.ExportedBundles[id]; dup {
			return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Bundle %s already exists in project %s", id, key))
		}
		b := map[string]any{
			"bundleId":   id,
			"projectKey": key,
			"exportManifest": map[string]any{
				"exportUserInfo": map[string]any{"login": c.Login},
				"exportedOn":     nowMillis(),
				"releaseNotes":   r.URL.Query().Get("releaseNotes"),
			},
			"publishedOn":         nil,
			"publishedProjectKey": nil,
			"project":             projectSnapshot(p),
		}
		ensureMap(&p.ExportedBundles)
		p.ExportedBundles[id] = b
		return bundleSummary(b), nil
	})
}

// GET .../exported/{id}/archive: the emulator's archive (see above).
func (s *Server) handleGetBundleArchive(w http.ResponseWriter, r *http.Request) {
	s.answerBundle(w, r, s.read, AccessRead, exportedBundles, func(_ *State, _ *Project, _ string, b map[string]any) (any, error) {
		return copyDoc(b), nil
	})
}

// exportedBundles and importedBundles are a project's bundles of each
// side, for listBundles and onBundle.
func exportedBundles(p *Project) map[string]map[string]any { return p.ExportedBundles }
func importedBundles(p *Project) map[string]map[string]any { return p.ImportedBundles }

// answerBundle runs fn, under lock (s.read or s.mutate), on the bundle
// the path's {bundleId} names among bundles(p), p being the project the
// path names, on which the caller needs need, and answers what fn
// returns; a bundle missing there is DSS's not-found.
func (s *Server) answerBundle(w http.ResponseWriter, r *http.Request, lock func(func(*State) error) error, need Access,
	bundles func(p *Project) map[string]map[string]any, fn func(st *State, p *Project, id string, b map[string]any) (any, error),
) {
	c := callerFrom(r.Context())
	answerLocked(w, lock, func(st *State) (any, error) {
		p, err := s.projectForCaller(st, c, r.PathValue("projectKey"), need)
		if err != nil {
			return nil, err
		}
		id := r.PathValue("bundleId")
		b, ok := bundles(p)[id]
		if !ok {
			return nil, errBundleMissing(p.ProjectKey, id)
		}
		return fn(st, p, id, b)
	})
}

func errBundleMissing(key, id string) *APIError {
	return errNotFound(fmt.Sprintf("Bundle %s does not exist in project %s", id, key))
}

func (s *Server) handleDeleteExportedBundle(w http.ResponseWriter, r *http.Request) {
	s.answerBundle(w, r, s.mutate, AccessAdmin, exportedBundles, func(_ *State, p *Project, id string, _ map[string]any) (any, error) {
		p.ExportedBundles = withoutDoc(p.ExportedBundles, id)
		return map[string]any{}, nil
	})
}

// ---- automation node ----

func (s *Server) handleListImportedBundles(w http.ResponseWriter, r *http.Request) {
	s.listBundles(w, r, importedBundles)
}

// readArchive reads the emulator's bundle archive from the body.
func readArchive(w http.ResponseWriter, r *http.Request) (map[string]any, string, bool) {
	b, ok := decodeObject(w, r)
	if !ok {
		return nil, "", false
	}
	id, _ := b["bundleId"].(string)
	if _, isObj := b["project"].(map[string]any); !isObj || !BundleIDPattern.MatchString(id) {
		illegalArgument(w, "Not a bundle archive: it needs a bundleId and a project")
		return nil, "", false
	}
	return b, id, true
}

// importInto records archive b as imported into p (a copy of p's map).
func importInto(p *Project, id string, b map[string]any) *APIError {
	if _, dup := p.ImportedBundles[id]; dup {
		return newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Bundle %s is already imported in project %s", id, p.ProjectKey))
	}
	m := make(map[string]map[string]any, len(p.ImportedBundles)+1)
	maps.Copy(m, p.ImportedBundles)
	imp := copyDoc(b)
	imp["importedOn"] = nowMillis()
	imp["activated"] = false
	m[id] = imp
	p.ImportedBundles = m
	return nil
}

func (s *Server) handleImportBundle(w http.ResponseWriter, r *http.Request) {
	b, id, ok := readArchive(w, r)
	if !ok {
		return
	}
	s.answerInProject(w, r, s.mutate, AccessAdmin, func(p *Project) (any, error) {
		if err := importInto(p, id, b); err != nil {
			return nil, err
		}
		return map[string]any{"bundleId": id, "projectKey": r.PathValue("projectKey")}, nil
	})
}

// POST /projectsFromBundle?projectFolderId=&projectKey=: a new project
// holding the imported (not yet activated) bundle. [I] projectKey is the
// emulator's way to deploy under another key (the deployer's
// deployedProjectKey); without it the bundle's project key is used.
func (s *Server) handleProjectFromBundle(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	b, id, ok := readArchive(w, r)
	if !ok {
		return
	}
	key := r.URL.Query().Get("projectKey")
	if key == "" {
		key, _ = b["projectKey"].(string)
	}
	if err := checkProjectKey(key); err != nil {
		writeErr(w, err)
		return
	}
	folderID := cmp.Or(r.URL.Query().Get("projectFolderId"), RootFolderID)
	snap, _ := b["project"].(map[string]any)
	s.answerWrite(w, func(st *State) (any, error) {
		if err := checkNewProject(st, c, key, folderID); err != nil {
			return nil, err
		}
		label, _ := deepGet(snap, "metadata", "label").(string)
		label = cmp.Or(label, key)
		p := &Project{
			ProjectKey: key, FolderID: folderID, CreatedOn: nowMillis(), CreatedBy: c.Login,
			Metadata: map[string]any{"label": label, "description": "", "shortDesc": "", "tags": []any{},
				"checklists": map[string]any{"checklists": []any{}}, "custom": map[string]any{"kv": map[string]any{}}, "customFields": map[string]any{}},
			Permissions: map[string]any{"owner": c.Login, "permissions": []any{},
				"dashboardAuthorizations":  map[string]any{"allAuthorized": false, "authorizations": []any{}},
				"additionalDashboardUsers": map[string]any{"users": []any{}}},
			Variables:   map[string]any{"standard": map[string]any{}, "local": map[string]any{}},
			Settings:    defaultProjectSettings(),
			TagRegistry: map[string]any{"tags": map[string]any{}},
		}
		ensureCollections(p)
		if err := importInto(p, id, b); err != nil {
			return nil, err
		}
		st.Projects[key] = p
		s.touch(key)
		return map[string]any{"projectKey": key, "bundleId": id}, nil
	})
}

func deepGet(m map[string]any, path ...string) any {
	var cur any = m
	for _, k := range path {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = mm[k]
	}
	return cur
}

// connectionRemapping reads the project's connection remappings, kept in
// its settings as a deployment writes them:
// settings.bundleContainerSettings.remapping.connections [{source, target}].
// [I] DSS keeps them in the automation project's bundle settings.
func connectionRemapping(p *Project) map[string]string {
	return remapPairs(deepGet(p.Settings, "bundleContainerSettings", "remapping", "connections"))
}

// remapPairs reads a remapping list, [{source, target}] as DSS's import
// settings and bundle settings have it, as a map from source to target;
// entries missing either are ignored.
func remapPairs(v any) map[string]string {
	out := map[string]string{}
	list, _ := v.([]any)
	for _, e := range list {
		m, _ := e.(map[string]any)
		src, _ := m["source"].(string)
		dst, _ := m["target"].(string)
		if src != "" && dst != "" {
			out[src] = dst
		}
	}
	return out
}

// remapConnection replaces params.connection in doc through remap and
// returns the connection it then uses ("" when none).
func remapConnection(doc map[string]any, remap map[string]string) string {
	params, _ := doc["params"].(map[string]any)
	if params == nil {
		return ""
	}
	conn, _ := params["connection"].(string)
	if to, ok := remap[conn]; ok {
		params["connection"] = to
		conn = to
	}
	return conn
}

// POST .../imported/{id}/actions/activate: the project takes the bundle's
// Flow (datasets, managed folders, recipes, scenarios, zones, ML objects)
// and standard variables, with the project's connection remappings
// applied; its local variables, permissions and owner stay. Activation is
// refused when a dataset or managed folder would use a connection this
// node does not have. [I] DSS answers a report; the emulator answers it
// too, and refuses with a CodedException (HTTP 400) on a fatal error.
func (s *Server) handleActivateBundle(w http.ResponseWriter, r *http.Request) {
	s.answerBundle(w, r, s.mutate, AccessAdmin, importedBundles, func(st *State, p *Project, id string, b map[string]any) (any, error) {
		raw, _ := json.Marshal(b["project"])
		snap := &Project{}
		if err := decodeNumber(raw, snap); err != nil {
			return nil, newError(http.StatusInternalServerError, ErrTypeRuntime, "Corrupt bundle "+id+": "+err.Error())
		}
		remap := connectionRemapping(p)
		var missing []string
		check := func(kind, name string, doc map[string]any) {
			conn := remapConnection(doc, remap)
			if conn != "" && st.Connections[conn] == nil {
				missing = append(missing, fmt.Sprintf("%s %s uses connection %s, which does not exist on this node", kind, name, conn))
			}
		}
		for _, n := range sortedKeys(snap.Datasets) {
			check("dataset", n, snap.Datasets[n])
		}
		for _, n := range sortedKeys(snap.ManagedFolders) {
			check("managed folder", n, snap.ManagedFolders[n])
		}
		for _, n := range sortedKeys(snap.StreamingEndpoints) {
			check("streaming endpoint", n, snap.StreamingEndpoints[n])
		}
		if len(missing) != 0 {
			sort.Strings(missing)
			// [I] Every missing connection is named, so that one fix
			// covers them all rather than one per deployment update.
			msg := "Failed to activate bundle " + id + ": " + strings.Join(missing, "; ")
			return nil, newError(http.StatusBadRequest, ErrTypeCoded, msg)
		}
		p.Datasets, p.ManagedFolders, p.Recipes = snap.Datasets, snap.ManagedFolders, snap.Recipes
		p.Scenarios, p.Zones, p.DataQuality = snap.Scenarios, snap.Zones, snap.DataQuality
		p.SavedModels, p.EvaluationStores, p.KnowledgeBanks, p.LabelingTasks = snap.SavedModels, snap.EvaluationStores, snap.KnowledgeBanks, snap.LabelingTasks
		p.StreamingEndpoints, p.RetrievalAugmentedLLMs, p.Agents, p.AgentTools = snap.StreamingEndpoints, snap.RetrievalAugmentedLLMs, snap.Agents, snap.AgentTools
		ensureCollections(p)
		vars := copyDoc(p.Variables)
		vars["standard"] = deepCopy(snap.Variables["standard"])
		if vars["standard"] == nil {
			vars["standard"] = map[string]any{}
		}
		p.Variables = vars
		m := make(map[string]map[string]any, len(p.ImportedBundles))
		for bid, v := range p.ImportedBundles {
			v = copyDoc(v)
			v["activated"] = bid == id
			m[bid] = v
		}
		p.ImportedBundles = m
		return operationMessages(), nil
	})
}

func (s *Server) handleDeleteImportedBundle(w http.ResponseWriter, r *http.Request) {
	s.answerBundle(w, r, s.mutate, AccessAdmin, importedBundles, func(_ *State, p *Project, id string, b map[string]any) (any, error) {
		if b["activated"] == true {
			return nil, errIllegalArgument(fmt.Sprintf("Bundle %s is the active bundle of project %s", id, p.ProjectKey))
		}
		p.ImportedBundles = withoutDoc(p.ImportedBundles, id)
		return map[string]any{}, nil
	})
}
