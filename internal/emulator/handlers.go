package emulator

import "net/http"

// The handler skeletons several kinds of objects share: find the object a
// request names under the right lock, refuse with the kind's not-found
// error when there is none, and answer what the kind's own code returns.

// instanceObjects is one kind of the instance's objects kept by id outside
// projects (clusters, plugins): where they are, and DSS's error for an id
// naming none.
type instanceObjects struct {
	docs    func(st *State) map[string]map[string]any
	missing func(id string) *APIError
}

// find finds the object of kind k id names, for answerFound.
func (k instanceObjects) find(st *State, _ *Caller, id string) (map[string]any, *APIError) {
	if d := k.docs(st)[id]; d != nil {
		return d, nil
	}
	return nil, k.missing(id)
}

// answerOn runs fn on the object of kind k the request's {id} names (see
// answerFound).
func (s *Server) answerOn(w http.ResponseWriter, r *http.Request, k instanceObjects, write bool,
	fn func(st *State, id string, d map[string]any) (any, error),
) {
	answerFound(s, w, r, write, k.find, fn)
}

// answerFound runs fn on what find finds for the request's {id} and
// caller, under the write lock when write is set and the read lock
// otherwise, and answers what fn returns; when find finds nothing, its
// error (the object's not-found) is the answer.
func answerFound[T any](s *Server, w http.ResponseWriter, r *http.Request, write bool,
	find func(st *State, c *Caller, id string) (T, *APIError),
	fn func(st *State, id string, found T) (any, error),
) {
	c, id := callerFrom(r.Context()), r.PathValue("id")
	lock := s.read
	if write {
		lock = s.mutate
	}
	answerLocked(w, lock, func(st *State) (any, error) {
		found, notFound := find(st, c, id)
		if notFound != nil {
			return nil, notFound
		}
		return fn(st, id, found)
	})
}

// answerRead and answerWrite run fn under the read or the write lock and
// answer what it returns (see answer).
func (s *Server) answerRead(w http.ResponseWriter, fn func(st *State) (any, error)) {
	answerLocked(w, s.read, fn)
}

func (s *Server) answerWrite(w http.ResponseWriter, fn func(st *State) (any, error)) {
	answerLocked(w, s.mutate, fn)
}

// answerWriteObject is answerWrite for a request whose body is a JSON
// object: a body that is not one is refused before the lock is taken, and
// fn runs on the decoded object.
func (s *Server) answerWriteObject(w http.ResponseWriter, r *http.Request, fn func(st *State, body map[string]any) (any, error)) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	s.answerWrite(w, func(st *State) (any, error) { return fn(st, body) })
}

// changeFound is answerFound for a write whose body is a JSON object: a
// body that is not one is refused before the lock is taken, and fn runs on
// what find finds and the decoded object.
func changeFound[T any](s *Server, w http.ResponseWriter, r *http.Request,
	find func(st *State, c *Caller, id string) (T, *APIError),
	fn func(st *State, id string, found T, body map[string]any) (any, error),
) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	answerFound(s, w, r, true, find, func(st *State, id string, found T) (any, error) { return fn(st, id, found, body) })
}

// changeInProject is answerInProject for a write whose body is a JSON
// object: a body that is not one is refused first, and fn runs, under the
// write lock, on the project the caller may write and the decoded object.
func (s *Server) changeInProject(w http.ResponseWriter, r *http.Request, fn func(p *Project, body map[string]any) (any, error)) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	s.answerInProject(w, r, s.mutate, AccessWrite, func(p *Project) (any, error) { return fn(p, body) })
}

func answerLocked(w http.ResponseWriter, lock func(func(*State) error) error, fn func(st *State) (any, error)) {
	var out any
	err := lock(func(st *State) error {
		var err error
		out, err = fn(st)
		return err
	})
	answer(w, err, out)
}

// answerInProject runs fn, under lock (s.read or s.mutate), on the
// project the path's {projectKey} names, on which the caller needs need,
// and answers what fn returns.
func (s *Server) answerInProject(w http.ResponseWriter, r *http.Request, lock func(func(*State) error) error, need Access,
	fn func(p *Project) (any, error),
) {
	c := callerFrom(r.Context())
	answerLocked(w, lock, func(st *State) (any, error) {
		p, err := s.projectForCaller(st, c, r.PathValue("projectKey"), need)
		if err != nil {
			return nil, err
		}
		return fn(p)
	})
}

// answerList answers every object of kind k, sorted by id, as item shows
// it.
func (s *Server) answerList(w http.ResponseWriter, k instanceObjects, item func(id string, d map[string]any) any) {
	out := []any{}
	_ = s.read(func(st *State) error {
		docs := k.docs(st)
		for _, id := range sortedKeys(docs) {
			out = append(out, item(id, docs[id]))
		}
		return nil
	})
	writeJSON(w, http.StatusOK, out)
}
