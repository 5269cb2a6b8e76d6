package emulator

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// docKind is one kind of document kept in a collection inside a project
// (datasets, managed folders, and the ML and LLM objects of mlobjects.go): where the documents live, how they are
// keyed, which routes serve them and DSS's rules for them. The generic
// handlers below do what every kind shares: access checks (read access
// to the project to read, write access to write), copy-on-read, the
// kind's not-found error, version stamps and persistence. A kind only
// says what differs, through the hooks.
type docKind struct {
	// noun names the kind in messages: "dataset", "managed folder".
	noun string
	// path is the collection's segment under /projects/{projectKey}/, e.g.
	// "datasets"; param is the wildcard naming one document, e.g.
	// "datasetName". Both are part of the request-stats keys.
	path, param string
	// keyField is the document field holding the key: "name" (datasets)
	// or "id" (managed folders).
	keyField string
	// docs returns the project's collection (never nil: see ensureRoot).
	docs func(p *Project) map[string]map[string]any
	// notFound is DSS's error for a missing document.
	notFound func(key, id string) *APIError
	// checkName checks a new name, on create and on rename: syntax and
	// uniqueness in the project.
	checkName func(p *Project, name string) *APIError
	// newID generates the key of a created document when keyField is not
	// "name"; nil for kinds keyed by name.
	newID func(p *Project) string
	// check validates, and may fix, a definition on create (old is nil)
	// and on PUT, once keyField and projectKey hold the stored values.
	check func(st *State, doc, old map[string]any, key string) *APIError
	// fill sets the server-side defaults DSS's Java objects carry, on
	// create and on PUT (only keys the document lacks).
	fill func(doc map[string]any)
	// createFields are the fields DSS's own client sends to the create
	// call; with Options.CreateKeepsOnlyPrototype a create keeps only
	// these. Nil: the create keeps everything.
	createFields []string
	// keyChangeHint ends the error of a PUT that changes the key.
	keyChangeHint string
	// fromRequest, when set, copies what a create takes from the request
	// besides its body (a query parameter) into the new document.
	fromRequest func(r *http.Request, doc map[string]any)
	// listFilter, when set, builds from the list request the test a
	// document must pass to be listed.
	listFilter func(r *http.Request) func(doc map[string]any) bool
	// tagsParam, when set, is the list's query parameter filtering by tags
	// ("tags": ?tags=a,b or ?tags=a&tags=b keeps documents with any).
	tagsParam string
	// renameAction is POST /projects/{k}/actions/<renameAction>, with
	// the document named by body[renameIDField] and the new name in
	// body.newName. Empty: no rename action.
	renameAction, renameIDField string
	// deleted answers a DELETE once the deletion is persisted, and does
	// any side effect (the dataset deletion log). Nil: {"msg": ...}.
	deleted func(s *Server, r *http.Request, key, id string) any
}

// kindRoutes registers the kind's collection routes: list, create, get,
// PUT, DELETE and the rename action.
func (s *Server) kindRoutes(k *docKind) {
	coll := "/projects/{projectKey}/" + k.path
	one := coll + "/{" + k.param + "}"
	s.handle("GET "+coll, s.handleListDocs(k))
	s.handle("POST "+coll, s.handleCreateDoc(k))
	s.handle("GET "+one, s.handleReadPart(k, copyDoc))
	s.handle("PUT "+one, s.handlePutKindDoc(k))
	s.handle("DELETE "+one, s.handleDeleteKindDoc(k))
	if k.renameAction != "" {
		s.handle("POST /projects/{projectKey}/actions/"+k.renameAction, s.handleRenameDoc(k))
	}
}

// docFor finds the project and the document for the caller; call it
// inside s.read or s.mutate. The document is the stored one: copy it
// before handing it out or changing it.
func (s *Server) docFor(k *docKind, st *State, c *Caller, key, id string, need Access) (*Project, map[string]any, *APIError) {
	p, err := s.projectForCaller(st, c, key, need)
	if err != nil {
		return nil, nil, err
	}
	d, ok := k.docs(p)[id]
	if !ok {
		return nil, nil, k.notFound(key, id)
	}
	return p, d, nil
}

// insertDoc stamps a new document, fills its defaults and stores it under
// id; it returns a copy for the reply.
func (k *docKind) insertDoc(p *Project, id string, doc map[string]any, login string) map[string]any {
	doc["creationTag"] = versionTag(login)
	doc["versionTag"] = versionTag(login)
	k.fill(doc)
	k.docs(p)[id] = doc
	return copyDoc(doc)
}

