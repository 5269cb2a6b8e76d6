package emulator

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// ProjectKeyPattern is the accepted project key syntax, the rule the
// provider checks too (internal/dss/names): letters, digits, underscores,
// and no length limit, as DSS documents none.
var ProjectKeyPattern = names.ProjectKeyPattern

// DefaultProjectStatus is settings.projectStatus of a new project. [I]
var DefaultProjectStatus = ""

// nowMillis is the clock (replaceable in tests).
var nowMillis = func() int64 { return time.Now().UnixMilli() }

// sortTags returns tags sorted and de-duplicated when v is a list of
// strings; anything else is returned unchanged.
func sortTags(v any) any {
	list, ok := v.([]any)
	if !ok {
		return v
	}
	strs := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return v
		}
		strs = append(strs, s)
	}
	slices.Sort(strs)
	out := make([]any, 0, len(strs))
	for _, s := range slices.Compact(strs) {
		out = append(out, s)
	}
	return out
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := []string{}
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// mergeDocs deep-merges src over dst (maps merged recursively, anything
// else replaced). Both are modified/consumed; pass copies.
func mergeDocs(dst, src map[string]any) map[string]any {
	for k, v := range src {
		if sm, ok := v.(map[string]any); ok {
			if dm, ok := dst[k].(map[string]any); ok {
				dst[k] = mergeDocs(dm, sm)
				continue
			}
		}
		dst[k] = v
	}
	return dst
}

func defaultProjectSettings() map[string]any {
	return map[string]any{
		"projectStatus": DefaultProjectStatus,
		"settings": map[string]any{
			"codeEnvs": map[string]any{
				"python": map[string]any{"mode": "INHERIT", "useBuiltinEnv": true},
				"r":      map[string]any{"mode": "INHERIT", "useBuiltinEnv": true},
			},
			"container": map[string]any{"containerMode": "INHERIT"},
		},
		"exposedObjects": map[string]any{"objects": []any{}},
	}
}

// projectSummary is the GET /projects/{k} and list-item shape. [I] beyond projectKey.
func projectSummary(p *Project) map[string]any {
	md := p.Metadata
	tags := sortTags(deepCopy(md["tags"]))
	if tags == nil {
		tags = []any{}
	}
	status, _ := p.Settings["projectStatus"].(string)
	return map[string]any{
		"projectKey":    p.ProjectKey,
		"name":          md["label"],
		"description":   md["description"],
		"shortDesc":     md["shortDesc"],
		"tags":          tags,
		"ownerLogin":    projectOwner(p),
		"projectStatus": status,
		"creationTag": map[string]any{
			"versionNumber":  0,
			"lastModifiedBy": map[string]any{"login": p.CreatedBy},
			"lastModifiedOn": p.CreatedOn,
		},
	}
}

func (s *Server) handleListProjects(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	want := queryList(r, "tags")
	withLoc := queryBool(r, "includeLocation", false)
	out := []any{}
	_ = s.read(func(st *State) error {
		for _, k := range sortedKeys(st.Projects) {
			p := st.Projects[k]
			if !canAccess(p, c, AccessRead) {
				continue
			}
			if len(want) > 0 && !hasAnyTag(stringList(p.Metadata["tags"]), want) {
				continue
			}
			item := projectSummary(p)
			if withLoc {
				item["projectFolderId"] = p.FolderID // [I] field name
			}
			out = append(out, item)
		}
		return nil
	})
	writeJSON(w, http.StatusOK, out)
}

// hasAnyTag: the tags filter keeps projects with at least one listed tag. [I]
func hasAnyTag(have, want []string) bool {
	for _, h := range have {
		for _, x := range want {
			if h == x {
				return true
			}
		}
	}
	return false
}

// checkProjectKey is DSS's refusal, if any, of key as a new project's key.
func checkProjectKey(key string) *APIError {
	if key == "" {
		return errIllegalArgument("Missing projectKey")
	}
	if !ProjectKeyPattern.MatchString(key) {
		return newError(StatusInvalidKey, ErrTypeIllegalArgument, "Invalid project key: "+key)
	}
	return nil
}

// newProjectKeyAndName reads a new project's key and name from body, at
// keyField and nameField (a create's, a duplication's target), and answers
// DSS's refusal of a bad key or, with missingName, of an empty name.
func newProjectKeyAndName(w http.ResponseWriter, body map[string]any, keyField, nameField, missingName string) (key, name string, ok bool) {
	key, _ = body[keyField].(string)
	name, _ = body[nameField].(string)
	if err := checkProjectKey(key); err != nil {
		writeErr(w, err)
		return "", "", false
	}
	if name == "" {
		illegalArgument(w, missingName)
		return "", "", false
	}
	return key, name, true
}

