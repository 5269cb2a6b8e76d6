package emulator

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"
)

// A project's library (Project > Libraries: lib/python, lib/R, ...):
// dataikuapi's projectlibrary.py [V] gives the routes. The emulator keeps
// the library as a tree (Project.Library): a folder is a map of its
// children by name, a file the base64 of its bytes. A project nobody
// changed holds the folders DSS makes, python and R [I].
//
// Rights [I]: reading needs read access to the project, every change
// write access (DSS's "Write project content"). A file POST whose parent
// folders are missing creates them [I: dataikuapi's add_file builds the
// local parents without calling the folder endpoint]; a folder POST of an
// existing folder succeeds [I]. A missing path is a NotFoundException, a
// path that names a folder where a file is needed (or the reverse) or
// holds an empty, "." or ".." segment an IllegalArgumentException [I].

func (s *Server) projectLibraryRoutes() {
	s.handle("GET /projects/{projectKey}/libraries/contents", s.handleLibraryTree)
	s.handle("GET /projects/{projectKey}/libraries/contents/{path...}", s.handleGetLibraryFile)
	s.handle("POST /projects/{projectKey}/libraries/contents/{path...}", s.handleWriteLibraryFile)
	s.handle("POST /projects/{projectKey}/libraries/folders/{path...}", s.handleAddLibraryFolder)
	s.handle("DELETE /projects/{projectKey}/libraries/contents/{path...}", s.handleDeleteLibraryItem)
	s.handle("POST /projects/{projectKey}/libraries/contents-actions/rename", s.handleLibraryAction(false))
	s.handle("POST /projects/{projectKey}/libraries/contents-actions/move", s.handleLibraryAction(true))
}

// maxLibraryFile bounds a file's body [I].
const maxLibraryFile = 16 << 20

// libraryRoot is p's library tree, a copy to change and store back.
func libraryRoot(p *Project) map[string]any {
	if p.Library == nil {
		return map[string]any{"python": map[string]any{}, "R": map[string]any{}}
	}
	return copyDoc(p.Library)
}

// librarySegments splits a library path, refusing what cannot name an
// item. A leading "/" is the root's (dataikuapi's paths start with it).
func librarySegments(path string) ([]string, *APIError) {
	segments := strings.Split(strings.TrimPrefix(path, "/"), "/")
	for _, s := range segments {
		if s == "" || s == "." || s == ".." {
			return nil, errIllegalArgument(fmt.Sprintf("Invalid library path %q", path))
		}
	}
	return segments, nil
}

func libraryNotFound(key, path string) *APIError {
	return errNotFound(fmt.Sprintf("Library item %s does not exist in project %s", path, key))
}

// libraryFolder walks root to the folder holding segments' last one;
// create makes missing folders. nil when a parent is missing or a file.
func libraryFolder(root map[string]any, segments []string, create bool) (map[string]any, *APIError) {
	folder := root
	for i, s := range segments[:len(segments)-1] {
		switch next := folder[s].(type) {
		case map[string]any:
			folder = next
		case nil:
			if !create {
				return nil, nil
			}
			child := map[string]any{}
			folder[s] = child
			folder = child
		default:
			return nil, errIllegalArgument(fmt.Sprintf("%s is a file, not a folder", strings.Join(segments[:i+1], "/")))
		}
	}
	return folder, nil
}

// libraryPlace is where path lives in a copy of p's library: the copy's
// root, the folder holding path's last segment (created with create; nil
// when missing without) and that segment.
func libraryPlace(p *Project, path string, create bool) (root, folder map[string]any, name string, err *APIError) {
	segments, err := librarySegments(path)
	if err != nil {
		return nil, nil, "", err
	}
	root = libraryRoot(p)
	folder, err = libraryFolder(root, segments, create)
	return root, folder, segments[len(segments)-1], err
}

// libraryNodes is a folder's children as the tree lists them, sorted by
// name: a folder with its children, a file without [V].
func libraryNodes(folder map[string]any) []any {
	out := []any{}
	names := make([]string, 0, len(folder))
	for n := range folder {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if sub, ok := folder[n].(map[string]any); ok {
			out = append(out, map[string]any{"name": n, "children": libraryNodes(sub)})
		} else {
			out = append(out, map[string]any{"name": n})
		}
	}
	return out
}

func (s *Server) handleLibraryTree(w http.ResponseWriter, r *http.Request) {
	s.answerInProject(w, r, s.read, AccessRead, func(p *Project) (any, error) { return libraryNodes(libraryRoot(p)), nil })
}

func (s *Server) handleGetLibraryFile(w http.ResponseWriter, r *http.Request) {
	path := r.PathValue("path")
	base64Wanted := r.URL.Query().Get("dataEncoding") == "base64"
	s.answerInProject(w, r, s.read, AccessRead, func(p *Project) (any, error) {
		_, folder, name, err := libraryPlace(p, path, false)
		if err != nil {
			return nil, err
		}
		switch v := folder[name].(type) {
		case string:
			if base64Wanted {
				return map[string]any{"data": v}, nil
			}
			b, _ := base64.StdEncoding.DecodeString(v)
			if !utf8.Valid(b) {
				b = []byte(strings.ToValidUTF8(string(b), "\uFFFD"))
			}
			return map[string]any{"data": string(b)}, nil
		case map[string]any:
			return nil, errIllegalArgument(fmt.Sprintf("%s is a folder, not a file", path))
		}
		return nil, libraryNotFound(p.ProjectKey, path)
	})
}

