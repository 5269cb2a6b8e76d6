package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// A project's Git libraries (Project > Libraries > Git references):
// dataikuapi's DSSProjectGit [V] gives the routes and the bodies; the
// list's answer is the project's external-libraries.json [I], whose
// gitReferences are keyed by localTargetPath and hold {remote, remotePath,
// checkout, isPythonPath} (plus the login, [I]). The emulator keeps no
// files: a pull records the checkout it pulled (GitLibraryPulled), a
// password is kept as its SHA-256 only (GitLibraryPasswordIs), and a
// reference removed without deleteDirectory leaves its directory behind
// (GitLibraryDirectoryKept). A pull from a repository whose URL holds
// UnreachableGitHost fails; the reference stays, as DSS records it before
// pulling [I].
//
// Rights [I]: listing needs read access to the project, every change
// write access (DSS's "Write project content").

func (s *Server) gitLibraryRoutes() {
	s.handle("GET /projects/{projectKey}/git/lib-git-refs", s.handleListGitLibraries)
	s.handle("POST /projects/{projectKey}/git/lib-git-refs", s.handleAddGitLibrary)
	s.handle("POST /projects/{projectKey}/git/lib-git-refs/action/reset", s.handleResetGitLibrary)
	s.handle("PUT /projects/{projectKey}/git/lib-git-refs/{path...}", s.handleSetGitLibrary)
	s.handle("DELETE /projects/{projectKey}/git/lib-git-refs/{path...}", s.handleRemoveGitLibrary)
}

// gitLibraryDoc is p's external-libraries document, with DSS's defaults
// for a project that never changed it [I].
func gitLibraryDoc(p *Project) map[string]any {
	doc := copyDoc(p.ExternalLibraries)
	if doc == nil {
		doc = map[string]any{}
	}
	fillMissing(doc, map[string]any{"gitReferences": map[string]any{}, "pythonPath": []any{"python"},
		"rsrcPath": []any{"resources"}, "importLibrariesFromProjects": []any{}})
	return doc
}

func gitRefs(doc map[string]any) map[string]any {
	refs, _ := doc["gitReferences"].(map[string]any)
	return refs
}

func gitLibraryNotFound(key, path string) *APIError {
	return errNotFound(fmt.Sprintf("Git reference %s does not exist in project %s", path, key))
}

// checkGitLibraryPath: a path relative to the library root, inside it
// [I].
func checkGitLibraryPath(path string) *APIError {
	if path == "" || strings.HasPrefix(path, "/") || slices.Contains(strings.Split(path, "/"), "..") {
		return errIllegalArgument(fmt.Sprintf("Invalid local target path %q: it must be a relative path inside the library", path))
	}
	return nil
}

// UnreachableGitHost in a repository's URL makes its pulls fail, with a
// git log that quotes the URL with its credentials, as git may [I]: a
// client must keep the password out of what it shows.
const UnreachableGitHost = "unreachable.example"

// gitLibraryPull is a pull's future: it reports success once runFor (the
// build time, read before taking the state's lock) passed, or git's
// failure for an unreachable repository [I: DSS's messages shape]. ref is
// the reference, password what was sent (nil: none).
func (s *Server) gitLibraryPull(runFor time.Duration, title string, ref map[string]any, password any) any {
	failLog := ""
	if repo, _ := ref["remote"].(string); strings.Contains(repo, UnreachableGitHost) {
		login, _ := ref["login"].(string)
		pw, _ := password.(string)
		failLog = fmt.Sprintf("fatal: unable to access 'https://%s:%s@%s/': Could not resolve host: %s", login, pw, UnreachableGitHost, UnreachableGitHost)
	}
	return s.futures.start(runFor, pluginResult(title, failLog), false)
}

// changeGitLibraryState replaces what the emulator knows of path's
// directory in p by what change makes of a copy of it.
func changeGitLibraryState(p *Project, path string, change func(e map[string]any)) {
	state := copyDocs(p.GitLibraryState)
	if state == nil {
		state = map[string]map[string]any{}
	}
	e := copyDoc(state[path])
	if e == nil {
		e = map[string]any{}
	}
	change(e)
	state[path] = e
	p.GitLibraryState = state
}

// setPassword records a body's password: a string is kept as its hash,
// null clears it [I].
func setPassword(e map[string]any, password any) {
	if pw, ok := password.(string); ok && pw != "" {
		e["passwordSHA256"] = hashSecret(pw)
	} else {
		delete(e, "passwordSHA256")
	}
}

// pulled records a pull of the directory at checkout.
func pulled(e map[string]any, checkout string) {
	e["directory"] = true
	e["pulled"] = checkout
	n, _ := e["pulls"].(float64)
	e["pulls"] = n + 1
}

func (s *Server) handleListGitLibraries(w http.ResponseWriter, r *http.Request) {
	s.answerInProject(w, r, s.read, AccessRead, func(p *Project) (any, error) { return gitLibraryDoc(p), nil })
}

