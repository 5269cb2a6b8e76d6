package emulator

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
)

// POST /projects/{projectKey}/duplicate/ (dataikuapi DSSProject.duplicate):
// a new project holding a copy of the source's Flow definitions (datasets,
// managed folders, recipes, scenarios, zones, ML objects), settings and
// variables, under the target key.
//
// [I] What the emulator chooses where nothing documents DSS's behaviour:
//   - rights: read on the source and the right to create projects (the
//     same refusals as a project creation, checkNewProject);
//   - the copy's owner is the caller, and it keeps the source's grants
//     (as a project import does); its name is targetProjectName, its
//     other metadata (descriptions, tags, checklists) the source's;
//   - remapping has the shape of a project import's settings
//     ({connections: [{source, target}]}), applied to the datasets' and
//     managed folders' params.connection;
//   - documents naming their project (a projectKey field equal to the
//     source's key) name the copy; "${projectKey}" in text stays as is;
//   - no data is copied (the emulator holds none), whatever the mode;
//   - any non-empty duplicationMode is accepted: dataikuapi names four
//     (names.DuplicationModes), but nothing says DSS refuses another, and
//     a newer DSS may add one, which the emulator alone would refuse; a
//     mode that is not a string, or is empty, is refused;
//   - the answer is {sourceProjectKey, targetProjectKey} (dataikuapi
//     documents "the original and duplicated project's keys"; Dataiku.jl
//     reads targetProjectKey).
func (s *Server) handleDuplicateProject(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	src := r.PathValue("projectKey")
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	key, name, ok := newProjectKeyAndName(w, body, "targetProjectKey", "targetProjectName", "Missing targetProjectName")
	if !ok {
		return
	}
	if v, ok := body["duplicationMode"]; ok && v != nil {
		if m, _ := v.(string); m == "" {
			raw, _ := json.Marshal(v)
			illegalArgument(w, fmt.Sprintf("Invalid duplicationMode: %s", raw))
			return
		}
	}
	remap := remapPairs(deepGet(body, "remapping", "connections"))
	folderID, _ := body["targetProjectFolderId"].(string)
	folderID = cmp.Or(folderID, RootFolderID)
	s.answerWrite(w, func(st *State) (any, error) {
		p, err := s.projectForCaller(st, c, src, AccessRead)
		if err != nil {
			return nil, err
		}
		if err := checkNewProject(st, c, key, folderID); err != nil {
			return nil, err
		}
		q, cerr := duplicateOf(p, key, remap)
		if cerr != nil {
			return nil, newError(http.StatusInternalServerError, ErrTypeRuntime, "Failed to duplicate project "+src+": "+cerr.Error())
		}
		q.FolderID, q.CreatedOn, q.CreatedBy = folderID, nowMillis(), c.Login
		q.Metadata["label"] = name
		q.Permissions["owner"] = c.Login
		st.Projects[key] = q
		s.touch(key)
		return map[string]any{"sourceProjectKey": src, "targetProjectKey": key}, nil
	})
}

// duplicateOf is a copy of p under key, made through the state's JSON
// form: every projectKey field naming p names the copy, and the datasets
// and managed folders use the connections remap gives. Bundles, API
// services and Git library state stay with the source.
func duplicateOf(p *Project, key string, remap map[string]string) (*Project, error) {
	doc := projectSnapshot(p) // without bundles and permissions
	rekey(doc, p.ProjectKey, key)
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	q := &Project{}
	if err := decodeNumber(raw, q); err != nil {
		return nil, err
	}
	q.ProjectKey = key
	q.APIServices, q.APIPackages, q.GitLibraryState = nil, nil, nil
	q.Permissions = copyDoc(p.Permissions)
	ensureCollections(q)
	for _, docs := range []map[string]map[string]any{q.Datasets, q.ManagedFolders} {
		for _, d := range docs {
			remapConnection(d, remap)
		}
	}
	return q, nil
}

// rekey replaces, anywhere in v, a projectKey field equal to from by to.
func rekey(v any, from, to string) {
	switch x := v.(type) {
	case map[string]any:
		for field, e := range x {
			if field == "projectKey" && e == from {
				x[field] = to
				continue
			}
			rekey(e, from, to)
		}
	case []any:
		for _, e := range x {
			rekey(e, from, to)
		}
	}
}
