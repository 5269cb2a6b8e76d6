package emulator

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"sort"
)

// AllowDuplicateFolderNames permits two sibling folders with one name. [I]
var AllowDuplicateFolderNames = false

const folderIDChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// newFolderID returns a fresh random 7-character id. [I] length
func newFolderID(st *State) string {
	for {
		b := make([]byte, 7)
		_, _ = rand.Read(b)
		for i := range b {
			b[i] = folderIDChars[int(b[i])%len(folderIDChars)]
		}
		id := string(b)
		if _, ok := st.Folders[id]; !ok && id != RootFolderID {
			return id
		}
	}
}

func strPtr(s string) *string { return &s }

func folderNotFound(id string) *APIError {
	return errNotFound(fmt.Sprintf("Project folder %s does not exist", id))
}

// folderDoc renders {id, name, parentId, childrenIds, projectKeys}; project
// keys are filtered to those c can read.
func folderDoc(st *State, f *ProjectFolder, c *Caller) map[string]any {
	children := []string{}
	for id, g := range st.Folders {
		if g.ParentID != nil && *g.ParentID == f.ID {
			children = append(children, id)
		}
	}
	sort.Strings(children)
	keys := []string{}
	for k, p := range st.Projects {
		if p.FolderID == f.ID && canAccess(p, c, AccessRead) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var name, parent any
	if f.Name != nil {
		name = *f.Name
	}
	if f.ParentID != nil {
		parent = *f.ParentID
	}
	return map[string]any{"id": f.ID, "name": name, "parentId": parent, "childrenIds": children, "projectKeys": keys}
}

// isDescendant reports whether id is anc or below it.
func isDescendant(st *State, id, anc string) bool {
	for i := 0; i < len(st.Folders)+1; i++ {
		if id == anc {
			return true
		}
		f := st.Folders[id]
		if f == nil || f.ParentID == nil {
			return false
		}
		id = *f.ParentID
	}
	return false
}

func (s *Server) writeFolder(w http.ResponseWriter, r *http.Request, id string) {
	c := callerFrom(r.Context())
	s.answerRead(w, func(st *State) (any, error) {
		f := st.Folders[id]
		if f == nil {
			return nil, folderNotFound(id)
		}
		return folderDoc(st, f, c), nil
	})
}

func (s *Server) handleGetRootFolder(w http.ResponseWriter, r *http.Request) {
	s.writeFolder(w, r, RootFolderID)
}

func (s *Server) handleGetFolder(w http.ResponseWriter, r *http.Request) {
	s.writeFolder(w, r, r.PathValue("folderId"))
}

// handleFolderSub serves GET /project-folders/{a}/{b}: locate-project/{key},
// {id}/children, {id}/settings and {id}/default-for-project-creation (one
// pattern, because ServeMux rejects the overlapping patterns).
func (s *Server) handleFolderSub(w http.ResponseWriter, r *http.Request) {
	a, b := r.PathValue("a"), r.PathValue("b")
	c := callerFrom(r.Context())
	s.answerRead(w, func(st *State) (any, error) {
		if a == "locate-project" {
			p, err := s.projectForCaller(st, c, b, AccessRead)
			if err != nil {
				return nil, err
			}
			return folderDoc(st, st.Folders[p.FolderID], c), nil
		}
		f := st.Folders[a]
		if f == nil {
			return nil, folderNotFound(a)
		}
		switch b {
		case "children":
			list := []any{}
			ids := []string{}
			for id, g := range st.Folders {
				if g.ParentID != nil && *g.ParentID == a {
					ids = append(ids, id)
				}
			}
			sort.Strings(ids)
			for _, id := range ids {
				list = append(list, folderDoc(st, st.Folders[id], c))
			}
			return list, nil
		case "settings":
			doc := copyDoc(f.Settings)
			if f.Name != nil {
				doc["name"] = *f.Name
			} else {
				doc["name"] = nil
			}
			return doc, nil
		case "default-for-project-creation":
			return folderDoc(st, st.Folders[RootFolderID], c), nil
		default:
			return nil, errNotFound("No such API endpoint: GET " + r.URL.Path)
		}
	})
}

func (s *Server) handleCreateFolder(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	parent := r.PathValue("folderId")
	name := r.URL.Query().Get("name")
	if name == "" {
		illegalArgument(w, "Missing folder name")
		return
	}
	s.answerWrite(w, func(st *State) (any, error) {
		if st.Folders[parent] == nil {
			return nil, folderNotFound(parent)
		}
		if !AllowDuplicateFolderNames {
			for _, g := range st.Folders {
				if g.ParentID != nil && *g.ParentID == parent && g.Name != nil && *g.Name == name {
					return nil, errIllegalArgument(fmt.Sprintf("Project folder %s already exists in %s", name, parent))
				}
			}
		}
		f := &ProjectFolder{ID: newFolderID(st), Name: strPtr(name), ParentID: strPtr(parent),
			Settings: map[string]any{"owner": c.Login, "permissions": []any{}}}
		st.Folders[f.ID] = f
		return folderDoc(st, f, c), nil
	})
}

func (s *Server) handleDeleteFolder(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	id := r.PathValue("folderId")
	s.answerWrite(w, func(st *State) (any, error) {
		f := st.Folders[id]
		if f == nil {
			return nil, folderNotFound(id)
		}
		if !c.IsAdmin {
			return nil, newError(s.opts.UnauthorizedStatus, ErrTypeUnauthorized, "Deleting a project folder requires admin rights")
		}
		if id == RootFolderID {
			return nil, errIllegalArgument("Cannot delete the root project folder")
		}
		for _, g := range st.Folders {
			if g.ParentID != nil && *g.ParentID == id {
				return nil, errIllegalArgument(fmt.Sprintf("Project folder %s is not empty", id))
			}
		}
		for _, p := range st.Projects {
			if p.FolderID == id {
				return nil, errIllegalArgument(fmt.Sprintf("Project folder %s is not empty", id))
			}
		}
		delete(st.Folders, id)
		return message("Deleted project folder " + id), nil
	})
}

func (s *Server) handleMoveFolder(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("folderId")
	dest := r.URL.Query().Get("destination")
	s.answerWrite(w, func(st *State) (any, error) {
		f := st.Folders[id]
		if f == nil {
			return nil, folderNotFound(id)
		}
		if dest == "" {
			return nil, errIllegalArgument("Missing destination")
		}
		if st.Folders[dest] == nil {
			return nil, folderNotFound(dest)
		}
		if id == RootFolderID {
			return nil, errIllegalArgument("Cannot move the root project folder")
		}
		if isDescendant(st, dest, id) {
			return nil, errIllegalArgument(fmt.Sprintf("Cannot move project folder %s into itself or a descendant", id))
		}
		f.ParentID = strPtr(dest)
		return message(fmt.Sprintf("Moved project folder %s to %s", id, dest)), nil
	})
}

func (s *Server) handleMoveProject(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	from, key := r.PathValue("folderId"), r.PathValue("projectKey")
	dest := r.URL.Query().Get("destination")
	s.answerWrite(w, func(st *State) (any, error) {
		if st.Folders[from] == nil {
			return nil, folderNotFound(from)
		}
		p, err := s.projectForCaller(st, c, key, AccessWrite)
		if err != nil {
			return nil, err
		}
		if dest == "" {
			return nil, errIllegalArgument("Missing destination")
		}
		if st.Folders[dest] == nil {
			return nil, folderNotFound(dest)
		}
		if p.FolderID != from {
			return nil, errIllegalArgument(fmt.Sprintf("Project %s is not in project folder %s", key, from))
		}
		p.FolderID = dest
		return message(fmt.Sprintf("Moved project %s to %s", key, dest)), nil
	})
}

func (s *Server) handlePutFolderSettings(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	id := r.PathValue("folderId")
	s.answerWriteObject(w, r, func(st *State, body map[string]any) (any, error) {
		f := st.Folders[id]
		if f == nil {
			return nil, folderNotFound(id)
		}
		if !c.IsAdmin {
			if o, _ := f.Settings["owner"].(string); o != c.Login {
				return nil, newError(s.opts.UnauthorizedStatus, ErrTypeUnauthorized, "You may not administer project folder "+id)
			}
		}
		doc := copyDoc(body)
		if n, ok := doc["name"].(string); ok && n != "" && id != RootFolderID {
			f.Name = strPtr(n)
		}
		delete(doc, "name")
		f.Settings = doc
		return message("Updated settings of project folder " + id), nil
	})
}
