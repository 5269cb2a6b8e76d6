package emulator

import (
	"fmt"
	"net/http"
	"slices"
)

// User-defined meanings (Administration > Meanings), on the instance.
// Paths and bodies are dataikuapi's [V] (dssclient.py list_meanings,
// create_meaning; dss/meaning.py get/set_definition, "requires an API key
// with admin rights" for the writes). dataikuapi has no delete, so the
// emulator registers none: DELETE /meanings/{id} is answered as any
// unknown route is (404, no such API endpoint). [I] the rest: a meaning is
// stored as the definition last written; the list answers every whole
// definition, sorted by id; reading (list, GET) is open to every valid
// key, as schema columns name meanings for every user; a missing id is a
// 404; an id taken is refused as other admin objects' duplicates (400
// IllegalArgumentException); an unknown type or normalization mode is
// refused; the POST fills DSS's defaults (normalizationMode EXACT [V:
// "Defaults to 'EXACT'"], detectable false [V], entries and mappings []
// [I]) where the body holds null; a PUT stores the definition as sent (a
// whole document [V]), so a definition without entries stays so.

// meaningTypes are create_meaning's admissible types [V].
var meaningTypes = []string{"DECLARATIVE", "VALUES_LIST", "VALUES_MAPPING", "PATTERN"}

// meaningNormalizationModes are the modes the docstring lists [V].
var meaningNormalizationModes = []string{"EXACT", "LOWERCASE", "NORMALIZED"}

func (s *Server) meaningRoutes() {
	s.handle("GET /meanings", s.handleListMeanings)
	s.handle("POST /meanings", s.adminOnly(s.handleCreateMeaning))
	s.handle("GET /meanings/{id}", s.handleGetMeaning)
	s.handle("PUT /meanings/{id}", s.adminOnly(s.handlePutMeaning))
}

// meanings are the instance's meanings, for answerOn.
var meanings = instanceObjects{
	docs:    func(st *State) map[string]map[string]any { return st.Meanings },
	missing: func(id string) *APIError { return errNotFound(fmt.Sprintf("Meaning %s does not exist", id)) },
}

func (s *Server) handleListMeanings(w http.ResponseWriter, _ *http.Request) {
	s.answerRead(w, func(st *State) (any, error) {
		out := []any{}
		for _, id := range sortedKeys(st.Meanings) {
			out = append(out, copyDoc(st.Meanings[id]))
		}
		return out, nil
	})
}

func (s *Server) handleGetMeaning(w http.ResponseWriter, r *http.Request) {
	s.answerOn(w, r, meanings, false, func(_ *State, _ string, d map[string]any) (any, error) {
		return copyDoc(d), nil
	})
}

// checkMeaning refuses a definition whose type or normalization mode DSS
// would not know, or whose lists are not lists of objects.
func checkMeaning(d map[string]any) *APIError {
	typ, _ := d["type"].(string)
	if !slices.Contains(meaningTypes, typ) {
		return errIllegalArgument(fmt.Sprintf("Unknown meaning type: %v", d["type"]))
	}
	if m := d["normalizationMode"]; m != nil {
		if mode, _ := m.(string); !slices.Contains(meaningNormalizationModes, mode) {
			return errIllegalArgument(fmt.Sprintf("Unknown normalization mode: %v", m))
		}
	}
	for _, k := range []string{"entries", "mappings"} {
		if d[k] == nil {
			continue
		}
		list, ok := d[k].([]any)
		if !ok {
			return errIllegalArgument(k + " must be a list")
		}
		for _, e := range list {
			if _, ok := e.(map[string]any); !ok {
				return errIllegalArgument("Each element of " + k + " must be an object")
			}
		}
	}
	return nil
}

func (s *Server) handleCreateMeaning(w http.ResponseWriter, r *http.Request) {
	s.answerWriteObject(w, r, func(st *State, body map[string]any) (any, error) {
		id, _ := body["id"].(string)
		if id == "" {
			return nil, errIllegalArgument("A meaning needs an id")
		}
		if st.Meanings[id] != nil {
			return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Meaning %s already exists", id))
		}
		if err := checkMeaning(body); err != nil {
			return nil, err
		}
		d := copyDoc(body)
		defaults := map[string]any{"normalizationMode": "EXACT", "detectable": false, "entries": []any{}, "mappings": []any{}}
		for k, v := range defaults {
			if d[k] == nil {
				d[k] = v
			}
		}
		st.Meanings[id] = d
		return map[string]any{"id": id}, nil
	})
}

// handlePutMeaning replaces the definition (a whole document [V]); its id
// is the path's.
func (s *Server) handlePutMeaning(w http.ResponseWriter, r *http.Request) {
	changeFound(s, w, r, meanings.find, func(st *State, id string, _ map[string]any, body map[string]any) (any, error) {
		if got, _ := body["id"].(string); body["id"] != nil && got != id {
			return nil, errIllegalArgument(fmt.Sprintf("The definition's id %v is not the meaning's (%s)", body["id"], id))
		}
		if err := checkMeaning(body); err != nil {
			return nil, err
		}
		d := copyDoc(body)
		d["id"] = id
		st.Meanings[id] = d
		return map[string]any{}, nil
	})
}

// DeleteMeaningOutside removes a meaning as an administrator does in DSS's
// UI (Administration > Meanings), the only way DSS deletes one: the API
// has no route for it. For tests of a meaning deleted outside Terraform;
// false when there was none.
func (s *Server) DeleteMeaningOutside(id string) bool {
	found := false
	_ = s.mutate(func(st *State) error {
		_, found = st.Meanings[id]
		delete(st.Meanings, id)
		return nil
	})
	return found
}