// checkNewProject is DSS's refusal, if any, of c creating project key in
// folder folderID (a create or a bundle's import).
func checkNewProject(st *State, c *Caller, key, folderID string) *APIError {
	if !mayCreateProjects(st, c) {
		return newError(http.StatusForbidden, ErrTypeSecurity, MsgMayNotCreateProj)
	}
	if _, exists := st.Projects[key]; exists {
		return newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Project %s already exists", key))
	}
	if _, ok := st.Folders[folderID]; !ok {
		return errNotFound(fmt.Sprintf("Project folder %s does not exist", folderID))
	}
	return nil
}

func (s *Server) handleCreateProject(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	key, name, ok := newProjectKeyAndName(w, body, "projectKey", "name", "Missing project name")
	if !ok {
		return
	}
	owner, _ := body["owner"].(string)
	owner = cmp.Or(owner, c.Login)
	var description any = ""
	if d, ok := body["description"].(string); ok {
		description = d
	} else if body["description"] != nil {
		illegalArgument(w, "description must be a string")
		return
	}
	settings := defaultProjectSettings()
	if v := body["settings"]; v != nil {
		m, ok := v.(map[string]any)
		if !ok {
			illegalArgument(w, "settings must be an object")
			return
		}
		settings = mergeDocs(settings, copyDoc(m))
	}
	perms := []any{}
	if v := body["permissions"]; v != nil {
		l, ok := v.([]any)
		if !ok {
			illegalArgument(w, "permissions must be an array")
			return
		}
		perms, _ = deepCopy(l).([]any) // a copy of a []any is a []any
	}
	tags := []any{}
	if v := body["tags"]; v != nil {
		l, ok := v.([]any)
		if !ok {
			illegalArgument(w, "tags must be an array")
			return
		}
		for _, t := range l {
			if _, ok := t.(string); !ok {
				illegalArgument(w, "tags must be strings")
				return
			}
		}
		tags, _ = sortTags(deepCopy(l)).([]any) // sortTags keeps the []any
	}
	folderID := cmp.Or(r.URL.Query().Get("projectFolderId"), RootFolderID)
	err := s.mutate(func(st *State) error {
		if err := checkNewProject(st, c, key, folderID); err != nil {
			return err
		}
		st.Projects[key] = &Project{
			ProjectKey: key,
			FolderID:   folderID,
			CreatedOn:  nowMillis(),
			CreatedBy:  c.Login,
			Metadata: map[string]any{
				"label":        name,
				"description":  description,
				"shortDesc":    "",
				"tags":         tags,
				"checklists":   map[string]any{"checklists": []any{}},
				"custom":       map[string]any{"kv": map[string]any{}},
				"customFields": map[string]any{},
			},
			Permissions: map[string]any{
				"owner":                    owner,
				"permissions":              perms,
				"dashboardAuthorizations":  map[string]any{"allAuthorized": false, "authorizations": []any{}},
				"additionalDashboardUsers": map[string]any{"users": []any{}},
			},
			Variables:      map[string]any{"standard": map[string]any{}, "local": map[string]any{}},
			Settings:       settings,
			TagRegistry:    map[string]any{"tags": map[string]any{}},
			Datasets:       map[string]map[string]any{},
			ManagedFolders: map[string]map[string]any{},
		}
		ensureMLObjects(st.Projects[key])
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	// [I] Real DSS answers text that dataikuapi ignores; we answer JSON.
	writeJSON(w, http.StatusOK, map[string]any{"msg": "Created project " + key, "projectKey": key})
}

func (s *Server) handleGetProject(w http.ResponseWriter, r *http.Request) {
	s.answerInProject(w, r, s.read, AccessRead, func(p *Project) (any, error) {
		return projectSummary(p), nil
	})
}

func (s *Server) handleDeleteProject(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	key := r.PathValue("projectKey")
	// Flags are accepted (case-insensitive) but have no effect: there is no data.
	flags := map[string]any{
		"clearManagedDatasets":      queryBool(r, "clearManagedDatasets", false),
		"clearOutputManagedFolders": queryBool(r, "clearOutputManagedFolders", false),
		"clearJobAndScenarioLogs":   queryBool(r, "clearJobAndScenarioLogs", true),
		"wait":                      queryBool(r, "wait", true),
	}
	err := s.mutate(func(st *State) error {
		if _, err := s.projectForCaller(st, c, key, AccessAdmin); err != nil {
			return err
		}
		delete(st.Projects, key)
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	// A completed future (dss-api.md §1.8).
	writeJSON(w, http.StatusOK, map[string]any{
		"hasResult": true,
		"result":    map[string]any{"msg": "Deleted project " + key, "options": flags},
		"msg":       "Deleted project " + key,
	})
}

// docField selects one of a project's raw documents.
type docField struct {
	name  string
	get   func(p *Project) map[string]any
	set   func(p *Project, m map[string]any)
	read  Access
	write Access
	fix   func(m map[string]any, old *Project) *APIError // optional normalisation/validation on PUT
	// authorize, when set, decides who may PUT this document beyond the
	// write access level (which is then only the access needed to see
	// the project).
	authorize func(s *Server, c *Caller, p *Project, doc map[string]any) *APIError
}

func (s *Server) docFields() []docField {
	return []docField{
		{name: "metadata", read: AccessRead, write: AccessWrite,
			get: func(p *Project) map[string]any { return p.Metadata },
			set: func(p *Project, m map[string]any) { p.Metadata = m },
			fix: func(m map[string]any, _ *Project) *APIError {
				if t, ok := m["tags"]; ok && t != nil {
					if _, ok := t.([]any); !ok {
						return errIllegalArgument("metadata.tags must be an array")
					}
					m["tags"] = sortTags(t)
				}
				return nil
			}},
		{name: "permissions", read: PermissionsReadAccess, write: AccessAdmin,
			get: func(p *Project) map[string]any { return p.Permissions },
			set: func(p *Project, m map[string]any) { p.Permissions = m },
			fix: func(m map[string]any, old *Project) *APIError {
				if o, ok := m["owner"]; !ok || o == nil || o == "" {
					m["owner"] = projectOwner(old) // [I] keep the owner when omitted
				} else if _, ok := o.(string); !ok {
					return errIllegalArgument("permissions.owner must be a string")
				}
				if v, ok := m["permissions"]; !ok || v == nil {
					m["permissions"] = []any{}
				} else if _, ok := v.([]any); !ok {
					return errIllegalArgument("permissions.permissions must be an array")
				}
				return nil
			}},
		{name: "variables", read: AccessRead, write: AccessWrite,
			get: func(p *Project) map[string]any { return p.Variables },
			set: func(p *Project, m map[string]any) { p.Variables = m }},
		// Write access for the settings, the exposed-elements permission
		// for their exposedObjects (exposed.go).
		{name: "settings", read: AccessRead, write: AccessRead,
			get:       func(p *Project) map[string]any { return p.Settings },
			set:       func(p *Project, m map[string]any) { p.Settings = m },
			authorize: (*Server).authorizeSettingsPut},
		{name: "tags", read: AccessRead, write: AccessWrite,
			get: func(p *Project) map[string]any { return p.TagRegistry },
			set: func(p *Project, m map[string]any) { p.TagRegistry = m }},
	}
}

func (s *Server) handleGetDoc(f docField) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := callerFrom(r.Context())
		key := r.PathValue("projectKey")
		var out map[string]any
		err := s.read(func(st *State) error {
			p, err := s.projectForCaller(st, c, key, f.read)
			if err != nil {
				return err
			}
			out = copyDoc(f.get(p))
			return nil
		})
		if err != nil {
			writeErr(w, err)
			return
		}
		writeJSON(w, http.StatusOK, out)
	}
}

func (s *Server) handlePutDoc(f docField) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := callerFrom(r.Context())
		key := r.PathValue("projectKey")
		body, ok := decodeObject(w, r)
		if !ok {
			return
		}
		err := s.mutate(func(st *State) error {
			p, err := s.projectForCaller(st, c, key, f.write)
			if err != nil {
				return err
			}
			doc := copyDoc(body)
			if f.authorize != nil {
				if err := f.authorize(s, c, p, doc); err != nil {
					return err
				}
			}
			if f.fix != nil {
				if err := f.fix(doc, p); err != nil {
					return err
				}
			}
			f.set(p, doc)
			return nil
		})
		if err != nil {
			writeErr(w, err)
			return
		}
		writeMsg(w, fmt.Sprintf("Updated %s of project %s", f.name, key))
	}
}
