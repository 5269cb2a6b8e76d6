package emulator

import (
	"fmt"
	"net/http"
	"slices"
)

// Project Standards (DSS 14): the check specs DSS knows, the checks an
// administrator made of them, and the scopes that say which projects run
// which checks. Paths and bodies are dataikuapi's [V]
// (dss/project_standards.py: list_check_specs, create_checks (POST
// checks/actions/import {checkSpecElementTypes}, answering the created
// checks), get/list/save/delete of checks (PUT answers the saved check),
// create/get/list/save/delete/reorder of scopes, get_default_scope).
//
// [I] the rest:
//   - the catalogue of specs is a fixed, built-in one (DSS's come from
//     plugins; these element types, labels and default params are
//     invented, in DSS's "<plugin id>_<component id>" form);
//   - a check's id is 8 letters and digits; an import creates one check
//     per element type, named after its spec's label, with the spec's
//     description and default params, no tag; an unknown element type
//     refuses the whole import and creates nothing;
//   - a PUT of a check saves name, description, checkParams and tags; its
//     id and element type are DSS's and stay; keys the emulator does not
//     know are stored as sent (as for scopes);
//   - deleting a check removes it from every scope's checks;
//   - a scope's name is its id (the path's, fixed at creation); a new
//     scope goes last among the non-default ones; its checks must exist;
//     its selection method is BY_PROJECT, BY_FOLDER or BY_TAG (ALL is the
//     default scope's); the three selection lists are stored, [] when not
//     sent;
//   - the default scope (named "default", selection ALL) is always last:
//     it cannot be deleted or reordered, and its PUT saves only its
//     checks;
//   - reorder's index counts the list without the scope (dataikuapi's
//     docstring [V]); one beyond it is refused;
//   - reads are open to every user, writes need an administrator.

// DefaultProjectStandardsScope is the name of the default scope [I].
const DefaultProjectStandardsScope = "default"

// projectStandardsSelections are the selection methods a non-default
// scope may have, each with the key of its list [V: create_scope].
var projectStandardsSelections = map[string]string{
	"BY_PROJECT": "selectedProjects",
	"BY_FOLDER":  "selectedFolders",
	"BY_TAG":     "selectedTags",
}

// ProjectStandardsCheckSpecs is the emulator's catalogue of check specs
// [I: invented, see above].
var ProjectStandardsCheckSpecs = []map[string]any{
	{"elementType": "pstd-builtin_project-description", "label": "Project has a description",
		"description": "Fails when the project's short or long description is empty.", "ownerPluginId": "pstd-builtin",
		"defaultParams": map[string]any{"requireLongDescription": false}},
	{"elementType": "pstd-builtin_code-recipes-in-git", "label": "Code recipes use Git libraries",
		"description": "Fails when a code recipe holds code that is not in a Git-backed library.", "ownerPluginId": "pstd-builtin",
		"defaultParams": map[string]any{"allowedRecipeTypes": []any{}}},
	{"elementType": "pstd-builtin_max-datasets", "label": "Maximum number of datasets",
		"description": "Fails when the Flow holds more datasets than the threshold.", "ownerPluginId": "pstd-builtin",
		"defaultParams": map[string]any{"threshold": 100, "severity": 3}},
	{"elementType": "pstd-builtin_scenario-reporters", "label": "Scenarios report their failures",
		"description": "Fails when an active scenario has no reporter on failure.", "ownerPluginId": "pstd-builtin",
		"defaultParams": map[string]any{}},
}

// ProjectStandardsState is what the emulator holds of Project Standards.
type ProjectStandardsState struct {
	// Checks keyed by id: {id, name, description, checkElementType,
	// checkParams, tags}.
	Checks map[string]map[string]any `json:"checks"`
	// Scopes in order, the default scope last.
	Scopes []map[string]any `json:"scopes"`
	// LastReports: each project's last report of a run of its scope's
	// checks (projectstandards_run.go), keyed by project key.
	LastReports map[string]map[string]any `json:"lastReports,omitempty"`
}

