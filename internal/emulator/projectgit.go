package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// A project's own Git repository (every DSS project is one): dataikuapi's
// DSSProjectGit get_status, get_remote, set_remote, remove_remote, commit,
// push and pull [V] give the routes and the bodies. The emulator keeps no
// files: a project's repository is its remotes, its one branch (master
// [I]), its commit log, whether changes are pending (MarkProjectGitChanges
// stands for a change made in DSS: the emulator does not track them), and
// per remote and branch the commits the remote holds (what was pushed,
// plus AddProjectGitRemoteCommit's, which stand for another clone's push).
//
// [I] choices: a commit with nothing pending is accepted and makes no
// commit (git would refuse; DSS's answer is not documented, and the
// lenient reading never fails a CI push of an unchanged project); a push
// or a pull goes to origin, or the first remote by name without one; with
// no remote it answers success false and git's message, as DSS answers
// git's failures [V: push and pull return {success, logs, output}]; a
// pull with nothing new succeeds. Rights: reading needs read access to
// the project, every change (remote, commit, push, pull) write access.

// ProjectGit is a project's repository as the emulator models it.
type ProjectGit struct {
	Branch  string             `json:"branch"`
	Remotes map[string]string  `json:"remotes,omitempty"`
	Log     []ProjectGitCommit `json:"log,omitempty"`
	Pending bool               `json:"pending,omitempty"`
	// RemoteBranches: per remote, per branch, its commits, oldest first.
	RemoteBranches map[string]map[string][]ProjectGitCommit `json:"remoteBranches,omitempty"`
}

// ProjectGitCommit is one commit of a project's log.
type ProjectGitCommit struct {
	ID      string `json:"id"`
	Message string `json:"message"`
	Author  string `json:"author"`
}

// projectGitDefaultBranch is a new project's branch [I: DSS's repositories
// are created on master].
const projectGitDefaultBranch = "master"

// clone is a deep copy of g, with the defaults of a project that never
// used Git when g is nil.
func (g *ProjectGit) clone() *ProjectGit {
	if g == nil {
		return &ProjectGit{Branch: projectGitDefaultBranch}
	}
	q := &ProjectGit{Branch: g.Branch, Pending: g.Pending, Log: slices.Clone(g.Log)}
	if g.Remotes != nil {
		q.Remotes = map[string]string{}
		for k, v := range g.Remotes {
			q.Remotes[k] = v
		}
	}
	if g.RemoteBranches != nil {
		q.RemoteBranches = map[string]map[string][]ProjectGitCommit{}
		for r, bs := range g.RemoteBranches {
			q.RemoteBranches[r] = map[string][]ProjectGitCommit{}
			for b, ids := range bs {
				q.RemoteBranches[r][b] = slices.Clone(ids)
			}
		}
	}
	return q
}

// copyProjectGit is clone that keeps nil.
func copyProjectGit(g *ProjectGit) *ProjectGit {
	if g == nil {
		return nil
	}
	return g.clone()
}

// upstream is the remote a push or a pull uses: origin, else the first by
// name, "" for none [I].
func (g *ProjectGit) upstream() string {
	if _, ok := g.Remotes["origin"]; ok {
		return "origin"
	}
	names := sortedKeys(g.Remotes)
	if len(names) == 0 {
		return ""
	}
	return names[0]
}

func commitIDs(log []ProjectGitCommit) []string {
	ids := make([]string, len(log))
	for i, c := range log {
		ids[i] = c.ID
	}
	return ids
}

// tracking is how many commits the branch has that its upstream lacks,
// and the other way round.
func (g *ProjectGit) tracking() (ahead, behind int) {
	up := g.upstream()
	if up == "" {
		return 0, 0
	}
	remote := commitIDs(g.RemoteBranches[up][g.Branch])
	local := commitIDs(g.Log)
	for _, id := range local {
		if !slices.Contains(remote, id) {
			ahead++
		}
	}
	for _, id := range remote {
		if !slices.Contains(local, id) {
			behind++
		}
	}
	return ahead, behind
}

// setRemoteBranch records that remote's branch holds log.
func (g *ProjectGit) setRemoteBranch(remote, branch string, log []ProjectGitCommit) {
	if g.RemoteBranches == nil {
		g.RemoteBranches = map[string]map[string][]ProjectGitCommit{}
	}
	if g.RemoteBranches[remote] == nil {
		g.RemoteBranches[remote] = map[string][]ProjectGitCommit{}
	}
	g.RemoteBranches[remote][branch] = log
}

