package emulator

// The Project Deployer of a design node (dataikuapi dss/projectdeployer.py):
// stages, infrastructures (each an automation node's URL and admin key),
// published projects (the bundles published from design projects) and
// deployments (a published project's bundle on an infrastructure).
//
// A deployment's update is what DSS does: it calls the automation node of
// the infrastructure over HTTP with the infrastructure's key, imports the
// bundle there (creating the deployed project on the first update), writes
// the connection remappings into the deployed project's settings, activates
// the bundle and applies the deployment's variable overrides. The update
// answers a future whose result is the update's report; a failure (node
// unreachable, key refused, activation refused) is the report's error, as
// DSS reports it, not an HTTP error of the update call.
//
// [I] Rights: every deployer call needs an instance administrator (DSS
// also grants per-infrastructure and per-published-project rights; the
// emulator stores them in the settings but does not apply them).

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// DeployerState is the Project Deployer's part of the state.
type DeployerState struct {
	Infras      map[string]map[string]any    `json:"infras"`
	Projects    map[string]*PublishedProject `json:"projects"`
	Deployments map[string]*DeploymentRecord `json:"deployments"`
	// APIInfras are the API Deployer's infrastructures, each its settings
	// document; APIServices its published services; APIDeployments its
	// deployments, each recorded as a Project Deployer's (apideployer.go).
	APIInfras      map[string]map[string]any    `json:"apiInfras,omitempty"`
	APIServices    map[string]*PublishedService `json:"apiServices,omitempty"`
	APIDeployments map[string]*DeploymentRecord `json:"apiDeployments,omitempty"`
	// Stages are the deployer's stages when an administrator changed them
	// (DSS keeps them in its settings); nil: DeployerStages. APIStages are
	// the API Deployer's, its own list in DSS's settings.
	Stages    []map[string]any `json:"stages,omitempty"`
	APIStages []map[string]any `json:"apiStages,omitempty"`
}

// PublishedProject is a project on the deployer: its settings (owner,
// permissions, basicInfo) and its published bundles (archives).
type PublishedProject struct {
	Settings map[string]any            `json:"settings"`
	Bundles  map[string]map[string]any `json:"bundles"`
}

// DeploymentRecord is a deployment: its settings and what its last update
// did. Synced is the settings' JSON as the last successful update applied
// them ("" before one).
type DeploymentRecord struct {
	Settings       map[string]any `json:"settings"`
	CreatedBy      string         `json:"createdBy"`
	LastUpdate     map[string]any `json:"lastUpdate,omitempty"`
	Synced         string         `json:"synced,omitempty"`
	DeployedBundle string         `json:"deployedBundle,omitempty"`
	// Health, when set (SetDeploymentHealth), is reported instead of the
	// computed health until the deployment's next update: the health of
	// what the emulator does not run, e.g. WARNING from the deployed
	// project, UNKNOWN from a node that cannot be reached.
	Health string `json:"health,omitempty"`
	// PreDeleteError, when set (SetPreDeleteError), is how what DSS does
	// before deleting the deployment fails (removing it from an API node
	// that cannot be reached, say): the delete fails with it unless it
	// says ignorePreDeleteErrors=true.
	PreDeleteError string `json:"preDeleteError,omitempty"`
}

// DeployerStages are the stages an infrastructure may have. [I] DSS's
// defaults, configurable in its settings; the emulator has these.
var DeployerStages = []map[string]any{
	{"id": "Development", "desc": "Development"},
	{"id": "Test", "desc": "Test"},
	{"id": "Production", "desc": "Production"},
}

// GovernCheckPolicies are the policies DSS knows (projectdeployer.py).
var GovernCheckPolicies = []string{"NO_CHECK", "WARN", "PREVENT"}

func (st *State) deployer() *DeployerState {
	if st.Deployer == nil {
		st.Deployer = &DeployerState{}
	}
	d := st.Deployer
	ensureMap(&d.Infras)
	ensureMap(&d.Projects)
	ensureMap(&d.Deployments)
	ensureMap(&d.APIInfras)
	ensureMap(&d.APIServices)
	ensureMap(&d.APIDeployments)
	return d
}

// emptyDeployer is what reads see before the first write.
var emptyDeployer = &DeployerState{Infras: map[string]map[string]any{}, Projects: map[string]*PublishedProject{}, Deployments: map[string]*DeploymentRecord{}}

func (st *State) deployerRead() *DeployerState {
	if st.Deployer == nil {
		return emptyDeployer
	}
	return st.Deployer
}

// MsgDeployerForbidden is what a non-administrator gets. [I]
const MsgDeployerForbidden = "Action forbidden: you are not an administrator of the Project Deployer"

func deployerRight(c *Caller) *APIError {
	if c.IsAdmin {
		return nil
	}
	return newError(http.StatusForbidden, ErrTypeUnauthorized, MsgDeployerForbidden)
}