func (s *Server) handleWriteLibraryFile(w http.ResponseWriter, r *http.Request) {
	path := r.PathValue("path")
	data, readErr := io.ReadAll(io.LimitReader(r.Body, maxLibraryFile+1))
	s.answerInProject(w, r, s.mutate, AccessWrite, func(p *Project) (any, error) {
		if readErr != nil || len(data) > maxLibraryFile {
			return nil, errIllegalArgument("Cannot read the file's content")
		}
		root, folder, name, err := libraryPlace(p, path, true)
		if err != nil {
			return nil, err
		}
		if _, isFolder := folder[name].(map[string]any); isFolder {
			return nil, errIllegalArgument(fmt.Sprintf("%s is a folder, not a file", path))
		}
		folder[name] = base64.StdEncoding.EncodeToString(data)
		p.Library = root
		return nil, nil
	})
}

func (s *Server) handleAddLibraryFolder(w http.ResponseWriter, r *http.Request) {
	path := r.PathValue("path")
	s.answerInProject(w, r, s.mutate, AccessWrite, func(p *Project) (any, error) {
		root, folder, name, err := libraryPlace(p, path, true)
		if err != nil {
			return nil, err
		}
		switch folder[name].(type) {
		case string:
			return nil, errIllegalArgument(fmt.Sprintf("%s is a file, not a folder", path))
		case nil:
			folder[name] = map[string]any{}
		}
		p.Library = root
		return nil, nil
	})
}

func (s *Server) handleDeleteLibraryItem(w http.ResponseWriter, r *http.Request) {
	path := r.PathValue("path")
	s.answerInProject(w, r, s.mutate, AccessWrite, func(p *Project) (any, error) {
		root, folder, name, err := libraryPlace(p, path, false)
		if err != nil {
			return nil, err
		}
		if folder == nil || folder[name] == nil {
			return nil, libraryNotFound(p.ProjectKey, path)
		}
		delete(folder, name)
		p.Library = root
		return nil, nil
	})
}

// libraryMove takes the item at oldPath out of its folder and puts it in
// the folder to (nil: the same folder) as name, in a copy of p's library:
// the moves of dataikuapi's DSSLibraryItem.rename and move_to [V routes,
// I checks]. A missing item is a not-found; a name taken in the target
// folder, or a folder moved into itself, an IllegalArgumentException.
func libraryMove(p *Project, oldPath string, to func(root map[string]any) (map[string]any, *APIError), name func(old string) string) *APIError {
	root, folder, old, err := libraryPlace(p, oldPath, false)
	if err != nil {
		return err
	}
	if folder == nil || folder[old] == nil {
		return libraryNotFound(p.ProjectKey, oldPath)
	}
	target := folder
	if to != nil {
		if target, err = to(root); err != nil {
			return err
		}
	}
	newName := name(old)
	if newName == "" || newName == "." || newName == ".." || strings.Contains(newName, "/") {
		return errIllegalArgument(fmt.Sprintf("Invalid library item name %q", newName))
	}
	if sub, ok := folder[old].(map[string]any); ok && libraryContains(sub, target) {
		return errIllegalArgument(fmt.Sprintf("Cannot move %s into itself", oldPath))
	}
	if target[newName] != nil && !(sameFolder(target, folder) && newName == old) {
		return errIllegalArgument(fmt.Sprintf("%s already exists", newName))
	}
	item := folder[old]
	delete(folder, old)
	target[newName] = item
	p.Library = root
	return nil
}

// libraryContains reports whether folder is dir or one of its descendants.
func libraryContains(dir, folder map[string]any) bool {
	if sameFolder(dir, folder) {
		return true
	}
	for _, child := range dir {
		if sub, ok := child.(map[string]any); ok && libraryContains(sub, folder) {
			return true
		}
	}
	return false
}

// sameFolder reports whether a and b are the same folder (the same map).
func sameFolder(a, b map[string]any) bool {
	return reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer()
}

// handleLibraryAction serves contents-actions/rename ({oldPath,
// newName}: the item keeps its folder) and contents-actions/move
// ({oldPath, newPath}: the item keeps its name, in the folder newPath
// names, "/" being the root).
func (s *Server) handleLibraryAction(move bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, ok := decodeObject(w, r)
		if !ok {
			return
		}
		oldPath, _ := body["oldPath"].(string)
		newName, _ := body["newName"].(string)
		newPath, _ := body["newPath"].(string)
		var to func(root map[string]any) (map[string]any, *APIError)
		name := func(string) string { return newName }
		if move {
			to = func(root map[string]any) (map[string]any, *APIError) {
				return libraryDir(root, r.PathValue("projectKey"), newPath)
			}
			name = func(old string) string { return old }
		}
		s.answerInProject(w, r, s.mutate, AccessWrite, func(p *Project) (any, error) {
			if err := libraryMove(p, oldPath, to, name); err != nil {
				return nil, err
			}
			return nil, nil
		})
	}
}

// libraryDir is the folder at path in root ("/" or empty: root itself).
func libraryDir(root map[string]any, key, path string) (map[string]any, *APIError) {
	if strings.Trim(path, "/") == "" {
		return root, nil
	}
	segments, err := librarySegments(path)
	if err != nil {
		return nil, err
	}
	parent, err := libraryFolder(root, segments, false)
	if err != nil {
		return nil, err
	}
	if dir, isFolder := parent[segments[len(segments)-1]].(map[string]any); isFolder {
		return dir, nil
	}
	return nil, libraryNotFound(key, path)
}
