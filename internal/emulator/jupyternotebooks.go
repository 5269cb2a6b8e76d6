package emulator

import (
	"fmt"
	"maps"
	"net/http"
	"strings"
	"unicode"
)

// A project's Jupyter notebooks (dataikuapi dss/project.py and
// dss/jupyternotebook.py [V]): each is named by its caller and is the
// .ipynb document itself (metadata, cells, nbformat, nbformat_minor).
//
//	GET    /projects/{k}/jupyter-notebooks/?active=   the list items [V]
//	POST   /projects/{k}/jupyter-notebooks/{name}     create, the body the content [V]
//	GET    /projects/{k}/jupyter-notebooks/{name}     the content [V]
//	PUT    /projects/{k}/jupyter-notebooks/{name}     replace the content [V]
//	DELETE /projects/{k}/jupyter-notebooks/{name}     delete [V]
//
// DSS records in metadata who created the notebook and when (creator,
// createdOn) and who changed it last (modifiedBy) [V: get_metadata's
// docstring]; the emulator sets them on every write [I: DSS keeps
// creator and createdOn, which the emulator does too]. A list item is
// {projectKey, name, language, kernelSpec, tags} [V: the list item's
// properties; tags from DSSTaggableObjectListItem]; language is read from
// the kernel spec [I]. The emulator runs no kernel: active=true lists
// none [I]. Creating a notebook whose name is taken is refused as DSS
// refuses a duplicate (dss-api.md §6.2) [I]. A name is a path segment:
// not blank, no slash, no control character [I]. Reading needs read
// access to the project, every change write access [I].

func (s *Server) jupyterNotebookRoutes() {
	const coll = "/projects/{projectKey}/jupyter-notebooks"
	const one = coll + "/{notebookName}"
	s.handle("GET "+coll, s.handleListJupyterNotebooks)
	s.handle("POST "+one, s.handleCreateJupyterNotebook)
	s.handle("GET "+one, s.handleGetJupyterNotebook)
	s.handle("PUT "+one, s.handlePutJupyterNotebook)
	s.handle("DELETE "+one, s.handleDeleteJupyterNotebook)
}

func jupyterNotebookNotFound(key, name string) *APIError {
	return errNotFound(fmt.Sprintf("Notebook %s does not exist in project %s", name, key))
}

// checkJupyterNotebookName refuses a name that cannot be one path segment.
func checkJupyterNotebookName(name string) *APIError {
	if strings.TrimSpace(name) == "" || strings.ContainsRune(name, '/') || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return errIllegalArgument(fmt.Sprintf("Invalid notebook name %q", name))
	}
	return nil
}

// checkJupyterNotebookContent refuses what is not a notebook document:
// metadata, when set, an object; cells, when set, a list of objects [I].
func checkJupyterNotebookContent(doc map[string]any) *APIError {
	if err := checkOptional[map[string]any](doc, "an object", "metadata"); err != nil {
		return err
	}
	if v := doc["cells"]; v != nil {
		cells, ok := v.([]any)
		if !ok {
			return errIllegalArgument("cells must be a list of cells")
		}
		for i, c := range cells {
			if _, ok := c.(map[string]any); !ok {
				return errIllegalArgument(fmt.Sprintf("cells[%d] must be an object", i))
			}
		}
	}
	return nil
}

// stampJupyterNotebook sets DSS's own metadata keys on a written
// notebook: creator and createdOn from old (or the caller, now, on
// create), modifiedBy the caller.
func stampJupyterNotebook(doc, old map[string]any, login string) {
	meta, _ := doc["metadata"].(map[string]any)
	if meta == nil {
		meta = map[string]any{}
	}
	var oldMeta map[string]any
	if old != nil {
		oldMeta, _ = old["metadata"].(map[string]any)
	}
	if oldMeta != nil && oldMeta["creator"] != nil {
		meta["creator"], meta["createdOn"] = oldMeta["creator"], oldMeta["createdOn"]
	} else {
		meta["creator"], meta["createdOn"] = login, nowMillis()
	}
	meta["modifiedBy"] = login
	doc["metadata"] = meta
}