func (s *Server) deployerRoutes() {
	s.handle("GET /project-deployer/stages", s.handleStages)
	// Every kind's list, GET, settings GET and PUT and DELETE go through
	// deployerKind. An infrastructure's settings hold the admin key as
	// stored: DSS answers it to administrators (the Ansible collection
	// reads it back).
	for _, k := range []*deployerKind{deployerInfras, deployerPublished, deployerDeployments, apiDeployerInfras, apiDeployerServices, apiDeployerDeployments} {
		list := k.root + "/" + k.path
		one := list + "/{" + k.param + "}"
		s.handle("GET "+list, s.deployerList(k))
		s.handle("GET "+one, s.deployerFind(k, k.light))
		s.handle("GET "+one+"/settings", s.deployerFind(k, k.settings))
		s.handle("PUT "+one+"/settings", s.deployerChange(k, true, k.put))
		s.handle("DELETE "+one, s.deployerChange(k, false, k.remove))
	}
	s.handle("POST /project-deployer/infras", s.handleCreateInfra)
	s.handle("POST /project-deployer/projects", s.handleCreatePublished)
	s.handle("DELETE /project-deployer/projects/{key}/bundles/{bundleId}", s.handleDeletePublishedBundle)
	s.handle("POST /project-deployer/deployments", s.handleCreateDeployment)
	s.handle("GET /project-deployer/deployments/{id}/status", s.handleDeploymentStatus)
	s.handle("GET /project-deployer/deployments/{id}/last-update", s.handleLastUpdate)
	s.handle("POST /project-deployer/deployments/{id}/actions/update", s.handleUpdateDeployment)
	s.apiDeployerRoutes()
	s.apiServiceRoutes()
}

// deployerGet runs fn under the read lock after the Project Deployer's
// rights check and answers what it returns.
func (s *Server) deployerGet(w http.ResponseWriter, r *http.Request, fn func(d *DeployerState) (any, *APIError)) {
	s.deployerGetAs(deployerRight, w, r, fn)
}

// deployerGetAs is deployerGet with the rights check of either deployer.
func (s *Server) deployerGetAs(right func(*Caller) *APIError, w http.ResponseWriter, r *http.Request, fn func(d *DeployerState) (any, *APIError)) {
	if err := right(callerFrom(r.Context())); err != nil {
		writeErr(w, err)
		return
	}
	s.answerRead(w, func(st *State) (any, error) {
		v, err := fn(st.deployerRead())
		if err != nil {
			return nil, err
		}
		return deepCopy(v), nil
	})
}

// deployerWrite runs fn under the write lock after the Project
// Deployer's rights check.
func (s *Server) deployerWrite(w http.ResponseWriter, r *http.Request, fn func(st *State, d *DeployerState) (any, *APIError)) {
	s.deployerWriteAs(deployerRight, w, r, fn)
}

// deployerWriteAs is deployerWrite with the rights check of either
// deployer.
func (s *Server) deployerWriteAs(right func(*Caller) *APIError, w http.ResponseWriter, r *http.Request, fn func(st *State, d *DeployerState) (any, *APIError)) {
	if err := right(callerFrom(r.Context())); err != nil {
		writeErr(w, err)
		return
	}
	s.answerWrite(w, func(st *State) (any, error) {
		// The deployer section is replaced by a copy, changed, and kept
		// only when fn succeeds: a refused write changes nothing.
		cp := &DeployerState{}
		raw, _ := json.Marshal(st.deployerRead())
		_ = decodeNumber(raw, cp)
		tmp := *st
		tmp.Deployer = cp
		v, err := fn(&tmp, tmp.deployer())
		if err != nil {
			return nil, err
		}
		st.Deployer = cp
		if out := deepCopy(v); out != nil {
			return out, nil
		}
		return map[string]any{}, nil
	})
}

// deployerKind is one kind of a deployer's objects (the Project
// Deployer's infrastructures, published projects and deployments, the
// API Deployer's infrastructures): their GET, settings GET and list
// answer the same way, from what the kind says of itself.
type deployerKind struct {
	// root is the deployer's path ("/project-deployer"), path the kind's
	// segment under it; param is the wildcard naming one object.
	root, path, param string
	// right is the deployer's rights check.
	right func(*Caller) *APIError
	// ids are the objects' ids, sorted.
	ids func(d *DeployerState) []string
	// exists reports whether there is an object with that id.
	exists func(d *DeployerState, id string) bool
	// settings is an existing object's settings document.
	settings func(d *DeployerState, id string) map[string]any
	// light is what GET of the object and the list answer for it.
	light func(d *DeployerState, id string) map[string]any
	// missing is DSS's not-found error for the object.
	missing func(id string) *APIError
	// put replaces an object's settings with body; remove deletes it (body
	// holds the request's query parameters), when DSS's rules allow it.
	put, remove func(d *DeployerState, id string, body map[string]any) *APIError
}

