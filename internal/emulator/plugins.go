package emulator

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Plugins (issue 29; dataikuapi dssclient.py and dss/plugin.py [V] for the
// paths and bodies). What DSS answers is mostly [I]: dataikuapi only says
// that the list's items hold at least an id, that installs, updates and
// deletes answer futures, that listUsages answers {usages, missingTypes}
// and that the settings document holds config, codeEnvName, presets and
// parameterSets.
//
// Where an install comes from, in the emulator:
//   - the store: a catalog seeded through POST /_emulator/plugins/store
//     (PluginStoreEntry); installFromStore installs the catalog's version,
//     as DSS installs the store's current one (no version is asked for
//     [V]);
//   - git: gitRepositoryUrl is a local directory (file:///dir or /dir)
//     holding one sub-directory per checkout (the emulator runs no git
//     [I]); gitSubpath is a path inside it; plugin.json there describes
//     the plugin;
//   - a zip: the multipart field "file", with plugin.json at its root or in
//     its one top-level directory.
//
// plugin.json (and a catalog entry) holds id, version, meta, and
// codeEnv (true when the plugin declares a Python code env [I]). An
// install whose source fails (no plugin.json, a checkout that does not
// exist, an entry with failLog) starts a future that fails with the log
// and changes nothing. Installs take the code-env build time.

// PluginStoreEntry is one plugin of the emulated store's catalog.
type PluginStoreEntry struct {
	ID      string         `json:"id"`
	Version string         `json:"version"`
	Meta    map[string]any `json:"meta,omitempty"`
	CodeEnv bool           `json:"codeEnv,omitempty"`
	// FailLog, when set, makes installs and updates of this entry fail
	// with this build log.
	FailLog string `json:"failLog,omitempty"`
}

// pluginDesc is what a source describes: plugin.json or a catalog entry.
type pluginDesc struct {
	ID      string         `json:"id"`
	Version string         `json:"version"`
	Meta    map[string]any `json:"meta"`
	CodeEnv bool           `json:"codeEnv"`
	failLog string
}

func (s *Server) pluginRoutes() {
	s.handle("GET /plugins", s.handleListPlugins)
	s.handle("POST /plugins/actions/installFromStore", s.pluginWriter(s.handleInstallFromStore))
	s.handle("POST /plugins/actions/installFromGit", s.pluginWriter(s.handleInstallFromGit))
	s.handle("POST /plugins/actions/future/installFromZip", s.pluginWriter(s.handleInstallFromZip))
	s.handle("POST /plugins/{id}/actions/updateFromStore", s.pluginWriter(s.handleInstallFromStore))
	s.handle("POST /plugins/{id}/actions/updateFromGit", s.pluginWriter(s.handleInstallFromGit))
	s.handle("POST /plugins/{id}/actions/future/updateFromZip", s.pluginWriter(s.handleInstallFromZip))
	s.handle("GET /plugins/{id}/actions/listUsages", s.pluginWriter(s.handlePluginUsages))
	s.handle("POST /plugins/{id}/actions/delete", s.pluginWriter(s.handleDeletePlugin))
	s.handle("GET /plugins/{id}/settings", s.handleGetPluginSettings)
	s.handle("POST /plugins/{id}/settings", s.pluginWriter(s.handleSavePluginSettings))
	s.handle("POST /plugins/{id}/code-env/actions/create", s.pluginWriter(s.handlePluginCodeEnv(true)))
	s.handle("POST /plugins/{id}/code-env/actions/update", s.pluginWriter(s.handlePluginCodeEnv(false)))
}

// mayManagePlugins: administrators and members of a group that may develop
// plugins (dss/plugin.py's notes [V]).
func mayManagePlugins(st *State, c *Caller) bool {
	if c.IsAdmin {
		return true
	}
	for _, g := range c.Groups {
		if d := st.Groups[g]; d != nil && d["mayDevelopPlugins"] == true {
			return true
		}
	}
	return false
}

// pluginWriter refuses callers who may not manage plugins.
func (s *Server) pluginWriter(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := callerFrom(r.Context())
		ok := false
		_ = s.read(func(st *State) error { ok = mayManagePlugins(st, c); return nil })
		if !ok {
			writeError(w, s.opts.UnauthorizedStatus, ErrTypeUnauthorized, "Action forbidden: you may not manage plugins")
			return
		}
		h(w, r)
	}
}

