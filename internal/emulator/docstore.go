package emulator

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"strings"
)

// docKind is one kind of document kept in a collection inside a project
// (datasets, managed folders, recipes, scenarios, and the ML and LLM
// objects of mlobjects.go) or on the instance (connections, code envs):
// where the documents live, how they are keyed, which routes serve them
// and DSS's rules for them. The generic handlers below do what every kind
// shares: access checks (read access to the project to read, write access
// to write), copy-on-read, the kind's not-found error, version stamps and
// persistence. A kind only says what differs, through the hooks.
type docKind struct {
	// noun names the kind in messages: "dataset", "managed folder".
	noun string
	// path is the collection's segment under /projects/{projectKey}/, e.g.
	// "datasets"; param is the wildcard naming one document, e.g.
	// "datasetName". Both are part of the request-stats keys. An
	// instance-level kind registers its own routes (under /admin/).
	path, param string
	// keyField is the document field holding the key: "name" (datasets)
	// or "id" (managed folders).
	keyField string
	// docs returns the project's collection. It may be nil for recipes
	// and scenarios of a project created since the state was loaded (a
	// nil map reads as empty); their creates make it before inserting,
	// and every other write finds the document, so the map exists.
	docs func(p *Project) map[string]map[string]any
	// instance, set for a kind that lives outside projects, returns its
	// collection in the state (never nil: see ensureRoot) and replaces
	// docs. Its routes check the caller's rights (adminOnly) or mayManage
	// does; notFound gets "" for the project key.
	instance func(st *State) map[string]map[string]any
	// idOf, when set, is the key of the document a request names (a code
	// env's LANG/name); nil: the path value param.
	idOf func(r *http.Request) string
	// mayManage, when set, refuses a caller the rights on one document
	// (a code env's owner or group rights), once it is found.
	mayManage func(x *docCall, id string, doc map[string]any) *APIError
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
	check func(x *docCall, doc, old map[string]any) *APIError
	// head, when set, finds in a document the object that holds its key,
	// projectKey and version stamps (a recipe's {recipe, payload} keeps
	// them in recipe), or refuses a document without one. Nil: the
	// document itself.
	head func(doc map[string]any) (map[string]any, *APIError)
	// view, when set, is what a GET of one document answers (it must
	// copy); nil: the whole document. A scenario hides its script and runs.
	view func(d map[string]any) map[string]any
	// listItem, when set, is what the list answers for each document (it
	// must copy); nil: the whole document, as GET answers it. The call
	// lets an item count what the document does not hold (a data
	// collection's objects).
	listItem func(x *docCall, d map[string]any) map[string]any
	// namesNoConnection skips the check that the caller may use the
	// connection a definition names in params.connection: a recipe's
	// document has no such field of its own.
	namesNoConnection bool
	// mayDelete, when set, refuses a deletion the kind's rules forbid (a
	// group whose loss would leave no admin). Recipes' uses of Flow
	// objects are checked for every kind (recipesUsing).
	mayDelete func(x *docCall, id string) *APIError
	// forget, when set, drops what the state keeps about a deleted
	// document outside its collection (a dataset's rules, observations; a
	// connection's secrets). p is nil for an instance-level kind.
	forget func(x *docCall, id string)
	// renamed, when set, follows a rename of a name-keyed document in the
	// rest of the state (refs in recipes, zones, rules, exposed objects).
	renamed func(x *docCall, oldName, newName string)
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
	listFilter func(x *docCall) func(doc map[string]any) bool
	// listByKey answers the list as an object keyed by the documents'
	// keys, in no order (connections), rather than an array sorted by key.
	listByKey bool
	// listUnder, when set, answers the list as an object holding the
	// array under this key (agent tools: {"tools": [...]}).
	listUnder string
	// tagsParam, when set, is the list's query parameter filtering by tags
	// ("tags": ?tags=a,b or ?tags=a&tags=b keeps documents with any).
	tagsParam string
	// renameAction is POST /projects/{k}/actions/<renameAction>, with
	// the document named by body[renameIDField] and the new name in
	// body.newName. Empty: no rename action.
	renameAction, renameIDField string
	// deleted answers a DELETE once the deletion is persisted, and does
	// any side effect (the dataset deletion log). Nil: {"msg": ...}.
	deleted func(x *docCall, id string) any
}