var (
	deployerInfras = &deployerKind{
		root:     "/project-deployer",
		right:    deployerRight,
		path:     "infras",
		param:    "id",
		ids:      func(d *DeployerState) []string { return sortedKeys(d.Infras) },
		exists:   func(d *DeployerState, id string) bool { return d.Infras[id] != nil },
		settings: func(d *DeployerState, id string) map[string]any { return d.Infras[id] },
		light:    (*DeployerState).infraLight,
		missing:  errInfraMissing,
		put:      putInfraSettings,
		remove: deleteIfUnused("Infrastructure", func(d *DeployerState, id string) []any { return d.deploymentsWhere("infraId", id) },
			func(d *DeployerState, id string) { delete(d.Infras, id) }),
	}
	deployerPublished = &deployerKind{
		root:     "/project-deployer",
		right:    deployerRight,
		path:     "projects",
		param:    "key",
		ids:      func(d *DeployerState) []string { return sortedKeys(d.Projects) },
		exists:   func(d *DeployerState, key string) bool { return d.Projects[key] != nil },
		settings: func(d *DeployerState, key string) map[string]any { return d.Projects[key].Settings },
		light:    (*DeployerState).publishedLight,
		missing:  errPublishedMissing,
		put:      putPublishedSettings,
		remove: deleteIfUnused("Published project", func(d *DeployerState, key string) []any { return d.deploymentsWhere("publishedProjectKey", key) },
			func(d *DeployerState, key string) { delete(d.Projects, key) }),
	}
	deployerDeployments = &deployerKind{
		root:     "/project-deployer",
		right:    deployerRight,
		path:     "deployments",
		param:    "id",
		ids:      func(d *DeployerState) []string { return sortedKeys(d.Deployments) },
		exists:   func(d *DeployerState, id string) bool { return d.Deployments[id] != nil },
		settings: func(d *DeployerState, id string) map[string]any { return d.Deployments[id].Settings },
		light:    (*DeployerState).deploymentLight,
		missing:  errDeploymentMissing,
		put:      putDeploymentSettings,
		remove:   deleteDeployment,
	}
)

// deployerChange runs change, under the write lock after the rights
// check, on the existing object of kind k the path names, with the
// request's JSON object when withBody is set (a PUT) and its query
// parameters (each one's first value) otherwise; an object missing is k's
// not-found error.
func (s *Server) deployerChange(k *deployerKind, withBody bool, change func(d *DeployerState, id string, body map[string]any) *APIError) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue(k.param)
		body := map[string]any{}
		if withBody {
			var ok bool
			if body, ok = decodeObject(w, r); !ok {
				return
			}
		} else {
			for name := range r.URL.Query() {
				body[name] = r.URL.Query().Get(name)
			}
		}
		s.deployerWriteAs(k.right, w, r, func(_ *State, d *DeployerState) (any, *APIError) {
			if !k.exists(d, id) {
				return nil, k.missing(id)
			}
			return nil, change(d, id, body)
		})
	}
}

// deleteIfUnused is the DELETE of an infrastructure or published project
// (noun): refused while it has deployments (users lists them).
func deleteIfUnused(noun string, users func(d *DeployerState, id string) []any, remove func(d *DeployerState, id string)) func(d *DeployerState, id string, _ map[string]any) *APIError {
	return func(d *DeployerState, id string, _ map[string]any) *APIError {
		if deps := users(d, id); len(deps) != 0 {
			return errIllegalArgument(fmt.Sprintf("%s %s still has %d deployment(s)", noun, id, len(deps)))
		}
		remove(d, id)
		return nil
	}
}

// deployerList answers the list of a kind: each object's light form.
func (s *Server) deployerList(k *deployerKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.deployerGetAs(k.right, w, r, func(d *DeployerState) (any, *APIError) {
			out := []any{}
			for _, id := range k.ids(d) {
				out = append(out, k.light(d, id))
			}
			return out, nil
		})
	}
}

// deployerFind answers a GET of the object the path names with view of
// it, or with the kind's not-found error.
func (s *Server) deployerFind(k *deployerKind, view func(d *DeployerState, id string) map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue(k.param)
		s.deployerGetAs(k.right, w, r, func(d *DeployerState) (any, *APIError) {
			if !k.exists(d, id) {
				return nil, k.missing(id)
			}
			return view(d, id), nil
		})
	}
}

func (s *Server) handleStages(w http.ResponseWriter, r *http.Request) {
	s.deployerGet(w, r, func(d *DeployerState) (any, *APIError) {
		out := []any{}
		for _, st := range d.stages() {
			out = append(out, st)
		}
		return out, nil
	})
}

// stages are the deployer's stages.
func (d *DeployerState) stages() []map[string]any {
	if d.Stages != nil {
		return d.Stages
	}
	return DeployerStages
}

// apiStages are the API Deployer's stages.
func (d *DeployerState) apiStages() []map[string]any {
	if d.APIStages != nil {
		return d.APIStages
	}
	return DeployerStages
}

// SetDeployerStages replaces the Project Deployer's stages, as an
// administrator does in DSS's settings. [I] DSS leaves the infrastructures
// of a removed stage as they are; so does the emulator.
func (s *Server) SetDeployerStages(ids []string) error {
	return s.mutate(func(st *State) error {
		st.deployer().Stages = stagesOf(ids)
		return nil
	})
}

// SetAPIDeployerStages replaces the API Deployer's stages, its own list.
func (s *Server) SetAPIDeployerStages(ids []string) error {
	return s.mutate(func(st *State) error {
		st.deployer().APIStages = stagesOf(ids)
		return nil
	})
}

func stagesOf(ids []string) []map[string]any {
	out := []map[string]any{}
	for _, id := range ids {
		out = append(out, map[string]any{"id": id, "desc": id})
	}
	return out
}

func (d *DeployerState) knownStage(stage string) bool {
	return hasStage(d.stages(), stage)
}

