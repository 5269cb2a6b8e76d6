package emulator

import (
	"context"
	"fmt"
)

// Access is a level of project access required by an operation.
type Access int

const (
	AccessRead  Access = iota // any grant, or owner
	AccessWrite               // owner, admin grant or writeProjectContent
	AccessAdmin               // owner or admin grant
)

// PermissionsReadAccess is needed to GET /projects/{k}/permissions
// (dss-api.md §3.1 says project ADMIN). [I]
var PermissionsReadAccess = AccessAdmin

// MsgProjectPermissions is the message non-admins get for a project they
// cannot see, whether or not it exists (dss-api.md §6.1).
const MsgProjectPermissions = "Failed to read project permissions"

// projectOwner returns permissions.owner.
func projectOwner(p *Project) string {
	o, _ := p.Permissions["owner"].(string)
	return o
}

// grants returns the permission entries of p that apply to c.
func grants(p *Project, c *Caller) []map[string]any {
	var out []map[string]any
	list, _ := p.Permissions["permissions"].([]any)
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		if u, _ := m["user"].(string); u != "" && u == c.Login {
			out = append(out, m)
			continue
		}
		if g, _ := m["group"].(string); g != "" && c.InGroup(g) {
			out = append(out, m)
		}
	}
	return out
}

// canAccess reports whether c has the given access to p.
func canAccess(p *Project, c *Caller, need Access) bool {
	if c.IsAdmin || (c.Login != "" && projectOwner(p) == c.Login) {
		return true
	}
	gs := grants(p, c)
	switch need {
	case AccessRead:
		return len(gs) > 0
	case AccessWrite:
		for _, g := range gs {
			if g["admin"] == true || g["writeProjectContent"] == true {
				return true
			}
		}
	case AccessAdmin:
		for _, g := range gs {
			if g["admin"] == true {
				return true
			}
		}
	}
	return false
}

// projectForCaller looks up a project for caller c, applying the DSS
// visibility rules: admins get 404 NotFoundException for a missing
// project; non-admins get UnauthorizedException "Failed to read project
// permissions" (status Options.UnauthorizedStatus) for a project that is
// missing OR not visible; a visible project with insufficient rights gives
// UnauthorizedException too. Call it inside s.read or s.mutate.
func (s *Server) projectForCaller(st *State, c *Caller, key string, need Access) (*Project, *APIError) {
	s.touch(key)
	p := st.Projects[key]
	if c.IsAdmin {
		if p == nil {
			return nil, errNotFound(fmt.Sprintf("Project %s does not exist", key))
		}
		return p, nil
	}
	if p == nil || !canAccess(p, c, AccessRead) {
		return nil, newError(s.opts.UnauthorizedStatus, ErrTypeUnauthorized, MsgProjectPermissions)
	}
	if !canAccess(p, c, need) {
		what := "write"
		if need == AccessAdmin {
			what = "administer"
		}
		return nil, newError(s.opts.UnauthorizedStatus, ErrTypeUnauthorized,
			fmt.Sprintf("Action forbidden: you may not %s project %s", what, key))
	}
	return p, nil
}

// ProjectForCaller is projectForCaller taking the caller from ctx; it takes
// the read lock itself, so do NOT call it inside read/mutate. The returned
// project is a deep copy.
func (s *Server) ProjectForCaller(ctx context.Context, key string, need Access) (*Project, *APIError) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p, err := s.projectForCaller(s.state, callerFrom(ctx), key, need)
	if err != nil {
		return nil, err
	}
	return copyProject(p), nil
}

// copyDocsOrEmpty is copyDocs, but a nil collection gives an empty one:
// a copied project always has its datasets, folders, recipes and
// scenarios.
func copyDocsOrEmpty(m map[string]map[string]any) map[string]map[string]any {
	if m == nil {
		return map[string]map[string]any{}
	}
	return copyDocs(m)
}

func copyProject(p *Project) *Project {
	q := *p
	q.Metadata = copyDoc(p.Metadata)
	q.Permissions = copyDoc(p.Permissions)
	q.Variables = copyDoc(p.Variables)
	q.Settings = copyDoc(p.Settings)
	q.TagRegistry = copyDoc(p.TagRegistry)
	q.Datasets = copyDocsOrEmpty(p.Datasets)
	q.ManagedFolders = copyDocsOrEmpty(p.ManagedFolders)
	q.SavedModels = copyDocs(p.SavedModels)
	q.EvaluationStores = copyDocs(p.EvaluationStores)
	q.KnowledgeBanks = copyDocs(p.KnowledgeBanks)
	q.LabelingTasks = copyDocs(p.LabelingTasks)
	q.StreamingEndpoints = copyDocs(p.StreamingEndpoints)
	q.RetrievalAugmentedLLMs = copyDocs(p.RetrievalAugmentedLLMs)
	q.Agents = copyDocs(p.Agents)
	q.AgentTools = copyDocs(p.AgentTools)
	q.CodeStudios = copyDocs(p.CodeStudios)
	q.Zones = copyZones(p.Zones)
	q.Wiki = copyWiki(p.Wiki)
	q.DataQuality = copyDataQuality(p.DataQuality)
	q.Recipes = copyDocsOrEmpty(p.Recipes)
	q.Scenarios = copyDocsOrEmpty(p.Scenarios)
	q.ExportedBundles = copyDocs(p.ExportedBundles)
	q.ImportedBundles = copyDocs(p.ImportedBundles)
	q.APIServices = copyDocs(p.APIServices)
	q.APIPackages = copyDocs(p.APIPackages)
	q.ExternalLibraries = copyDoc(p.ExternalLibraries)
	q.GitLibraryState = copyDocs(p.GitLibraryState)
	q.JupyterNotebooks = copyDocs(p.JupyterNotebooks)
	q.Git = copyProjectGit(p.Git)
	return &q
}