// checkOptional refuses doc when one of fields, where set (not null), is
// not a T; what is T in DSS's message ("an object", "a string").
func checkOptional[T any](doc map[string]any, what string, fields ...string) *APIError {
	for _, f := range fields {
		if v := doc[f]; v != nil {
			if _, ok := v.(T); !ok {
				return errIllegalArgument(f + " must be " + what)
			}
		}
	}
	return nil
}

// docIDChars are the characters of the ids DSS generates for documents
// (folders, zones, Flow objects, scenario steps and runs).
const docIDChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// randomID returns n random letters and digits.
func randomID(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = docIDChars[int(b[i])%len(docIDChars)]
	}
	return string(b)
}

// unusedID makes a kind's newID: ids drawn by draw until one that docs,
// the kind's own documents in the project, does not hold yet, so a create
// never lands on an existing document.
func unusedID(draw func(p *Project) string, docs func(p *Project) map[string]map[string]any) func(p *Project) string {
	return func(p *Project) string {
		for {
			if id := draw(p); docs(p)[id] == nil {
				return id
			}
		}
	}
}

// docCall is what a hook may need of the request it serves: the server,
// the state (under the lock), the caller, the project holding the
// document (nil for an instance-level kind) and its key, and the request
// (nil for a loader's insert).
type docCall struct {
	s   *Server
	st  *State
	c   *Caller
	p   *Project
	key string
	r   *http.Request
}

// headOf is the object of doc holding its key and stamps.
func (k *docKind) headOf(doc map[string]any) (map[string]any, *APIError) {
	if k.head == nil {
		return doc, nil
	}
	return k.head(doc)
}

// checkConnectionUse refuses a definition naming a connection the caller
// may not use (connections.go), for the kinds whose documents name one.
func (k *docKind) checkConnectionUse(x *docCall, doc, old map[string]any) *APIError {
	if k.namesNoConnection {
		return nil
	}
	return x.s.checkConnectionUse(x.st, x.c, doc, old)
}

// kindRoutes registers the kind's collection routes: list, create, get,
// PUT, DELETE and the rename action.
func (s *Server) kindRoutes(k *docKind) { s.kindRoutesWith(k, s.handleCreateDoc(k)) }

// kindRoutesWith is kindRoutes with create serving the POST: for the kinds
// whose create call is not a definition (a recipe's prototype, a
// scenario's id derived from its name).
func (s *Server) kindRoutesWith(k *docKind, create http.HandlerFunc) {
	coll := "/projects/{projectKey}/" + k.path
	one := coll + "/{" + k.param + "}"
	view := k.view
	if view == nil {
		view = copyDoc
	}
	s.handle("GET "+coll, s.handleListDocs(k))
	s.handle("POST "+coll, create)
	s.handle("GET "+one, s.handleReadPart(k, view))
	s.handle("PUT "+one, s.handlePutKindDoc(k))
	s.handle("DELETE "+one, s.handleDeleteKindDoc(k))
	if k.renameAction != "" {
		s.handle("POST /projects/{projectKey}/actions/"+k.renameAction, s.handleRenameDoc(k))
	}
}

// adminKindRoutes registers the routes of an instance-level kind that only
// administrators reach (connections, groups): list and create at coll,
// GET, PUT and DELETE of one document at coll/{param}; create and put are
// the kind's own create and save.
func (s *Server) adminKindRoutes(coll string, k *docKind,
	create func(x *docCall, body map[string]any) (any, *APIError),
	put func(x *docCall, id string, d, body map[string]any) (any, *APIError),
) {
	one := coll + "/{" + k.param + "}"
	s.handle("GET "+coll, s.adminOnly(s.handleListDocs(k)))
	s.handle("POST "+coll, s.adminOnly(s.serveCollection(k, AccessWrite, true, create)))
	s.handle("GET "+one, s.adminOnly(s.handleReadPart(k, copyDoc)))
	s.handle("PUT "+one, s.adminOnly(s.serveDoc(k, AccessWrite, true, put)))
	s.handle("DELETE "+one, s.adminOnly(s.handleDeleteKindDoc(k)))
}