func (s *Server) handleAddGitLibrary(w http.ResponseWriter, r *http.Request) {
	runFor := s.CodeEnvBuildTime()
	s.changeInProject(w, r, func(p *Project, body map[string]any) (any, error) {
		repo, _ := body["repository"].(string)
		path, _ := body["localTargetPath"].(string)
		checkout, _ := body["checkout"].(string)
		if repo == "" || checkout == "" {
			return nil, errIllegalArgument("repository and checkout are required")
		}
		if err := checkGitLibraryPath(path); err != nil {
			return nil, err
		}
		doc := gitLibraryDoc(p)
		refs := gitRefs(doc)
		if refs[path] != nil {
			return nil, errIllegalArgument(fmt.Sprintf("Git reference %s already exists in project %s", path, p.ProjectKey))
		}
		remotePath, _ := body["pathInGitRepository"].(string)
		login, _ := body["login"].(string)
		python := body["addToPythonPath"] != false // dataikuapi's default [V]
		ref := map[string]any{"remote": repo, "remotePath": remotePath, "checkout": checkout, "isPythonPath": python, "login": login}
		refs[path] = ref
		if python {
			list, _ := doc["pythonPath"].([]any)
			if !slices.Contains(list, any(path)) {
				doc["pythonPath"] = append(slices.Clone(list), path)
			}
		}
		p.ExternalLibraries = doc
		changeGitLibraryState(p, path, func(e map[string]any) {
			clear(e) // a directory left behind is pulled over [I]
			setPassword(e, body["password"])
			pulled(e, checkout)
		})
		return s.gitLibraryPull(runFor, "Git reference "+path+" added", ref, body["password"]), nil
	})
}

func (s *Server) handleSetGitLibrary(w http.ResponseWriter, r *http.Request) {
	path := r.PathValue("path")
	s.changeInProject(w, r, func(p *Project, body map[string]any) (any, error) {
		doc := gitLibraryDoc(p)
		refs := gitRefs(doc)
		old, _ := refs[path].(map[string]any)
		if old == nil {
			return nil, gitLibraryNotFound(p.ProjectKey, path)
		}
		repo, _ := body["repository"].(string)
		checkout, _ := body["checkout"].(string)
		if repo == "" || checkout == "" {
			return nil, errIllegalArgument("repository and checkout are required")
		}
		e := copyDoc(old)
		e["remote"], e["checkout"] = repo, checkout
		e["remotePath"], _ = body["pathInGitRepository"].(string)
		e["login"], _ = body["login"].(string)
		refs[path] = e
		p.ExternalLibraries = doc
		changeGitLibraryState(p, path, func(e map[string]any) { setPassword(e, body["password"]) })
		return path, nil
	})
}

func (s *Server) handleRemoveGitLibrary(w http.ResponseWriter, r *http.Request) {
	path := r.PathValue("path")
	deleteDirectory := queryBool(r, "deleteDirectory", false)
	s.answerInProject(w, r, s.mutate, AccessWrite, func(p *Project) (any, error) {
		doc := gitLibraryDoc(p)
		refs := gitRefs(doc)
		if refs[path] == nil {
			return nil, gitLibraryNotFound(p.ProjectKey, path)
		}
		delete(refs, path)
		list, _ := doc["pythonPath"].([]any)
		doc["pythonPath"] = slices.DeleteFunc(slices.Clone(list), func(x any) bool { return x == any(path) })
		p.ExternalLibraries = doc
		state := copyDocs(p.GitLibraryState)
		if deleteDirectory {
			delete(state, path)
		} else {
			state[path] = map[string]any{"directory": true}
		}
		p.GitLibraryState = state
		return map[string]any{}, nil
	})
}

func (s *Server) handleResetGitLibrary(w http.ResponseWriter, r *http.Request) {
	runFor := s.CodeEnvBuildTime()
	s.changeInProject(w, r, func(p *Project, body map[string]any) (any, error) {
		path, _ := body["gitRef"].(string)
		ref, _ := gitRefs(gitLibraryDoc(p))[path].(map[string]any)
		if ref == nil {
			return nil, gitLibraryNotFound(p.ProjectKey, path)
		}
		checkout, _ := ref["checkout"].(string)
		changeGitLibraryState(p, path, func(e map[string]any) { pulled(e, checkout) })
		return s.gitLibraryPull(runFor, "Git reference "+path+" reset", ref, nil), nil
	})
}

// gitLibraryState is what the emulator knows of path's directory in
// project key (nil: none).
func (s *Server) gitLibraryState(key, path string) map[string]any {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p := s.state.Projects[key]
	if p == nil {
		return nil
	}
	return copyDoc(p.GitLibraryState[path])
}

// GitLibraryPulled is the checkout the directory of project key's Git
// reference path was last pulled at, and how many pulls it had (the add's
// and each reset's).
func (s *Server) GitLibraryPulled(key, path string) (checkout string, pulls int) {
	e := s.gitLibraryState(key, path)
	checkout, _ = e["pulled"].(string)
	n, _ := e["pulls"].(float64)
	return checkout, int(n)
}

// GitLibraryPasswordIs reports whether the reference's stored password is
// password.
func (s *Server) GitLibraryPasswordIs(key, path, password string) bool {
	h, _ := s.gitLibraryState(key, path)["passwordSHA256"].(string)
	return h != "" && h == hashSecret(password)
}

// GitLibraryDirectoryKept reports whether the directory of path is still
// in project key's library (a reference, or one removed without
// deleteDirectory).
func (s *Server) GitLibraryDirectoryKept(key, path string) bool {
	return s.gitLibraryState(key, path)["directory"] == true
}