// SetCreateKeepsOnlyPrototype switches Options.CreateKeepsOnlyPrototype
// for the creates that follow (tests of a client's fallback use it).
func (s *Server) SetCreateKeepsOnlyPrototype(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.CreateKeepsOnlyPrototype = on
}

// GET /projects/{k}/<path>/: every document, sorted by key. Each item is
// the whole document, exactly what GET of the one document answers
// (copyDoc both): DSS's dataset and managed folder lists return whole
// definitions (dss-api.md §4.3: [D] developer guide sample, [V] Python
// client; §5.1: [V] Python client), and the provider refreshes from them
// (list_items_test.go checks the bytes).
func (s *Server) handleListDocs(k *docKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := callerFrom(r.Context())
		key := r.PathValue("projectKey")
		var want []string
		if k.tagsParam != "" {
			want = queryList(r, k.tagsParam)
		}
		keep := func(map[string]any) bool { return true }
		if k.listFilter != nil {
			keep = k.listFilter(r)
		}
		out := []any{}
		err := s.read(func(st *State) error {
			p, err := s.projectForCaller(st, c, key, AccessRead)
			if err != nil {
				return err
			}
			docs := k.docs(p)
			ids := make([]string, 0, len(docs))
			for id := range docs {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			for _, id := range ids {
				d := docs[id]
				if len(want) > 0 && !hasAnyTag(stringList(d["tags"]), want) || !keep(d) {
					continue
				}
				out = append(out, copyDoc(d))
			}
			return nil
		})
		if err != nil {
			writeErr(w, err)
			return
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// POST /projects/{k}/<path>/: create from a definition; the reply is the
// stored definition (it holds the key, which is what clients read).
func (s *Server) handleCreateDoc(k *docKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := callerFrom(r.Context())
		key := r.PathValue("projectKey")
		body, ok := decodeObject(w, r)
		if !ok {
			return
		}
		var out map[string]any
		err := s.mutate(func(st *State) error {
			p, err := s.projectForCaller(st, c, key, AccessWrite)
			if err != nil {
				return err
			}
			doc := copyDoc(body)
			if s.opts.CreateKeepsOnlyPrototype && k.createFields != nil {
				doc = keepFields(doc, k.createFields)
			}
			if k.fromRequest != nil {
				k.fromRequest(r, doc)
			}
			name, _ := doc["name"].(string)
			if err := k.checkName(p, name); err != nil {
				return err
			}
			if pk, ok := doc["projectKey"].(string); ok && pk != "" && pk != key {
				return errIllegalArgument(fmt.Sprintf("projectKey %s does not match the project %s", pk, key))
			}
			doc["projectKey"] = key
			id := name
			if k.newID != nil {
				id = k.newID(p)
				doc[k.keyField] = id
			}
			if err := k.check(st, doc, nil, key); err != nil {
				return err
			}
			if err := s.checkConnectionUse(st, c, doc, nil); err != nil {
				return err
			}
			out = k.insertDoc(p, id, doc, c.Login)
			return nil
		})
		if err != nil {
			writeErr(w, err)
			return
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// keepFields is doc with only the given top-level fields.
func keepFields(doc map[string]any, fields []string) map[string]any {
	out := make(map[string]any, len(fields))
	for _, f := range fields {
		if v, ok := doc[f]; ok {
			out[f] = v
		}
	}
	return out
}

// handleReadPart serves a GET of one document, or of the view part makes
// of it (part must copy what it returns).
func (s *Server) handleReadPart(k *docKind, part func(d map[string]any) map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := callerFrom(r.Context())
		key, id := r.PathValue("projectKey"), r.PathValue(k.param)
		var out map[string]any
		err := s.read(func(st *State) error {
			_, d, err := s.docFor(k, st, c, key, id, AccessRead)
			if err != nil {
				return err
			}
			out = part(d)
			return nil
		})
		if err != nil {
			writeErr(w, err)
			return
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// handleWritePart serves a PUT of one part of a document (what names it
// in the reply): apply changes a copy, which then replaces the document.
func (s *Server) handleWritePart(k *docKind, what string, apply func(d, body map[string]any) *APIError) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := callerFrom(r.Context())
		key, id := r.PathValue("projectKey"), r.PathValue(k.param)
		body, ok := decodeObject(w, r)
		if !ok {
			return
		}
		err := s.mutate(func(st *State) error {
			p, old, err := s.docFor(k, st, c, key, id, AccessWrite)
			if err != nil {
				return err
			}
			d := copyDoc(old)
			if err := apply(d, body); err != nil {
				return err
			}
			bumpVersionTag(d, old, c.Login)
			k.docs(p)[id] = d
			return nil
		})
		if err != nil {
			writeErr(w, err)
			return
		}
		writeMsg(w, fmt.Sprintf("Updated %s of %s %s.%s", what, k.noun, key, id))
	}
}

// PUT /projects/{k}/<path>/{id}: replaces the whole definition. The key
// and the project cannot change; the creation stamp is the server's;
// unknown fields are kept as sent.
func (s *Server) handlePutKindDoc(k *docKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := callerFrom(r.Context())
		key, id := r.PathValue("projectKey"), r.PathValue(k.param)
		body, ok := decodeObject(w, r)
		if !ok {
			return
		}
		err := s.mutate(func(st *State) error {
			p, old, err := s.docFor(k, st, c, key, id, AccessWrite)
			if err != nil {
				return err
			}
			doc := copyDoc(body)
			if v, ok := doc[k.keyField].(string); ok && v != id {
				return errIllegalArgument(fmt.Sprintf("Cannot change the %s of %s %s with a PUT (got %s)%s", k.keyField, k.noun, id, v, k.keyChangeHint))
			}
			if pk, ok := doc["projectKey"].(string); ok && pk != key {
				return errIllegalArgument(fmt.Sprintf("Cannot move %s %s to project %s", k.noun, id, pk))
			}
			doc[k.keyField], doc["projectKey"] = id, key
			if err := k.check(st, doc, old, key); err != nil {
				return err
			}
			if err := s.checkConnectionUse(st, c, doc, old); err != nil {
				return err
			}
			doc["creationTag"] = deepCopy(old["creationTag"])
			bumpVersionTag(doc, old, c.Login)
			k.fill(doc)
			k.docs(p)[id] = doc
			return nil
		})
		if err != nil {
			writeErr(w, err)
			return
		}
		writeMsg(w, fmt.Sprintf("Updated %s %s.%s", k.noun, key, id))
	}
}

// DELETE /projects/{k}/<path>/{id}
func (s *Server) handleDeleteKindDoc(k *docKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := callerFrom(r.Context())
		key, id := r.PathValue("projectKey"), r.PathValue(k.param)
		err := s.mutate(func(st *State) error {
			p, _, err := s.docFor(k, st, c, key, id, AccessWrite)
			if err != nil {
				return err
			}
			if err := recipesUsing(st, p, k, id); err != nil { // recipes.go: a used dataset or folder stays
				return err
			}
			delete(k.docs(p), id)
			forgetInZones(p, k, id)
			deleteDatasetDataQuality(k, p, id)
			if k.path == datasetKind.path {
				dropDatasetObservations(p, id)
			}
			return nil
		})
		if err != nil {
			writeErr(w, err)
			return
		}
		if k.deleted != nil {
			writeJSON(w, http.StatusOK, k.deleted(s, r, key, id))
			return
		}
		writeMsg(w, fmt.Sprintf("Deleted %s %s.%s", k.noun, key, id))
	}
}

// POST /projects/{k}/actions/<renameAction> with {<renameIDField>,
// newName}. The document keeps its definition and creation stamp; a kind
// keyed by name moves to the new key.
func (s *Server) handleRenameDoc(k *docKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := callerFrom(r.Context())
		key := r.PathValue("projectKey")
		body, ok := decodeObject(w, r)
		if !ok {
			return
		}
		id, _ := body[k.renameIDField].(string)
		newName, _ := body["newName"].(string)
		err := s.mutate(func(st *State) error {
			p, d, err := s.docFor(k, st, c, key, id, AccessWrite)
			if err != nil {
				return err
			}
			if cur, _ := d["name"].(string); cur == newName {
				return nil
			}
			if err := k.checkName(p, newName); err != nil {
				return err
			}
			nd := copyDoc(d)
			nd["name"] = newName
			bumpVersionTag(nd, d, c.Login)
			docs := k.docs(p)
			for _, q := range renameInRecipes(st, p, k, id, newName) { // recipes.go: refs follow a renamed dataset
				s.touch(q)
			}
			if k.keyField == "name" {
				delete(docs, id)
				docs[newName] = nd
				renameDatasetInZones(p, id, newName)
				renameDatasetInDataQuality(k, p, id, newName)
				if k.path == datasetKind.path {
					renameDatasetObservations(p, id, newName)
					renameDatasetInExposed(p, id, newName) // exposed.go
				}
			} else {
				docs[id] = nd
			}
			return nil
		})
		if err != nil {
			writeErr(w, err)
			return
		}
		writeMsg(w, fmt.Sprintf("Renamed %s %s.%s to %s", k.noun, key, id, strings.TrimSpace(newName)))
	}
}