// checkRemoteName: a name a path segment can carry and git accepts [I].
func checkRemoteName(name string) *APIError {
	if name == "" || strings.ContainsAny(name, "/ \t\n\\:") || strings.HasPrefix(name, "-") || name == "." || name == ".." {
		return errIllegalArgument(fmt.Sprintf("Invalid remote name %q", name))
	}
	return nil
}

func (s *Server) projectGitRoutes() {
	s.handle("GET /projects/{projectKey}/git/status", s.handleProjectGitStatus)
	s.handle("GET /projects/{projectKey}/git/remotes/{name}", s.handleGetProjectGitRemote)
	s.handle("POST /projects/{projectKey}/git/remotes/{name}", s.handleSetProjectGitRemote)
	s.handle("DELETE /projects/{projectKey}/git/remotes/{name}", s.handleRemoveProjectGitRemote)
	s.handle("POST /projects/{projectKey}/git/actions/commit", s.handleProjectGitCommit)
	s.handle("POST /projects/{projectKey}/git/actions/push", s.handleProjectGitPush)
	s.handle("POST /projects/{projectKey}/git/actions/pullRebase", s.handleProjectGitPull)
}

func (s *Server) handleProjectGitStatus(w http.ResponseWriter, r *http.Request) {
	s.answerInProject(w, r, s.read, AccessRead, func(p *Project) (any, error) {
		g := p.Git.clone()
		remotes := []any{}
		for _, name := range sortedKeys(g.Remotes) {
			remotes = append(remotes, map[string]any{"name": name, "url": g.Remotes[name]})
		}
		ahead, behind := g.tracking()
		return map[string]any{"currentBranch": g.Branch, "remotes": remotes,
			"trackingCount": map[string]any{"ahead": ahead, "behind": behind},
			"clean":         !g.Pending, "hasUncommittedChanges": g.Pending,
			"added": []any{}, "changed": []any{}, "removed": []any{}, "missing": []any{}, "modified": []any{},
			"conflicting": []any{}, "untracked": []any{}, "untrackedFolders": []any{}}, nil
	})
}

// handleGetProjectGitRemote answers {url}, or {} for a remote that is not
// set [V: get_remote reads a missing url as None].
func (s *Server) handleGetProjectGitRemote(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	s.answerInProject(w, r, s.read, AccessRead, func(p *Project) (any, error) {
		if u, ok := p.Git.clone().Remotes[name]; ok {
			return map[string]any{"name": name, "url": u}, nil
		}
		return map[string]any{}, nil
	})
}

func (s *Server) handleSetProjectGitRemote(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	s.changeInProject(w, r, func(p *Project, body map[string]any) (any, error) {
		if err := checkRemoteName(name); err != nil {
			return nil, err
		}
		u, _ := body["url"].(string)
		if strings.TrimSpace(u) == "" {
			return nil, errIllegalArgument("url is required")
		}
		g := p.Git.clone()
		if g.Remotes == nil {
			g.Remotes = map[string]string{}
		}
		if old, ok := g.Remotes[name]; ok && old != u {
			delete(g.RemoteBranches, name) // another repository: what was fetched from the old one is forgotten [I]
		}
		g.Remotes[name] = u
		p.Git = g
		return map[string]any{}, nil
	})
}

// handleRemoveProjectGitRemote: removing a remote that is not set is an
// error, as git's [I].
func (s *Server) handleRemoveProjectGitRemote(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	s.answerInProject(w, r, s.mutate, AccessWrite, func(p *Project) (any, error) {
		g := p.Git.clone()
		if _, ok := g.Remotes[name]; !ok {
			return nil, errNotFound(fmt.Sprintf("No such remote '%s' in project %s", name, p.ProjectKey))
		}
		delete(g.Remotes, name)
		delete(g.RemoteBranches, name)
		p.Git = g
		return map[string]any{}, nil
	})
}

func (s *Server) handleProjectGitCommit(w http.ResponseWriter, r *http.Request) {
	author := callerFrom(r.Context()).Login
	s.changeInProject(w, r, func(p *Project, body map[string]any) (any, error) {
		msg, _ := body["message"].(string)
		if strings.TrimSpace(msg) == "" {
			return nil, errIllegalArgument("A commit message is required")
		}
		g := p.Git.clone()
		if !g.Pending {
			return map[string]any{}, nil // nothing to commit: no commit [I]
		}
		g.Log = append(g.Log, ProjectGitCommit{ID: strings.ToLower(randomID(12)), Message: msg, Author: author})
		g.Pending = false
		p.Git = g
		return map[string]any{}, nil
	})
}

// gitResult is a push's or a pull's answer.
func gitResult(success bool, output string) map[string]any {
	return map[string]any{"success": success, "logs": []any{output}, "output": output}
}