// docFor finds the project and the document for the caller; call it
// inside s.read or s.mutate. The document is the stored one: copy it
// before handing it out or changing it. The project is nil for an
// instance-level kind.
func (s *Server) docFor(k *docKind, st *State, c *Caller, key, id string, need Access) (*Project, map[string]any, *APIError) {
	p, err := s.projectFor(k, st, c, key, need)
	if err != nil {
		return nil, nil, err
	}
	d, err := k.lookup(&docCall{s, st, c, p, key, nil}, id)
	if err != nil {
		return nil, nil, err
	}
	return p, d, nil
}

// lookup finds document id in the collection x addresses, with the
// caller's rights on it (mayManage).
func (k *docKind) lookup(x *docCall, id string) (map[string]any, *APIError) {
	d, ok := k.collection(x.st, x.p)[id]
	if !ok {
		return nil, k.notFound(x.key, id)
	}
	if k.mayManage != nil {
		if err := k.mayManage(x, id, d); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// projectFor finds the project holding the kind's collection, which the
// caller needs access to; nil for an instance-level kind.
func (s *Server) projectFor(k *docKind, st *State, c *Caller, key string, need Access) (*Project, *APIError) {
	if k.instance != nil {
		return nil, nil
	}
	return s.projectForCaller(st, c, key, need)
}

// collection is the kind's collection in p, or on the instance.
func (k *docKind) collection(st *State, p *Project) map[string]map[string]any {
	if k.instance != nil {
		return k.instance(st)
	}
	return k.docs(p)
}

// idFrom is the key of the document a request's path names.
func (k *docKind) idFrom(r *http.Request) string {
	if k.idOf != nil {
		return k.idOf(r)
	}
	return r.PathValue(k.param)
}

// insertDoc stamps a new document, fills its defaults and stores it under
// id; it returns a copy for the reply.
func (k *docKind) insertDoc(p *Project, id string, doc map[string]any, login string) map[string]any {
	head, _ := k.headOf(doc)
	head["creationTag"] = versionTag(login)
	head["versionTag"] = versionTag(login)
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
// (list_items_test.go checks the bytes). A kind may filter (tagsParam,
// listFilter), answer other items (listItem) or an object (listByKey).
func (s *Server) handleListDocs(k *docKind) http.HandlerFunc {
	return s.serveCollection(k, AccessRead, false, func(x *docCall, _ map[string]any) (any, *APIError) {
		item := copyDoc
		if k.listItem != nil {
			item = func(d map[string]any) map[string]any { return k.listItem(x, d) }
		}
		var want []string
		if k.tagsParam != "" {
			want = queryList(x.r, k.tagsParam)
		}
		keep := func(map[string]any) bool { return true }
		if k.listFilter != nil {
			keep = k.listFilter(x)
		}
		docs := k.collection(x.st, x.p)
		out, byKey := []any{}, map[string]any{}
		for _, id := range sortedKeys(docs) {
			d := docs[id]
			if len(want) > 0 && !hasAnyTag(stringList(d["tags"]), want) || !keep(d) {
				continue
			}
			if k.listByKey {
				byKey[id] = item(d)
			} else {
				out = append(out, item(d))
			}
		}
		if k.listByKey {
			return byKey, nil
		}
		if k.listUnder != "" {
			return map[string]any{k.listUnder: out}, nil
		}
		return out, nil
	})
}

// POST /projects/{k}/<path>/: create from a definition; the reply is the
// stored definition (it holds the key, which is what clients read).
func (s *Server) handleCreateDoc(k *docKind) http.HandlerFunc {
	return s.serveCollection(k, AccessWrite, true, k.create)
}

// create makes an object of k from a definition, with the checks of a
// POST: the handler's, and a recipe's new output's. The definition names
// the object: its name, which is also its key unless k generates ids
// (newID), or else its key field (a streaming endpoint's id).
func (k *docKind) create(x *docCall, body map[string]any) (any, *APIError) {
	doc := copyDoc(body)
	if x.s.opts.CreateKeepsOnlyPrototype && k.createFields != nil {
		doc = keepFields(doc, k.createFields)
	}
	if k.fromRequest != nil {
		k.fromRequest(x.r, doc)
	}
	nameField := "name"
	if k.newID == nil {
		nameField = k.keyField
	}
	name, _ := doc[nameField].(string)
	if err := k.checkName(x.p, name); err != nil {
		return nil, err
	}
	if pk, ok := doc["projectKey"].(string); ok && pk != "" && pk != x.key {
		return nil, errIllegalArgument(fmt.Sprintf("projectKey %s does not match the project %s", pk, x.key))
	}
	doc["projectKey"] = x.key
	id := name
	if k.newID != nil {
		id = k.newID(x.p)
		doc[k.keyField] = id
	}
	if err := k.check(x, doc, nil); err != nil {
		return nil, err
	}
	if err := k.checkConnectionUse(x, doc, nil); err != nil {
		return nil, err
	}
	return k.insertDoc(x.p, id, doc, x.c.Login), nil
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

// serveCollection is the frame of a request on k's collection: the
// caller, the body (decoded when withBody), the collection found for the
// caller (x.p is its project, nil for an instance-level kind) under the
// read lock (need AccessRead) or inside a mutation, and the answer. fn
// returns the answer's JSON, or an afterCommit.
func (s *Server) serveCollection(k *docKind, need Access, withBody bool, fn func(x *docCall, body map[string]any) (any, *APIError)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := callerFrom(r.Context())
		key := r.PathValue("projectKey")
		var body map[string]any
		if withBody {
			var ok bool
			if body, ok = decodeObject(w, r); !ok {
				return
			}
		}
		run := s.mutate
		if need == AccessRead {
			run = s.read
		}
		var out any
		err := run(func(st *State) error {
			p, err := s.projectFor(k, st, c, key, need)
			if err != nil {
				return err
			}
			if out, err = fn(&docCall{s, st, c, p, key, r}, body); err != nil {
				return err
			}
			return nil
		})
		if err != nil {
			writeErr(w, err)
			return
		}
		if answer, ok := out.(afterCommit); ok {
			answer(w)
			return
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// serveDoc is serveCollection for the one document of k the path names:
// fn gets it as stored (copy it before changing it), found with the
// caller's rights.
func (s *Server) serveDoc(k *docKind, need Access, withBody bool, fn func(x *docCall, id string, d, body map[string]any) (any, *APIError)) http.HandlerFunc {
	return s.serveCollection(k, need, withBody, func(x *docCall, body map[string]any) (any, *APIError) {
		id := k.idFrom(x.r)
		d, err := k.lookup(x, id)
		if err != nil {
			return nil, err
		}
		return fn(x, id, d, body)
	})
}

// afterCommit writes the answer once the change is committed: for a side
// effect (the dataset deletion log, a future, a build's wait) that must
// not follow a change that then failed to persist.
type afterCommit func(w http.ResponseWriter)

// msg is DSS's answer {"msg": …} to a change.
func msg(format string, args ...any) map[string]any {
	return map[string]any{"msg": fmt.Sprintf(format, args...)}
}

// handleReadPart serves a GET of one document, or of the view part makes
// of it (part must copy what it returns).
func (s *Server) handleReadPart(k *docKind, part func(d map[string]any) map[string]any) http.HandlerFunc {
	return s.serveDoc(k, AccessRead, false, func(_ *docCall, _ string, d, _ map[string]any) (any, *APIError) {
		return part(d), nil
	})
}

// handleWritePart serves a PUT of one part of a document (what names it
// in the reply): apply changes a copy, which then replaces the document.
func (s *Server) handleWritePart(k *docKind, what string, apply func(d, body map[string]any) *APIError) http.HandlerFunc {
	return s.serveDoc(k, AccessWrite, true, func(x *docCall, id string, old, body map[string]any) (any, *APIError) {
		d := copyDoc(old)
		if err := apply(d, body); err != nil {
			return nil, err
		}
		bumpVersionTag(d, old, x.c.Login)
		k.docs(x.p)[id] = d
		return msg("Updated %s of %s %s.%s", what, k.noun, x.key, id), nil
	})
}

// PUT /projects/{k}/<path>/{id}: replaces the whole definition. The key
// and the project cannot change; the creation stamp is the server's;
// unknown fields are kept as sent.
func (s *Server) handlePutKindDoc(k *docKind) http.HandlerFunc {
	return s.serveDoc(k, AccessWrite, true, func(x *docCall, id string, old, body map[string]any) (any, *APIError) {
		doc := copyDoc(body)
		head, err := k.headOf(doc)
		if err != nil {
			return nil, err
		}
		oldHead, _ := k.headOf(old)
		if v, ok := head[k.keyField].(string); ok && v != id {
			return nil, errIllegalArgument(fmt.Sprintf("Cannot change the %s of %s %s with a PUT (got %s)%s", k.keyField, k.noun, id, v, k.keyChangeHint))
		}
		if pk, ok := head["projectKey"].(string); ok && pk != x.key {
			return nil, errIllegalArgument(fmt.Sprintf("Cannot move %s %s to project %s", k.noun, id, pk))
		}
		head[k.keyField], head["projectKey"] = id, x.key
		if err := k.check(x, doc, old); err != nil {
			return nil, err
		}
		if err := k.checkConnectionUse(x, doc, old); err != nil {
			return nil, err
		}
		head["creationTag"] = deepCopy(oldHead["creationTag"])
		bumpVersionTag(head, oldHead, x.c.Login)
		k.fill(doc)
		k.docs(x.p)[id] = doc
		return msg("Updated %s %s.%s", k.noun, x.key, id), nil
	})
}

// DELETE /projects/{k}/<path>/{id}, or the instance kind's: the answer is
// the kind's deleted, once the deletion is committed.
func (s *Server) handleDeleteKindDoc(k *docKind) http.HandlerFunc {
	return s.serveDoc(k, AccessWrite, false, func(x *docCall, id string, _, _ map[string]any) (any, *APIError) {
		if err := recipesUsing(x.st, x.p, k, id); err != nil { // recipes.go: a used dataset or folder stays
			return nil, err
		}
		if k.mayDelete != nil {
			if err := k.mayDelete(x, id); err != nil {
				return nil, err
			}
		}
		delete(k.collection(x.st, x.p), id)
		forgetInZones(x.p, k, id) // zones.go: nothing for a kind that is no zone item
		if k.forget != nil {
			k.forget(x, id)
		}
		return afterCommit(func(w http.ResponseWriter) {
			if k.deleted != nil {
				writeJSON(w, http.StatusOK, k.deleted(x, id))
				return
			}
			writeMsg(w, fmt.Sprintf("Deleted %s %s.%s", k.noun, x.key, id))
		}), nil
	})
}

// POST /projects/{k}/actions/<renameAction> with {<renameIDField>,
// newName}. The document keeps its definition and creation stamp; a kind
// keyed by name moves to the new key.
func (s *Server) handleRenameDoc(k *docKind) http.HandlerFunc {
	return s.serveCollection(k, AccessWrite, true, func(x *docCall, body map[string]any) (any, *APIError) {
		id, _ := body[k.renameIDField].(string)
		newName, _ := body["newName"].(string)
		answer := msg("Renamed %s %s.%s to %s", k.noun, x.key, id, strings.TrimSpace(newName))
		d, err := k.lookup(x, id)
		if err != nil {
			return nil, err
		}
		if cur, _ := d["name"].(string); cur == newName {
			return answer, nil
		}
		if err := k.checkName(x.p, newName); err != nil {
			return nil, err
		}
		nd := copyDoc(d)
		nd["name"] = newName
		bumpVersionTag(nd, d, x.c.Login)
		docs := k.docs(x.p)
		if k.keyField != "name" {
			docs[id] = nd
			return answer, nil
		}
		delete(docs, id)
		docs[newName] = nd
		if k.renamed != nil {
			k.renamed(x, id, newName)
		}
		return answer, nil
	})
}

// versionTag is a new creationTag or versionTag: version 0, by login, now.
func versionTag(login string) map[string]any {
	return map[string]any{"versionNumber": 0, "lastModifiedBy": map[string]any{"login": login}, "lastModifiedOn": nowMillis()}
}

// bumpVersionTag records a modification in versionTag (creationTag stays).
func bumpVersionTag(doc, old map[string]any, login string) {
	vt := versionTag(login)
	if ov, ok := old["versionTag"].(map[string]any); ok {
		if n, ok := toInt(ov["versionNumber"]); ok {
			vt["versionNumber"] = n + 1
		}
	}
	doc["versionTag"] = vt
}