func hasStage(stages []map[string]any, stage string) bool {
	for _, st := range stages {
		if st["id"] == stage {
			return true
		}
	}
	return false
}

// ---- infrastructures ----

func errInfraMissing(id string) *APIError {
	return errNotFound(fmt.Sprintf("Infrastructure %s does not exist", id))
}

func infraBasicInfo(doc map[string]any) map[string]any {
	out := map[string]any{}
	for _, k := range []string{"id", "stage", "governCheckPolicy", "automationNodeUrl", "automationNodeExternalUrl"} {
		out[k] = doc[k]
	}
	return out
}

func (d *DeployerState) deploymentsWhere(field, value string) []any {
	out := []any{}
	for _, id := range sortedKeys(d.Deployments) {
		if dep := d.Deployments[id]; dep.Settings[field] == value {
			out = append(out, deploymentBasicInfo(dep))
		}
	}
	return out
}

func deploymentBasicInfo(dep *DeploymentRecord) map[string]any {
	out := map[string]any{"createdByDisplayName": dep.CreatedBy, "lastModifiedByDisplayName": dep.CreatedBy}
	for _, k := range []string{"id", "infraId", "tags", "publishedProjectKey", "bundleId", "deployedProjectKey"} {
		out[k] = dep.Settings[k]
	}
	return out
}

func (d *DeployerState) infraLight(id string) map[string]any {
	return map[string]any{"isAdmin": true, "canDeploy": true, "infraBasicInfo": infraBasicInfo(d.Infras[id]),
		"deployments": d.deploymentsWhere("infraId", id)}
}

func (s *Server) handleCreateInfra(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	id, _ := body["id"].(string)
	stage, _ := body["stage"].(string)
	policy, _ := body["governCheckPolicy"].(string)
	policy = cmp.Or(policy, "NO_CHECK")
	s.deployerWrite(w, r, func(_ *State, d *DeployerState) (any, *APIError) {
		switch {
		case !names.IDPattern.MatchString(id):
			return nil, errIllegalArgument(fmt.Sprintf("Invalid infrastructure id %q: it must %s", id, names.IDRule))
		case !d.knownStage(stage):
			return nil, errIllegalArgument(fmt.Sprintf("Unknown stage %q", stage))
		case !slices.Contains(GovernCheckPolicies, policy):
			return nil, errIllegalArgument(fmt.Sprintf("Invalid governCheckPolicy %q", policy))
		case d.Infras[id] != nil:
			return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Infrastructure %s already exists", id))
		}
		d.Infras[id] = map[string]any{
			"id": id, "stage": stage, "governCheckPolicy": policy,
			"autoconfigureFromNodesDirectory": false, "nodeId": "",
			"automationNodeUrl": "", "automationNodeExternalUrl": "", "adminApiKey": "",
			"trustAllSSLCertificates": false, "permissions": []any{},
		}
		return map[string]any{"id": id}, nil
	})
}

func putInfraSettings(d *DeployerState, id string, body map[string]any) *APIError {
	old := d.Infras[id]
	doc := copyDoc(body)
	// [I] The id and stage are the infrastructure's own; DSS keeps
	// them whatever the body says.
	doc["id"], doc["stage"] = old["id"], old["stage"]
	if p, _ := doc["governCheckPolicy"].(string); p != "" && !slices.Contains(GovernCheckPolicies, p) {
		return errIllegalArgument(fmt.Sprintf("Invalid governCheckPolicy %q", p))
	}
	// [I] The automation node's URL is kept as written: nothing shows DSS
	// checking it on save (dataikuapi sends it as given). A URL the
	// deployer cannot reach fails the deployment instead.
	d.Infras[id] = doc
	return nil
}

// ---- published projects ----

func errPublishedMissing(key string) *APIError {
	return errNotFound(fmt.Sprintf("Published project %s does not exist", key))
}

func newPublished(key, owner string) *PublishedProject {
	return &PublishedProject{
		Settings: map[string]any{"id": key, "owner": owner, "permissions": []any{},
			"basicInfo": map[string]any{"name": key}},
		Bundles: map[string]map[string]any{},
	}
}

func (d *DeployerState) publishedLight(key string) map[string]any {
	pp := d.Projects[key]
	return publishedLightStatus("projectBasicInfo", key, pp.Settings, pp.Bundles, bundleSummary,
		d.deploymentsWhere("publishedProjectKey", key), d.Infras, infraBasicInfo)
}

// publishedLightStatus is the light status of a published project or API
// service, which both deployers answer alike (infoKey names its basic
// info): its packages (bundles or versions, each as pkg shows it, by id),
// its deployments (their basic infos) and, once each in the deployments'
// order, the infrastructures they deploy to that infras still holds, each
// as infraInfo shows it.
func publishedLightStatus(infoKey, id string, settings map[string]any, packages map[string]map[string]any, pkg func(map[string]any) map[string]any,
	deployments []any, infras map[string]map[string]any, infraInfo func(map[string]any) map[string]any) map[string]any {
	pkgs := []any{}
	for _, p := range sortedKeys(packages) {
		pkgs = append(pkgs, pkg(packages[p]))
	}
	used := []any{}
	seen := map[string]bool{}
	for _, dep := range deployments {
		inf, _ := dep.(map[string]any)["infraId"].(string)
		if !seen[inf] && infras[inf] != nil {
			seen[inf] = true
			used = append(used, infraInfo(infras[inf]))
		}
	}
	name, _ := deepGet(settings, "basicInfo", "name").(string)
	return map[string]any{"isAdmin": true, "canDeploy": true, "canWrite": true,
		infoKey:    map[string]any{"id": id, "name": name},
		"packages": pkgs, "deployments": deployments, "infras": used}
}