// branchOf is the branchName parameter, the current branch when absent.
func branchOf(r *http.Request, g *ProjectGit) string {
	if b := r.URL.Query().Get("branchName"); b != "" {
		return b
	}
	return g.Branch
}

// gitTransfer answers a push or a pull: git's failure (noRemote, or
// noBranch with the branch for a branch the project does not have), or
// what transfer answers with the project's repository g (a copy), its
// upstream and the branch.
func (s *Server) gitTransfer(w http.ResponseWriter, r *http.Request, noRemote, noBranch string, transfer func(p *Project, g *ProjectGit, up, branch string) any) {
	s.answerInProject(w, r, s.mutate, AccessWrite, func(p *Project) (any, error) {
		g := p.Git.clone()
		up, branch := g.upstream(), branchOf(r, g)
		switch {
		case up == "":
			return gitResult(false, noRemote), nil
		case branch != g.Branch:
			return gitResult(false, fmt.Sprintf(noBranch, branch)), nil
		}
		return transfer(p, g, up, branch), nil
	})
}

func (s *Server) handleProjectGitPush(w http.ResponseWriter, r *http.Request) {
	s.gitTransfer(w, r, "fatal: No configured push destination: the project's repository has no remote", "error: src refspec %s does not match any",
		func(p *Project, g *ProjectGit, up, branch string) any {
			if _, behind := g.tracking(); behind > 0 {
				return gitResult(false, fmt.Sprintf("! [rejected] %s -> %s (fetch first)\nerror: failed to push some refs to '%s'", branch, branch, g.Remotes[up]))
			}
			ahead, _ := g.tracking()
			g.setRemoteBranch(up, branch, slices.Clone(g.Log))
			p.Git = g
			if ahead == 0 {
				return gitResult(true, "Everything up-to-date")
			}
			return gitResult(true, fmt.Sprintf("To %s\n   %s -> %s (%d commits)", g.Remotes[up], branch, branch, ahead))
		})
}

// handleProjectGitPull rebases the branch's own commits on the remote's.
func (s *Server) handleProjectGitPull(w http.ResponseWriter, r *http.Request) {
	s.gitTransfer(w, r, "fatal: No remote repository specified: the project's repository has no remote", "fatal: couldn't find remote ref %s",
		func(p *Project, g *ProjectGit, up, branch string) any {
			_, behind := g.tracking()
			if behind == 0 {
				return gitResult(true, "Already up to date.")
			}
			remote := g.RemoteBranches[up][branch]
			remoteIDs := commitIDs(remote)
			log := slices.Clone(remote)
			for _, c := range g.Log {
				if !slices.Contains(remoteIDs, c.ID) {
					log = append(log, c)
				}
			}
			g.Log = log
			p.Git = g
			return gitResult(true, fmt.Sprintf("Fast-forwarded %s: %d new commits", branch, behind))
		})
}

// changeProjectGit applies change to a copy of project key's repository
// (a test's knob, standing for what happens outside the API).
func (s *Server) changeProjectGit(key string, change func(g *ProjectGit)) error {
	return s.mutate(func(st *State) error {
		p := st.Projects[key]
		if p == nil {
			return errNotFound("project " + key + " does not exist")
		}
		s.touch(key)
		g := p.Git.clone()
		change(g)
		p.Git = g
		return nil
	})
}

// MarkProjectGitChanges records uncommitted changes in project key's
// repository, as any change made in DSS leaves until committed.
func (s *Server) MarkProjectGitChanges(key string) error {
	return s.changeProjectGit(key, func(g *ProjectGit) { g.Pending = true })
}

// AddProjectGitRemoteCommit adds a commit to the current branch of project
// key's remote, as another clone's push would.
func (s *Server) AddProjectGitRemoteCommit(key, remote, message string) error {
	return s.changeProjectGit(key, func(g *ProjectGit) {
		log := slices.Clone(g.RemoteBranches[remote][g.Branch])
		g.setRemoteBranch(remote, g.Branch, append(log, ProjectGitCommit{ID: strings.ToLower(randomID(12)), Message: message, Author: "someone-else"}))
	})
}

// ProjectGitLog is project key's commit log, oldest first.
func (s *Server) ProjectGitLog(key string) []ProjectGitCommit {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if p := s.state.Projects[key]; p != nil {
		return slices.Clone(p.Git.clone().Log)
	}
	return nil
}

// ProjectGitPushed is what project key's remote holds of branch, oldest
// first.
func (s *Server) ProjectGitPushed(key, remote, branch string) []ProjectGitCommit {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if p := s.state.Projects[key]; p != nil {
		return slices.Clone(p.Git.clone().RemoteBranches[remote][branch])
	}
	return nil
}