// projectStandards is the state's Project Standards, made on first use
// (under the write lock) with the default scope.
func (st *State) projectStandards() *ProjectStandardsState {
	if st.ProjectStandards == nil {
		st.ProjectStandards = &ProjectStandardsState{Checks: map[string]map[string]any{}}
	}
	ps := st.ProjectStandards
	if ps.Checks == nil {
		ps.Checks = map[string]map[string]any{}
	}
	if len(ps.Scopes) == 0 || ps.Scopes[len(ps.Scopes)-1]["selectionMethod"] != "ALL" {
		ps.Scopes = append(ps.Scopes, map[string]any{
			"name": DefaultProjectStandardsScope, "description": "The scope of projects no other scope selects.",
			"selectionMethod": "ALL", "checks": []any{},
			"selectedProjects": []any{}, "selectedFolders": []any{}, "selectedTags": []any{},
		})
	}
	return ps
}

func (s *Server) projectStandardsRoutes() {
	s.projectStandardsRunRoutes()
	s.handle("GET /project-standards/check-specs", s.handleListCheckSpecs)
	s.handle("POST /project-standards/checks/actions/import", s.adminOnly(s.handleImportChecks))
	s.handle("GET /project-standards/checks", s.handleListChecks)
	s.handle("GET /project-standards/checks/{id}", s.handleGetCheck)
	s.handle("PUT /project-standards/checks/{id}", s.adminOnly(s.handlePutCheck))
	s.handle("DELETE /project-standards/checks/{id}", s.adminOnly(s.handleDeleteCheck))
	s.handle("GET /project-standards/scopes", s.handleListScopes)
	s.handle("GET /project-standards/default-scope", s.handleGetDefaultScope)
	s.handle("GET /project-standards/scopes/{id}", s.handleGetScope)
	s.handle("POST /project-standards/scopes/{id}", s.adminOnly(s.handleCreateScope))
	s.handle("PUT /project-standards/scopes/{id}", s.adminOnly(s.handlePutScope))
	s.handle("DELETE /project-standards/scopes/{id}", s.adminOnly(s.handleDeleteScope))
	s.handle("POST /project-standards/scopes/{id}/actions/reorder", s.adminOnly(s.handleReorderScope))
}

func checkSpec(elementType string) map[string]any {
	for _, spec := range ProjectStandardsCheckSpecs {
		if spec["elementType"] == elementType {
			return spec
		}
	}
	return nil
}