func (s *Server) handleCreatePublished(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	key, _ := body["publishedProjectKey"].(string)
	c := callerFrom(r.Context())
	s.deployerWrite(w, r, func(_ *State, d *DeployerState) (any, *APIError) {
		if !ProjectKeyPattern.MatchString(key) {
			return nil, newError(StatusInvalidKey, ErrTypeIllegalArgument, "Invalid project key: "+key)
		}
		if d.Projects[key] != nil {
			return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Published project %s already exists", key))
		}
		d.Projects[key] = newPublished(key, c.Login)
		return map[string]any{"publishedProjectKey": key}, nil
	})
}

func putPublishedSettings(d *DeployerState, key string, body map[string]any) *APIError {
	doc, err := publishedSettings(key, body)
	if err != nil {
		return err
	}
	d.Projects[key].Settings = doc
	return nil
}

// publishedSettings is the settings document body replaces of a published
// project or API service named key: its permissions a list, its id kept.
func publishedSettings(key string, body map[string]any) (map[string]any, *APIError) {
	if l, ok := body["permissions"]; ok {
		if _, isList := l.([]any); !isList {
			return nil, errIllegalArgument("permissions must be an array")
		}
	}
	doc := copyDoc(body)
	doc["id"] = key
	return doc, nil
}

func (s *Server) handleDeletePublishedBundle(w http.ResponseWriter, r *http.Request) {
	key, id := r.PathValue("key"), r.PathValue("bundleId")
	s.deployerWrite(w, r, func(_ *State, d *DeployerState) (any, *APIError) {
		pp := d.Projects[key]
		if pp == nil {
			return nil, errPublishedMissing(key)
		}
		if pp.Bundles[id] == nil {
			return nil, errNotFound(fmt.Sprintf("Bundle %s does not exist in published project %s", id, key))
		}
		for _, dep := range d.Deployments {
			if dep.Settings["publishedProjectKey"] == key && (dep.Settings["bundleId"] == id || dep.DeployedBundle == id) {
				return nil, errIllegalArgument(fmt.Sprintf("Bundle %s is used by deployment %v", id, dep.Settings["id"]))
			}
		}
		delete(pp.Bundles, id)
		return nil, nil
	})
}

// POST /projects/{k}/bundles/{id}/publish?publishedProjectKey=: copies the
// exported bundle to the deployer, creating the published project when
// none has that key. [I] A bundle id already published there is refused.
func (s *Server) handlePublishBundle(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	pkey := cmp.Or(r.URL.Query().Get("publishedProjectKey"), r.PathValue("projectKey"))
	s.answerBundle(w, r, s.mutate, AccessAdmin, exportedBundles, func(st *State, p *Project, id string, b map[string]any) (any, error) {
		if err := deployerRight(c); err != nil {
			return nil, err
		}
		if !ProjectKeyPattern.MatchString(pkey) {
			return nil, newError(StatusInvalidKey, ErrTypeIllegalArgument, "Invalid project key: "+pkey)
		}
		d := st.deployer()
		pp := d.Projects[pkey]
		if pp == nil {
			pp = newPublished(pkey, c.Login)
			if label, _ := p.Metadata["label"].(string); label != "" {
				pp.Settings["basicInfo"] = map[string]any{"name": label}
			}
		}
		if pp.Bundles[id] != nil {
			return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Bundle %s is already published in %s", id, pkey))
		}
		now := nowMillis()
		pb := copyDoc(b)
		pb["publishedOn"], pb["publishedBy"], pb["publishedProjectKey"] = now, c.Login, pkey
		pb["id"] = id
		pp.Bundles[id] = pb
		d.Projects[pkey] = pp
		nb := copyDoc(b)
		nb["publishedOn"], nb["publishedProjectKey"] = now, pkey
		m := copyDocs(p.ExportedBundles)
		m[id] = nb
		p.ExportedBundles = m
		return map[string]any{"publishedOn": now, "publishedBy": c.Login, "publishedProjectKey": pkey}, nil
	})
}

// ---- deployments ----

func errDeploymentMissing(id string) *APIError {
	return errNotFound(fmt.Sprintf("Deployment %s does not exist", id))
}