func errPluginMissing(id string) *APIError {
	return errNotFound("Plugin not found: " + id)
}

// pluginListItem is a plugin as GET /plugins/ lists it: everything but
// its settings [I].
func pluginListItem(doc map[string]any) map[string]any {
	out := copyDoc(doc)
	delete(out, "settings")
	return out
}

func (s *Server) handleListPlugins(w http.ResponseWriter, _ *http.Request) {
	s.answerList(w, plugins, func(_ string, d map[string]any) any { return pluginListItem(d) })
}

// pluginResult is a finished install's, update's or delete's result:
// DSS's messages [I], with the build log as the failure's details.
func pluginResult(title, failLog string) map[string]any {
	failed := failLog != ""
	m := map[string]any{"severity": "INFO", "title": title, "message": title}
	if failed {
		m = map[string]any{"severity": "ERROR", "title": title + " failed", "message": firstLine(failLog), "details": failLog}
	}
	return map[string]any{"messages": operationMessages(m)}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// startPluginFuture answers a plugin operation with its future: the change
// is already made (or, on failure, not made at all).
func (s *Server) startPluginFuture(w http.ResponseWriter, title, failLog string) {
	writeJSON(w, http.StatusOK, s.futures.start(s.CodeEnvBuildTime(), pluginResult(title, failLog), false))
}

// installPlugin installs or updates (id set: the plugin the path names)
// the plugin desc describes, recording where it came from.
func (s *Server) installPlugin(w http.ResponseWriter, r *http.Request, desc *pluginDesc, from map[string]any) {
	updating := r.PathValue("id")
	title := "Plugin installation"
	if updating != "" {
		title = "Plugin update"
	}
	if desc.failLog != "" {
		s.startPluginFuture(w, title, desc.failLog)
		return
	}
	failLog := ""
	err := s.mutate(func(st *State) error {
		old := st.Plugins[desc.ID]
		switch {
		case updating != "" && st.Plugins[updating] == nil:
			return errPluginMissing(updating)
		case updating != "" && desc.ID != updating:
			failLog = fmt.Sprintf("The source holds plugin %q, not %q", desc.ID, updating)
			return nil
		case updating == "" && old != nil:
			return errIllegalArgument("Plugin already installed: " + desc.ID + " (update it instead)")
		}
		doc := map[string]any{"id": desc.ID, "version": desc.Version, "isDev": false, "meta": deepCopy(desc.Meta),
			"codeEnv": desc.CodeEnv, "installedFrom": from,
			"settings": map[string]any{"config": map[string]any{}, "codeEnvName": "", "presets": []any{}, "parameterSets": []any{}}}
		if doc["meta"] == nil {
			doc["meta"] = map[string]any{}
		}
		if old != nil {
			doc["settings"] = old["settings"]
		}
		st.Plugins[desc.ID] = doc
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	s.startPluginFuture(w, title, failLog)
}

func (s *Server) handleInstallFromStore(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if id == "" {
		body, ok := decodeObject(w, r)
		if !ok {
			return
		}
		id, _ = body["pluginId"].(string)
		if id == "" {
			illegalArgument(w, "pluginId is required")
			return
		}
	}
	var entry *PluginStoreEntry
	_ = s.read(func(st *State) error {
		if e, ok := st.PluginStore[id]; ok {
			entry = &e
		}
		return nil
	})
	if entry == nil {
		s.startPluginFuture(w, "Plugin installation", "Plugin "+id+" not found in the plugin store")
		return
	}
	s.installPlugin(w, r, &pluginDesc{ID: entry.ID, Version: entry.Version, Meta: entry.Meta, CodeEnv: entry.CodeEnv, failLog: entry.FailLog},
		map[string]any{"kind": "STORE"})
}

func (s *Server) handleInstallFromGit(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	url, _ := body["gitRepositoryUrl"].(string)
	checkout, _ := body["gitCheckout"].(string)
	subpath, _ := body["gitSubpath"].(string)
	if url == "" {
		illegalArgument(w, "gitRepositoryUrl is required")
		return
	}
	checkout = cmp.Or(checkout, "master")
	desc := gitPluginDesc(url, checkout, subpath)
	s.installPlugin(w, r, desc, map[string]any{"kind": "GIT", "gitRepositoryUrl": url, "gitCheckout": checkout, "gitSubpath": subpath})
}

// gitPluginDesc reads plugin.json of checkout/subpath in the local
// directory url names.
func gitPluginDesc(url, checkout, subpath string) *pluginDesc {
	dir := strings.TrimPrefix(url, "file://")
	if !filepath.IsAbs(dir) {
		return &pluginDesc{failLog: "fatal: repository '" + url + "' not found (the emulator serves git sources from local directories only)"}
	}
	tree := filepath.Join(dir, filepath.FromSlash(checkout))
	if st, err := os.Stat(tree); err != nil || !st.IsDir() || strings.Contains(checkout, "..") {
		return &pluginDesc{failLog: "error: pathspec '" + checkout + "' did not match any file(s) known to git\nFailed to checkout " + checkout}
	}
	if strings.Contains(subpath, "..") {
		return &pluginDesc{failLog: "Invalid subpath " + subpath}
	}
	raw, err := os.ReadFile(filepath.Join(tree, filepath.FromSlash(subpath), "plugin.json"))
	if err != nil {
		return &pluginDesc{failLog: "No plugin.json found in " + url + " at " + checkout + ":" + subpath}
	}
	return parsePluginJSON(raw)
}

func parsePluginJSON(raw []byte) *pluginDesc {
	var d pluginDesc
	if err := json.Unmarshal(raw, &d); err != nil {
		return &pluginDesc{failLog: "Invalid plugin.json: " + err.Error()}
	}
	if d.ID == "" {
		return &pluginDesc{failLog: "Invalid plugin.json: no id"}
	}
	return &d
}

// maxPluginZip bounds an uploaded plugin archive.
const maxPluginZip = 32 << 20

func (s *Server) handleInstallFromZip(w http.ResponseWriter, r *http.Request) {
	data, _, ok := readUploadedFile(w, r)
	if !ok {
		return
	}
	s.installPlugin(w, r, zipPluginDesc(data), map[string]any{"kind": "ZIP"})
}

// readUploadedFile reads the multipart field "file" dataikuapi uploads an
// archive in (a plugin, an API service package), at most maxPluginZip
// bytes, with its file name; on a bad upload it answers DSS's error and
// ok is false.
func readUploadedFile(w http.ResponseWriter, r *http.Request) (data []byte, filename string, ok bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxPluginZip)
	f, hdr, err := r.FormFile("file")
	if err != nil {
		illegalArgument(w, "Expected a multipart upload with a \"file\" field: "+err.Error())
		return nil, "", false
	}
	defer f.Close()
	data, err = io.ReadAll(f)
	if err != nil {
		illegalArgument(w, "Cannot read the upload: "+err.Error())
		return nil, "", false
	}
	return data, hdr.Filename, true
}

// zipPluginDesc reads plugin.json at the root of the archive or in its one
// top-level directory.
func zipPluginDesc(data []byte) *pluginDesc {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &pluginDesc{failLog: "Invalid plugin archive: " + err.Error()}
	}
	for _, f := range zr.File {
		name := strings.TrimPrefix(f.Name, "./")
		if name == "plugin.json" || (strings.Count(name, "/") == 1 && strings.HasSuffix(name, "/plugin.json")) {
			rc, err := f.Open()
			if err != nil {
				return &pluginDesc{failLog: "Invalid plugin archive: " + err.Error()}
			}
			raw, err := io.ReadAll(io.LimitReader(rc, 1<<20))
			_ = rc.Close()
			if err != nil {
				return &pluginDesc{failLog: "Invalid plugin archive: " + err.Error()}
			}
			return parsePluginJSON(raw)
		}
	}
	return &pluginDesc{failLog: "Invalid plugin archive: no plugin.json at its root"}
}

// pluginUsages are the usages seeded for id, as listUsages answers them.
func pluginUsages(st *State, id string) map[string]any {
	usages := []any{}
	for _, u := range st.PluginUsages[id] {
		usages = append(usages, deepCopy(u))
	}
	return map[string]any{"usages": usages, "missingTypes": []any{}}
}

// plugins are the installed plugins, for answerOn.
var plugins = instanceObjects{
	docs:    func(st *State) map[string]map[string]any { return st.Plugins },
	missing: errPluginMissing,
}

func (s *Server) handlePluginUsages(w http.ResponseWriter, r *http.Request) {
	s.answerOn(w, r, plugins, false, func(st *State, id string, _ map[string]any) (any, error) {
		return pluginUsages(st, id), nil
	})
}

// handleDeletePlugin: with usages and without force the future fails,
// listing them [I]; otherwise the plugin goes, with its settings.
func (s *Server) handleDeletePlugin(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	force, _ := body["force"].(bool)
	id := r.PathValue("id")
	failLog := ""
	err := s.mutate(func(st *State) error {
		if st.Plugins[id] == nil {
			return errPluginMissing(id)
		}
		if u := st.PluginUsages[id]; len(u) > 0 && !force {
			b, _ := json.Marshal(u)
			failLog = fmt.Sprintf("Plugin %s is in use (%d usages): %s", id, len(u), b)
			return nil
		}
		delete(st.Plugins, id)
		delete(st.PluginUsages, id)
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	s.startPluginFuture(w, "Plugin deletion", failLog)
}

// presetUsableBy: a preset's permissions [{group, use}] and its
// defaultPermission {use} [I from dss/plugin.py's preset fields].
func presetUsableBy(preset map[string]any, c *Caller) bool {
	if dp, _ := preset["defaultPermission"].(map[string]any); dp["use"] == true {
		return true
	}
	perms, _ := preset["permissions"].([]any)
	for _, p := range perms {
		pm, _ := p.(map[string]any)
		g, _ := pm["group"].(string)
		for _, cg := range c.Groups {
			if g == cg && pm["use"] == true {
				return true
			}
		}
	}
	return false
}

// GET /plugins/{id}/settings: the whole document for those who may manage
// plugins; others see only the presets they may use [I].
func (s *Server) handleGetPluginSettings(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	s.answerOn(w, r, plugins, false, func(st *State, _ string, p map[string]any) (any, error) {
		settings, _ := p["settings"].(map[string]any)
		out := copyDoc(settings)
		if !mayManagePlugins(st, c) {
			presets, _ := out["presets"].([]any)
			kept := []any{}
			for _, pr := range presets {
				if pm, _ := pr.(map[string]any); presetUsableBy(pm, c) {
					kept = append(kept, pr)
				}
			}
			out["presets"] = kept
		}
		return out, nil
	})
}

// POST /plugins/{id}/settings replaces the document; presets need a name
// and a type, unique names [I].
func (s *Server) handleSavePluginSettings(w http.ResponseWriter, r *http.Request) {
	changeFound(s, w, r, plugins.find, func(_ *State, _ string, p map[string]any, body map[string]any) (any, error) {
		presets, _ := body["presets"].([]any)
		seen := map[string]bool{}
		for _, pr := range presets {
			pm, _ := pr.(map[string]any)
			name, _ := pm["name"].(string)
			typ, _ := pm["type"].(string)
			if name == "" || typ == "" {
				return nil, errIllegalArgument("A preset needs a name and a type")
			}
			if seen[typ+"/"+name] {
				return nil, errIllegalArgument("Duplicate preset " + name + " of type " + typ)
			}
			seen[typ+"/"+name] = true
		}
		p["settings"] = copyDoc(body)
		return map[string]any{}, nil
	})
}

// handlePluginCodeEnv creates or updates the plugin's code env: a
// PLUGIN_MANAGED env named plugin_<id> [I], recorded in the settings.
func (s *Server) handlePluginCodeEnv(create bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if create {
			if _, ok := decodeObject(w, r); !ok {
				return
			}
		}
		id := r.PathValue("id")
		name := "plugin_" + id
		err := s.mutate(func(st *State) error {
			p := st.Plugins[id]
			if p == nil {
				return errPluginMissing(id)
			}
			if p["codeEnv"] != true {
				return errIllegalArgument("Plugin " + id + " has no code env")
			}
			key := codeEnvKey("PYTHON", name)
			if create {
				if st.CodeEnvs[key] != nil {
					return errIllegalArgument("Code env already exists: " + name)
				}
				st.CodeEnvs[key] = map[string]any{"envLang": "PYTHON", "envName": name, "deploymentMode": "PLUGIN_MANAGED",
					"desc": map[string]any{"owner": callerFrom(r.Context()).Login, "usableByAll": true}, "specPackageList": ""}
				settings, _ := p["settings"].(map[string]any)
				if settings != nil {
					settings["codeEnvName"] = name
				}
			} else if st.CodeEnvs[key] == nil {
				return errIllegalArgument("Plugin " + id + " has no code env yet: create it first")
			}
			return nil
		})
		if err != nil {
			writeErr(w, err)
			return
		}
		writeJSON(w, http.StatusOK, s.futures.start(s.CodeEnvBuildTime(), map[string]any{"envName": name,
			"messages": operationMessages(map[string]any{"severity": "INFO", "title": "Code env built", "message": "Code env " + name + " built"})}, false))
	}
}

// SetPluginStore replaces the emulated store's catalog.
func (s *Server) SetPluginStore(entries []PluginStoreEntry) error {
	for _, e := range entries {
		if e.ID == "" || e.Version == "" {
			return fmt.Errorf("a store entry needs an id and a version")
		}
	}
	return s.mutate(func(st *State) error {
		st.PluginStore = map[string]PluginStoreEntry{}
		for _, e := range entries {
			st.PluginStore[e.ID] = e
		}
		return nil
	})
}

// SetPluginUsages sets what listUsages answers for plugin id: items
// {elementKind, elementType, objectId, objectType, projectKey} [V
// DSSPluginUsage]; none clears them.
func (s *Server) SetPluginUsages(id string, usages []map[string]any) error {
	return s.mutate(func(st *State) error {
		if len(usages) == 0 {
			delete(st.PluginUsages, id)
			return nil
		}
		list := make([]any, len(usages))
		for i, u := range usages {
			list[i] = copyDoc(u)
		}
		st.PluginUsages[id] = list
		return nil
	})
}

// servePluginControl handles /_emulator/plugins/store (PUT or POST: the
// catalog, a list of PluginStoreEntry; GET: it) and
// /_emulator/plugins/{id}/usages (PUT or POST: a list of usages).
func (s *Server) servePluginControl(w http.ResponseWriter, r *http.Request) bool {
	base := ControlPrefix + "/plugins/"
	rest, ok := strings.CutPrefix(r.URL.Path, base)
	if !ok {
		return false
	}
	write := r.Method == http.MethodPut || r.Method == http.MethodPost
	switch {
	case rest == "store" && r.Method == http.MethodGet:
		var out []PluginStoreEntry
		_ = s.read(func(st *State) error {
			for _, e := range st.PluginStore {
				out = append(out, e)
			}
			return nil
		})
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		writeJSON(w, http.StatusOK, out)
	case rest == "store" && write:
		setFromControl(w, r, s.SetPluginStore, "store catalog", "Plugin store set")
		return true
	case strings.HasSuffix(rest, "/usages") && write:
		var usages []map[string]any
		if !decodeBody(w, r, &usages) {
			return true
		}
		if err := s.SetPluginUsages(strings.TrimSuffix(rest, "/usages"), usages); err != nil {
			writeErr(w, err)
			return true
		}
		writeMsg(w, "Plugin usages set")
	default:
		return false
	}
	return true
}