// jupyterNotebookListItem is a notebook as the list shows it.
func jupyterNotebookListItem(key, name string, doc map[string]any) map[string]any {
	meta, _ := doc["metadata"].(map[string]any)
	spec, _ := meta["kernelspec"].(map[string]any)
	language := ""
	if l, ok := spec["language"].(string); ok {
		language = l
	}
	tags := meta["tags"]
	if tags == nil {
		tags = []any{}
	}
	return map[string]any{"projectKey": key, "name": name, "language": language, "kernelSpec": deepCopy(spec), "tags": deepCopy(tags)}
}

func (s *Server) handleListJupyterNotebooks(w http.ResponseWriter, r *http.Request) {
	// dataikuapi sends Python's False or True; Java reads either case.
	active := strings.EqualFold(r.URL.Query().Get("active"), "true")
	s.answerInProject(w, r, s.read, AccessRead, func(p *Project) (any, error) {
		out := []any{}
		if active {
			return out, nil // no kernel runs in the emulator
		}
		for _, name := range sortedKeys(p.JupyterNotebooks) {
			out = append(out, jupyterNotebookListItem(p.ProjectKey, name, p.JupyterNotebooks[name]))
		}
		return out, nil
	})
}

func (s *Server) handleGetJupyterNotebook(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("notebookName")
	s.answerInProject(w, r, s.read, AccessRead, func(p *Project) (any, error) {
		doc, ok := p.JupyterNotebooks[name]
		if !ok {
			return nil, jupyterNotebookNotFound(p.ProjectKey, name)
		}
		return copyDoc(doc), nil
	})
}

// writeJupyterNotebook is create (create true: the name must be free) and
// PUT (the notebook must exist): the body replaces the content, DSS's
// stamps set.
func (s *Server) writeJupyterNotebook(w http.ResponseWriter, r *http.Request, create bool) {
	name := r.PathValue("notebookName")
	var doc map[string]any
	if !decodeBody(w, r, &doc) {
		return
	}
	login := callerFrom(r.Context()).Login
	s.answerInProject(w, r, s.mutate, AccessWrite, func(p *Project) (any, error) {
		if doc == nil {
			return nil, errIllegalArgument("The notebook's content must be a JSON object")
		}
		if err := checkJupyterNotebookName(name); err != nil {
			return nil, err
		}
		if err := checkJupyterNotebookContent(doc); err != nil {
			return nil, err
		}
		old, exists := p.JupyterNotebooks[name]
		switch {
		case create && exists:
			return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Notebook %s already exists in project %s", name, p.ProjectKey))
		case !create && !exists:
			return nil, jupyterNotebookNotFound(p.ProjectKey, name)
		}
		stampJupyterNotebook(doc, old, login)
		docs := maps.Clone(p.JupyterNotebooks) // replaced, never changed in place (see mutate)
		if docs == nil {
			docs = map[string]map[string]any{}
		}
		docs[name] = doc
		p.JupyterNotebooks = docs
		if create {
			return jupyterNotebookListItem(p.ProjectKey, name, doc), nil
		}
		return nil, nil
	})
}

func (s *Server) handleCreateJupyterNotebook(w http.ResponseWriter, r *http.Request) {
	s.writeJupyterNotebook(w, r, true)
}

func (s *Server) handlePutJupyterNotebook(w http.ResponseWriter, r *http.Request) {
	s.writeJupyterNotebook(w, r, false)
}

func (s *Server) handleDeleteJupyterNotebook(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("notebookName")
	s.answerInProject(w, r, s.mutate, AccessWrite, func(p *Project) (any, error) {
		if _, ok := p.JupyterNotebooks[name]; !ok {
			return nil, jupyterNotebookNotFound(p.ProjectKey, name)
		}
		p.JupyterNotebooks = withoutDoc(p.JupyterNotebooks, name)
		return nil, nil
	})
}