// checkDeployment validates settings against the deployer.
func (d *DeployerState) checkDeployment(set map[string]any) *APIError {
	id, _ := set["id"].(string)
	pkey, _ := set["publishedProjectKey"].(string)
	infra, _ := set["infraId"].(string)
	bundle, _ := set["bundleId"].(string)
	dkey, _ := set["deployedProjectKey"].(string)
	switch {
	case !names.IDPattern.MatchString(id):
		return errIllegalArgument(fmt.Sprintf("Invalid deployment id %q: it must %s", id, names.IDRule))
	case d.Projects[pkey] == nil:
		return errPublishedMissing(pkey)
	case d.Infras[infra] == nil:
		return errInfraMissing(infra)
	case d.Projects[pkey].Bundles[bundle] == nil:
		return errNotFound(fmt.Sprintf("Bundle %s does not exist in published project %s", bundle, pkey))
	case !ProjectKeyPattern.MatchString(dkey):
		return newError(StatusInvalidKey, ErrTypeIllegalArgument, "Invalid deployed project key: "+dkey)
	}
	list, _ := deepGet(set, "bundleContainerSettings", "remapping", "connections").([]any)
	for _, e := range list {
		m, _ := e.(map[string]any)
		if src, _ := m["source"].(string); src == "" {
			return errIllegalArgument("A connection remapping has no source")
		}
		if dst, _ := m["target"].(string); dst == "" {
			return errIllegalArgument("A connection remapping has no target")
		}
	}
	return checkOptional[map[string]any](set, "an object", "localVariables")
}

func (d *DeployerState) deploymentLight(id string) map[string]any {
	dep := d.Deployments[id]
	out := map[string]any{"deploymentBasicInfo": deploymentBasicInfo(dep), "neverEverDeployed": dep.Synced == ""}
	if inf := d.Infras[fmt.Sprint(dep.Settings["infraId"])]; inf != nil {
		out["infraBasicInfo"] = infraBasicInfo(inf)
	}
	if pkey := fmt.Sprint(dep.Settings["publishedProjectKey"]); d.Projects[pkey] != nil {
		light := d.publishedLight(pkey)
		out["projectBasicInfo"], out["packages"] = light["projectBasicInfo"], light["packages"]
	}
	return out
}

func (s *Server) handleCreateDeployment(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	c := callerFrom(r.Context())
	s.deployerWrite(w, r, func(_ *State, d *DeployerState) (any, *APIError) {
		id, _ := body["deploymentId"].(string)
		pkey, _ := body["publishedProjectKey"].(string)
		dkey, _ := body["deployedProjectKey"].(string)
		dkey = cmp.Or(dkey, pkey)
		set := map[string]any{
			"id": id, "infraId": body["infraId"], "tags": []any{}, "publishedProjectKey": pkey,
			"bundleId": body["bundleId"], "deployedProjectKey": dkey, "projectFolderId": body["projectFolderId"],
			"enabled": true,
			"bundleContainerSettings": map[string]any{
				"remapping":        map[string]any{"connections": []any{}, "codeEnvs": []any{}},
				"codeEnvsBehavior": map[string]any{"importTimeMode": "INSTALL_IF_MISS", "envImportSpecificationMode": "SPECIFIED"},
			},
			"localVariables": map[string]any{}, "scenariosToActivate": map[string]any{}, "disableAutomaticTriggers": false,
		}
		if set["projectFolderId"] == nil {
			set["projectFolderId"] = ""
		}
		if err := d.checkDeployment(set); err != nil {
			return nil, err
		}
		if d.Deployments[id] != nil {
			return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Deployment %s already exists", id))
		}
		for _, other := range d.Deployments {
			if other.Settings["infraId"] == set["infraId"] && other.Settings["deployedProjectKey"] == dkey {
				return nil, errIllegalArgument(fmt.Sprintf("Deployment %v already deploys to project %s on infrastructure %v", other.Settings["id"], dkey, set["infraId"]))
			}
		}
		d.Deployments[id] = &DeploymentRecord{Settings: set, CreatedBy: c.Login}
		return map[string]any{"id": id}, nil
	})
}

func putDeploymentSettings(d *DeployerState, id string, body map[string]any) *APIError {
	dep := d.Deployments[id]
	set := copyDoc(body)
	// [I] What identifies the deployment stays: its id, published
	// project, infrastructure and deployed project key.
	for _, k := range []string{"id", "publishedProjectKey", "infraId", "deployedProjectKey"} {
		set[k] = dep.Settings[k]
	}
	if _, ok := set["enabled"].(bool); !ok {
		set["enabled"] = dep.Settings["enabled"]
	}
	if err := d.checkDeployment(set); err != nil {
		return err
	}
	dep.Settings = set
	return nil
}

func deleteDeployment(d *DeployerState, id string, _ map[string]any) *APIError {
	dep := d.Deployments[id]
	settings, _ := json.Marshal(dep.Settings)
	if dep.Settings["enabled"] != false || dep.Synced != string(settings) {
		return errIllegalArgument(fmt.Sprintf("Deployment %s must be disabled and updated before it can be deleted", id))
	}
	delete(d.Deployments, id)
	return nil
}

// health: the Health set, when there is one (SetDeploymentHealth);
// UNKNOWN before any update, ERROR when the last update failed,
// OUT_OF_SYNC when the settings changed since the last successful one,
// HEALTHY otherwise (a disabled deployment, once updated, too). [I]
func (dep *DeploymentRecord) health() (string, []any) {
	msg := func(sev, text string) []any {
		return []any{map[string]any{"severity": sev, "title": text, "message": text}}
	}
	if dep.Health != "" {
		return dep.Health, msg("WARNING", "Health set by the emulator's control: "+dep.Health)
	}
	settings, _ := json.Marshal(dep.Settings)
	switch {
	case dep.LastUpdate != nil && dep.LastUpdate["status"] == "FAILED":
		m, _ := dep.LastUpdate["error"].(string)
		return "ERROR", msg("ERROR", "Last update failed: "+m)
	case dep.Synced == "":
		return "UNKNOWN", msg("INFO", "The deployment was never updated")
	case dep.Synced != string(settings):
		return "OUT_OF_SYNC", msg("WARNING", "The settings changed since the last update")
	}
	return "HEALTHY", []any{}
}