func (s *Server) handleListCheckSpecs(w http.ResponseWriter, _ *http.Request) {
	out := []any{}
	for _, spec := range ProjectStandardsCheckSpecs {
		out = append(out, map[string]any{"elementType": spec["elementType"], "label": spec["label"],
			"description": spec["description"], "ownerPluginId": spec["ownerPluginId"]})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleImportChecks(w http.ResponseWriter, r *http.Request) {
	s.answerWriteObject(w, r, func(st *State, body map[string]any) (any, error) {
		types, isList := body["checkSpecElementTypes"].([]any)
		if !isList {
			return nil, errIllegalArgument("checkSpecElementTypes must be a list of element types")
		}
		var specs []map[string]any
		for _, t := range types {
			typ, _ := t.(string)
			spec := checkSpec(typ)
			if spec == nil {
				return nil, errIllegalArgument(fmt.Sprintf("Unknown check spec: %v", t))
			}
			specs = append(specs, spec)
		}
		ps := st.projectStandards()
		out := []any{}
		for _, spec := range specs {
			id := randomID(8)
			for ps.Checks[id] != nil {
				id = randomID(8)
			}
			d := map[string]any{"id": id, "name": spec["label"], "description": spec["description"],
				"checkElementType": spec["elementType"], "checkParams": deepCopy(spec["defaultParams"]), "tags": []any{}}
			ps.Checks[id] = d
			out = append(out, copyDoc(d))
		}
		return out, nil
	})
}

// findCheck is a check, or its not-found.
func findCheck(st *State, _ *Caller, id string) (map[string]any, *APIError) {
	if ps := st.ProjectStandards; ps != nil && ps.Checks[id] != nil {
		return ps.Checks[id], nil
	}
	return nil, errNotFound(fmt.Sprintf("Project Standards check %s does not exist", id))
}

func (s *Server) handleListChecks(w http.ResponseWriter, _ *http.Request) {
	s.answerRead(w, func(st *State) (any, error) {
		out := []any{}
		if ps := st.ProjectStandards; ps != nil {
			for _, id := range sortedKeys(ps.Checks) {
				out = append(out, copyDoc(ps.Checks[id]))
			}
		}
		return out, nil
	})
}

func (s *Server) handleGetCheck(w http.ResponseWriter, r *http.Request) {
	answerFound(s, w, r, false, findCheck, func(_ *State, _ string, d map[string]any) (any, error) { return copyDoc(d), nil })
}

func (s *Server) handlePutCheck(w http.ResponseWriter, r *http.Request) {
	changeFound(s, w, r, findCheck, func(_ *State, _ string, d map[string]any, body map[string]any) (any, error) {
		name, _ := body["name"].(string)
		if name == "" {
			return nil, errIllegalArgument("A check needs a name")
		}
		params, isObject := body["checkParams"].(map[string]any)
		if body["checkParams"] != nil && !isObject {
			return nil, errIllegalArgument("checkParams must be an object")
		}
		if params == nil {
			params = map[string]any{}
		}
		keepUnknownKeys(d, body, "id", "checkElementType")
		d["name"] = name
		d["description"], _ = body["description"].(string)
		d["checkParams"] = deepCopy(params)
		d["tags"] = anyList(stringList(body["tags"]))
		return copyDoc(d), nil
	})
}

func (s *Server) handleDeleteCheck(w http.ResponseWriter, r *http.Request) {
	answerFound(s, w, r, true, findCheck, func(st *State, id string, _ map[string]any) (any, error) {
		ps := st.projectStandards()
		delete(ps.Checks, id)
		for _, scope := range ps.Scopes {
			scope["checks"] = anyList(slices.DeleteFunc(stringList(scope["checks"]), func(c string) bool { return c == id }))
		}
		return map[string]any{}, nil
	})
}

// findScope is a scope and its place, or its not-found.
func findScope(st *State, name string) (int, *APIError) {
	if ps := st.ProjectStandards; ps != nil {
		for i, scope := range ps.Scopes {
			if scope["name"] == name {
				return i, nil
			}
		}
	}
	if name == DefaultProjectStandardsScope {
		return -1, nil // made on first write; read as the default
	}
	return -1, errNotFound(fmt.Sprintf("Project Standards scope %s does not exist", name))
}

// defaultScopeDoc is the default scope as a read sees it, also before
// anything made it.
func defaultScopeDoc(st *State) map[string]any {
	if ps := st.ProjectStandards; ps != nil && len(ps.Scopes) > 0 {
		return copyDoc(ps.Scopes[len(ps.Scopes)-1])
	}
	tmp := &State{}
	return copyDoc(tmp.projectStandards().Scopes[0])
}

func (s *Server) handleListScopes(w http.ResponseWriter, _ *http.Request) {
	s.answerRead(w, func(st *State) (any, error) {
		out := []any{}
		if ps := st.ProjectStandards; ps != nil {
			for _, scope := range ps.Scopes[:max(len(ps.Scopes)-1, 0)] {
				out = append(out, copyDoc(scope))
			}
		}
		return append(out, defaultScopeDoc(st)), nil
	})
}

func (s *Server) handleGetDefaultScope(w http.ResponseWriter, _ *http.Request) {
	s.answerRead(w, func(st *State) (any, error) { return defaultScopeDoc(st), nil })
}

func (s *Server) handleGetScope(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("id")
	s.answerRead(w, func(st *State) (any, error) {
		i, apiErr := findScope(st, name)
		if apiErr != nil {
			return nil, apiErr
		}
		if i < 0 {
			return defaultScopeDoc(st), nil
		}
		return copyDoc(st.ProjectStandards.Scopes[i]), nil
	})
}

// existingChecks is a scope's list of check ids, each of which must
// exist.
func existingChecks(st *State, v any) ([]string, *APIError) {
	checks := stringList(v)
	for _, c := range checks {
		if st.projectStandards().Checks[c] == nil {
			return nil, errIllegalArgument(fmt.Sprintf("Project Standards check %s does not exist", c))
		}
	}
	return checks, nil
}

// scopeFromBody checks a scope's body and copies what a scope holds into
// d: description, checks (which must exist), the selection method and
// its lists.
func scopeFromBody(st *State, body, d map[string]any) *APIError {
	checks, apiErr := existingChecks(st, body["checks"])
	if apiErr != nil {
		return apiErr
	}
	method, _ := body["selectionMethod"].(string)
	if _, known := projectStandardsSelections[method]; !known {
		return errIllegalArgument(fmt.Sprintf("Invalid selection method %v: expected BY_PROJECT, BY_FOLDER or BY_TAG", body["selectionMethod"]))
	}
	keepUnknownKeys(d, body, "name")
	d["description"], _ = body["description"].(string)
	d["checks"] = anyList(checks)
	d["selectionMethod"] = method
	for _, key := range projectStandardsSelections {
		d[key] = anyList(stringList(body[key]))
	}
	return nil
}

// keepUnknownKeys copies into d the keys of body that are not fixed (the
// object's own, which the caller sets) [I: DSS stores the object it is
// sent].
func keepUnknownKeys(d, body map[string]any, fixed ...string) {
	for k, v := range body {
		if !slices.Contains(fixed, k) {
			d[k] = deepCopy(v)
		}
	}
}

func (s *Server) handleCreateScope(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("id")
	s.answerWriteObject(w, r, func(st *State, body map[string]any) (any, error) {
		ps := st.projectStandards()
		if i, _ := findScope(st, name); i >= 0 || name == DefaultProjectStandardsScope {
			return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Project Standards scope %s already exists", name))
		}
		if name == "" {
			return nil, errIllegalArgument("A scope needs a name")
		}
		d := map[string]any{"name": name}
		if apiErr := scopeFromBody(st, body, d); apiErr != nil {
			return nil, apiErr
		}
		ps.Scopes = slices.Insert(ps.Scopes, len(ps.Scopes)-1, d)
		return copyDoc(d), nil
	})
}

func (s *Server) handlePutScope(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("id")
	s.answerWriteObject(w, r, func(st *State, body map[string]any) (any, error) {
		ps := st.projectStandards()
		i, apiErr := findScope(st, name)
		if apiErr != nil {
			return nil, apiErr
		}
		d := ps.Scopes[i]
		if d["selectionMethod"] == "ALL" {
			// The default scope: only its checks change.
			checks, apiErr := existingChecks(st, body["checks"])
			if apiErr != nil {
				return nil, apiErr
			}
			d["checks"] = anyList(checks)
			return copyDoc(d), nil
		}
		next := copyDoc(d)
		if apiErr := scopeFromBody(st, body, next); apiErr != nil {
			return nil, apiErr
		}
		ps.Scopes[i] = next
		return copyDoc(next), nil
	})
}

// findMovableScope is findScope for a delete or a reorder (done), which
// the default scope refuses.
func findMovableScope(st *State, name, done string) (int, *APIError) {
	if name == DefaultProjectStandardsScope {
		return -1, errIllegalArgument("The default scope cannot be " + done)
	}
	return findScope(st, name)
}

func (s *Server) handleDeleteScope(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("id")
	s.answerWrite(w, func(st *State) (any, error) {
		i, apiErr := findMovableScope(st, name, "deleted")
		if apiErr != nil {
			return nil, apiErr
		}
		ps := st.projectStandards()
		ps.Scopes = slices.Delete(ps.Scopes, i, i+1)
		return map[string]any{}, nil
	})
}

func (s *Server) handleReorderScope(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("id")
	s.answerWriteObject(w, r, func(st *State, body map[string]any) (any, error) {
		i, apiErr := findMovableScope(st, name, "reordered")
		if apiErr != nil {
			return nil, apiErr
		}
		ps := st.projectStandards()
		index, isNumber := numberOf(body["index"])
		others := len(ps.Scopes) - 2 // the non-default scopes but this one
		if !isNumber || index != float64(int(index)) || index < 0 || int(index) > others {
			return nil, errIllegalArgument(fmt.Sprintf("Invalid index %v: expected 0 to %d", body["index"], others))
		}
		d := ps.Scopes[i]
		ps.Scopes = slices.Insert(slices.Delete(ps.Scopes, i, i+1), int(index), d)
		return map[string]any{}, nil
	})
}