// SetDeploymentHealth makes deployment id, of either deployer, report
// health until its next update ("" reports the computed health again).
func (s *Server) SetDeploymentHealth(id, health string) error {
	return s.editDeployment(id, false, func(d *DeploymentRecord) { d.Health = health })
}

// SetPreDeleteError makes what DSS does before deleting API deployment id
// fail with msg, e.g. "API node https://api-1:12000 cannot be reached",
// until the deployment is deleted.
func (s *Server) SetPreDeleteError(id, msg string) error {
	return s.editDeployment(id, true, func(d *DeploymentRecord) { d.PreDeleteError = msg })
}

// editDeployment replaces deployment id's record, of either deployer or of
// the API Deployer only, by a copy that edit changed.
func (s *Server) editDeployment(id string, apiOnly bool, edit func(*DeploymentRecord)) error {
	return s.mutate(func(st *State) error {
		cp := *st.deployerRead()
		for i, deps := range []*map[string]*DeploymentRecord{&cp.Deployments, &cp.APIDeployments} {
			if dep := (*deps)[id]; dep != nil && (i == 1 || !apiOnly) {
				nd := *dep
				edit(&nd)
				*deps = maps.Clone(*deps)
				(*deps)[id] = &nd
				st.Deployer = &cp
				return nil
			}
		}
		return errDeploymentMissing(id)
	})
}

func (s *Server) handleDeploymentStatus(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.deployerGet(w, r, func(d *DeployerState) (any, *APIError) {
		dep := d.Deployments[id]
		if dep == nil {
			return nil, errDeploymentMissing(id)
		}
		h, msgs := dep.health()
		return map[string]any{"deploymentId": id, "health": h,
			"healthMessages":   map[string]any{"messages": msgs, "maxSeverity": nil},
			"deployedBundleId": dep.DeployedBundle}, nil
	})
}

func (s *Server) handleLastUpdate(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.deployerGet(w, r, func(d *DeployerState) (any, *APIError) {
		dep := d.Deployments[id]
		if dep == nil {
			return nil, errDeploymentMissing(id)
		}
		if dep.LastUpdate == nil {
			return nil, errNotFound("Deployment " + id + " was never updated")
		}
		return dep.LastUpdate, nil
	})
}

// POST .../deployments/{id}/actions/update: runs the update (calling the
// automation node) and answers a future holding its report. [I] The
// emulator runs the update before answering; the future then reports it
// after Options.DeploymentUpdateTime.
func (s *Server) handleUpdateDeployment(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	if err := deployerRight(c); err != nil {
		writeErr(w, err)
		return
	}
	id := r.PathValue("id")
	var set, infra, archive map[string]any
	var synced string
	err := s.read(func(st *State) error {
		d := st.deployerRead()
		dep := d.Deployments[id]
		if dep == nil {
			return errDeploymentMissing(id)
		}
		set = copyDoc(dep.Settings)
		b, _ := json.Marshal(dep.Settings)
		synced = string(b)
		infra = copyDoc(d.Infras[fmt.Sprint(set["infraId"])])
		if pp := d.Projects[fmt.Sprint(set["publishedProjectKey"])]; pp != nil {
			archive = copyDoc(pp.Bundles[fmt.Sprint(set["bundleId"])])
		}
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	start := nowMillis()
	var upErr error
	if set["enabled"] != false {
		upErr = deployToAutomation(r, set, infra, archive)
	}
	report := updateReport(id, start, upErr)
	report["bundleId"] = set["bundleId"]
	err = s.mutate(func(st *State) error {
		dep := st.deployerRead().Deployments[id]
		if dep == nil {
			return errDeploymentMissing(id)
		}
		cp := *st.Deployer
		cp.Deployments = make(map[string]*DeploymentRecord, len(st.Deployer.Deployments))
		maps.Copy(cp.Deployments, st.Deployer.Deployments)
		nd := *dep
		nd.LastUpdate = copyDoc(report)
		nd.Health = ""
		if upErr == nil {
			nd.Synced = synced
			if set["enabled"] != false {
				nd.DeployedBundle, _ = set["bundleId"].(string)
			}
		}
		cp.Deployments[id] = &nd
		st.Deployer = &cp
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	s.answerUpdateFuture(w, report)
}

// updateReport is DSS's report of a deployment's update, of either
// deployer, started at start: a success, or upErr's failure.
func updateReport(id string, start int64, upErr error) map[string]any {
	report := map[string]any{"deploymentId": id, "startTimestamp": start, "endTimestamp": nowMillis(), "type": "UPDATE", "status": "SUCCESS"}
	msgs := map[string]any{"anyMessage": false, "success": true, "warning": false, "error": false, "fatal": false, "messages": []any{}}
	if upErr != nil {
		report["status"], report["error"] = "FAILED", upErr.Error()
		msgs = map[string]any{"anyMessage": true, "success": false, "warning": false, "error": true, "fatal": true,
			"messages": []any{map[string]any{"severity": "ERROR", "isFatal": true, "title": "Deployment update failed", "message": upErr.Error()}}}
	}
	report["messages"] = msgs
	return report
}

// answerUpdateFuture answers an update's future holding report, done
// after Options.DeploymentUpdateTime.
func (s *Server) answerUpdateFuture(w http.ResponseWriter, report map[string]any) {
	writeJSON(w, http.StatusOK, s.futures.start(s.opts.DeploymentUpdateTime, report, true))
}

// automationClient calls an automation node's API with the
// infrastructure's key.
type automationClient struct {
	base, key string
	http      *http.Client
	r         *http.Request
}

// call makes one request; out receives the JSON answer when not nil. A
// DSS error answers an error quoting DSS's message.
func (a *automationClient) call(method, path string, query url.Values, body, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	u := a.base + BasePath + path
	if len(query) != 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(a.r.Context(), method, u, rd)
	if err != nil {
		return 0, err
	}
	req.SetBasicAuth(a.key, "")
	req.Header.Set("Content-Type", "application/json")
	resp, err := a.http.Do(req)
	if err != nil {
		return 0, fmt.Errorf("the automation node at %s cannot be reached: %w", a.base, errors.Unwrap(err))
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, MaxBodyBytes))
	if resp.StatusCode >= 300 {
		var e errorBody
		_ = json.Unmarshal(b, &e)
		msg := cmp.Or(e.Message, strings.TrimSpace(string(b)))
		return resp.StatusCode, fmt.Errorf("the automation node answered %s %s with HTTP %d: %s", method, path, resp.StatusCode, msg)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return resp.StatusCode, fmt.Errorf("the automation node answered %s %s with something that is not JSON", method, path)
		}
	}
	return resp.StatusCode, nil
}

// deployToAutomation imports and activates the deployment's bundle on
// its infrastructure's automation node, with the deployment's remappings
// and variable overrides.
func deployToAutomation(r *http.Request, set, infra, archive map[string]any) error {
	nodeURL, _ := infra["automationNodeUrl"].(string)
	key, _ := infra["adminApiKey"].(string)
	if nodeURL == "" {
		return fmt.Errorf("infrastructure %v has no automation node URL", infra["id"])
	}
	if pu, err := url.Parse(nodeURL); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return fmt.Errorf("infrastructure %v: cannot reach the automation node at %q, not an http(s) URL", infra["id"], nodeURL)
	}
	if len(archive) == 0 || archive["project"] == nil {
		return fmt.Errorf("bundle %v is not in published project %v", set["bundleId"], set["publishedProjectKey"])
	}
	a := &automationClient{base: strings.TrimRight(nodeURL, "/"), key: key, r: r, http: &http.Client{Timeout: 60 * time.Second}}
	dkey, _ := set["deployedProjectKey"].(string)
	bundleID, _ := set["bundleId"].(string)
	pk := url.PathEscape(dkey)
	var imported struct {
		Bundles []map[string]any `json:"bundles"`
	}
	status, err := a.call(http.MethodGet, "/projects/"+pk+"/bundles/imported", nil, nil, &imported)
	arch := map[string]any{"bundleId": archive["bundleId"], "projectKey": archive["projectKey"],
		"exportManifest": archive["exportManifest"], "project": archive["project"]}
	switch {
	case status == http.StatusNotFound:
		q := url.Values{"projectKey": {dkey}}
		if f, _ := set["projectFolderId"].(string); f != "" {
			q.Set("projectFolderId", f)
		}
		if _, err := a.call(http.MethodPost, "/projectsFromBundle", q, arch, nil); err != nil {
			return err
		}
	case err != nil:
		return err
	default:
		have := false
		for _, b := range imported.Bundles {
			if b["bundleId"] == bundleID {
				have = true
			}
		}
		if !have {
			if _, err := a.call(http.MethodPost, "/projects/"+pk+"/bundles/imported/actions/importFromStream", nil, arch, nil); err != nil {
				return err
			}
		}
	}
	var settings map[string]any
	if _, err := a.call(http.MethodGet, "/projects/"+pk+"/settings", nil, nil, &settings); err != nil {
		return err
	}
	settings["bundleContainerSettings"] = deepCopy(set["bundleContainerSettings"])
	if _, err := a.call(http.MethodPut, "/projects/"+pk+"/settings", nil, settings, nil); err != nil {
		return err
	}
	if _, err := a.call(http.MethodPost, "/projects/"+pk+"/bundles/imported/"+url.PathEscape(bundleID)+"/actions/activate", nil,
		map[string]any{"scenariosActiveOnActivation": set["scenariosToActivate"]}, nil); err != nil {
		return err
	}
	local, _ := set["localVariables"].(map[string]any)
	if len(local) != 0 {
		var vars map[string]any
		if _, err := a.call(http.MethodGet, "/projects/"+pk+"/variables", nil, nil, &vars); err != nil {
			return err
		}
		vars["local"] = local
		if _, err := a.call(http.MethodPut, "/projects/"+pk+"/variables", nil, vars, nil); err != nil {
			return err
		}
	}
	return nil
}
