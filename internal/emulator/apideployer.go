package emulator

// The API Deployer of a design node (dataikuapi dss/apideployer.py): its
// stages, infrastructures, published services (each with its versions, the
// packages of a design node's API service) and deployments (a service's
// version on an infrastructure). An infrastructure has a type fixed at
// creation (STATIC: a list of API nodes, each with its URL and admin key;
// K8S, AZURE_ML, ...: the cloud's settings) and a settings document
// replaced whole by PUT. Every kind's list, GET, settings and DELETE go
// through deployerKind (deployer.go), as the Project Deployer's.
//
// A deployment's update checks what it deploys and records it (the
// emulator runs no API node): its health then follows the Project
// Deployer's rules (DeploymentRecord.health). DSS deletes only a disabled
// deployment (dataikuapi's delete disables it first by a settings save).
//
// [I] Rights: every API Deployer call needs an instance administrator,
// as the Project Deployer's (DSS also grants per-infrastructure rights;
// the emulator stores them in the settings but does not apply them).
// [I] The stages are the API Deployer's own list, DeployerStages unless
// SetAPIDeployerStages (or --deployer-stages) changed it. [I] The routes are a design node's, as the Project Deployer's.

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// APIInfraTypes are the infrastructure types the emulator accepts:
// create_infra's docstring names the first six; [I] DATABRICKS stands for
// a type of a newer DSS than the docstring's, which the provider must
// pass through. Any other type is refused, as a DSS that does not know it.
var APIInfraTypes = []string{"STATIC", "K8S", "AZURE_ML", "SAGEMAKER", "SNOWPARK", "VERTEX_AI", "DATABRICKS"}

// MsgAPIDeployerForbidden is what a non-administrator gets. [I]
const MsgAPIDeployerForbidden = "Action forbidden: you are not an administrator of the API Deployer"

func apiDeployerRight(c *Caller) *APIError {
	if c.IsAdmin {
		return nil
	}
	return newError(http.StatusForbidden, ErrTypeUnauthorized, MsgAPIDeployerForbidden)
}

var apiDeployerInfras = &deployerKind{
	root:     "/api-deployer",
	right:    apiDeployerRight,
	path:     "infras",
	param:    "id",
	ids:      func(d *DeployerState) []string { return sortedKeys(d.APIInfras) },
	exists:   func(d *DeployerState, id string) bool { return d.APIInfras[id] != nil },
	settings: func(d *DeployerState, id string) map[string]any { return d.APIInfras[id] },
	light:    (*DeployerState).apiInfraLight,
	missing:  errInfraMissing,
	put:      putAPIInfraSettings,
	remove:   deleteIfUnused("Infrastructure", (*DeployerState).apiDeploymentsOn, func(d *DeployerState, id string) { delete(d.APIInfras, id) }),
}

func (s *Server) apiDeployerRoutes() {
	s.handle("GET /api-deployer/stages", func(w http.ResponseWriter, r *http.Request) {
		s.deployerGetAs(apiDeployerRight, w, r, func(d *DeployerState) (any, *APIError) {
			out := []any{}
			for _, st := range d.apiStages() {
				out = append(out, st)
			}
			return out, nil
		})
	})
	s.handle("POST /api-deployer/infras", s.handleCreateAPIInfra)
}

// apiDeploymentsOn are the API deployments on infrastructure id: the one
// rule the light status and the DELETE share (DSS deletes only an
// infrastructure without deployments).
func (d *DeployerState) apiDeploymentsOn(id string) []any {
	return d.apiDeploymentsWhere("infraId", id)
}

// apiDeploymentsWhere are the basic infos of the API deployments whose
// settings hold value at field.
func (d *DeployerState) apiDeploymentsWhere(field, value string) []any {
	out := []any{}
	for _, depID := range sortedKeys(d.APIDeployments) {
		if dep := d.APIDeployments[depID]; dep.Settings[field] == value {
			out = append(out, apiDeploymentBasicInfo(dep))
		}
	}
	return out
}

func apiInfraBasicInfo(doc map[string]any) map[string]any {
	basic := map[string]any{}
	for _, k := range []string{"id", "stage", "type", "governCheckPolicy"} {
		basic[k] = doc[k]
	}
	return basic
}

func (d *DeployerState) apiInfraLight(id string) map[string]any {
	return map[string]any{"isAdmin": true, "canDeploy": true, "infraBasicInfo": apiInfraBasicInfo(d.APIInfras[id]), "deployments": d.apiDeploymentsOn(id)}
}

func (s *Server) handleCreateAPIInfra(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	id, _ := body["id"].(string)
	stage, _ := body["stage"].(string)
	typ, _ := body["type"].(string)
	policy, _ := body["governCheckPolicy"].(string)
	policy = cmp.Or(policy, "NO_CHECK")
	s.deployerWriteAs(apiDeployerRight, w, r, func(_ *State, d *DeployerState) (any, *APIError) {
		switch {
		case !names.IDPattern.MatchString(id):
			return nil, errIllegalArgument(fmt.Sprintf("Invalid infrastructure id %q: it must %s", id, names.IDRule))
		case !hasStage(d.apiStages(), stage):
			return nil, errIllegalArgument(fmt.Sprintf("Unknown stage %q", stage))
		case !slices.Contains(APIInfraTypes, typ):
			return nil, errIllegalArgument(fmt.Sprintf("Invalid infrastructure type %q", typ))
		case !slices.Contains(GovernCheckPolicies, policy):
			return nil, errIllegalArgument(fmt.Sprintf("Invalid governCheckPolicy %q", policy))
		case d.APIInfras[id] != nil:
			return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Infrastructure %s already exists", id))
		}
		// [I] What DSS fills on create, kept to what the API shows: an
		// empty permission list, and a STATIC infrastructure's empty node
		// list (add_apinode appends to it). Other types' settings are left
		// for the administrator to set.
		doc := map[string]any{"id": id, "stage": stage, "type": typ, "governCheckPolicy": policy, "permissions": []any{}}
		if typ == "STATIC" {
			doc["apiNodes"] = []any{}
		}
		d.APIInfras[id] = doc
		return map[string]any{"id": id}, nil
	})
}

// putAPIInfraSettings replaces an infrastructure's settings. [I] The id,
// stage and type are the infrastructure's own: DSS keeps them whatever the
// body says. A node's URL is checked as the Project Deployer's
// automationNodeUrl is.
func putAPIInfraSettings(d *DeployerState, id string, body map[string]any) *APIError {
	old := d.APIInfras[id]
	doc := copyDoc(body)
	doc["id"], doc["stage"], doc["type"] = old["id"], old["stage"], old["type"]
	if p, _ := doc["governCheckPolicy"].(string); p != "" && !slices.Contains(GovernCheckPolicies, p) {
		return errIllegalArgument(fmt.Sprintf("Invalid governCheckPolicy %q", p))
	}
	if raw, has := doc["apiNodes"]; has && raw != nil {
		nodes, ok := raw.([]any)
		if !ok {
			return errIllegalArgument("Invalid apiNodes: not a list")
		}
		// [I] A node's URL is kept as written, as the automation node's
		// is: nothing shows DSS checking it on save.
		for _, n := range nodes {
			if _, ok := n.(map[string]any); !ok {
				return errIllegalArgument("Invalid apiNodes: a node is not an object")
			}
		}
	}
	d.APIInfras[id] = doc
	return nil
}

// ---- published services ----

// PublishedService is a service on the API Deployer: its settings (owner,
// permissions, basicInfo, as a published project's) and its versions.
type PublishedService struct {
	Settings map[string]any            `json:"settings"`
	Versions map[string]map[string]any `json:"versions"`
}

func errServiceMissing(id string) *APIError {
	return errNotFound(fmt.Sprintf("API service %s does not exist", id))
}

var apiDeployerServices = &deployerKind{
	root:     "/api-deployer",
	right:    apiDeployerRight,
	path:     "services",
	param:    "id",
	ids:      func(d *DeployerState) []string { return sortedKeys(d.APIServices) },
	exists:   func(d *DeployerState, id string) bool { return d.APIServices[id] != nil },
	settings: func(d *DeployerState, id string) map[string]any { return d.APIServices[id].Settings },
	light:    (*DeployerState).serviceLight,
	missing:  errServiceMissing,
	put: func(d *DeployerState, id string, body map[string]any) *APIError {
		doc, err := publishedSettings(id, body)
		if err == nil {
			d.APIServices[id].Settings = doc
		}
		return err
	},
	// [I] As a published project: refused while deployments use it.
	remove: deleteIfUnused("API service", func(d *DeployerState, id string) []any { return d.apiDeploymentsWhere("publishedServiceId", id) },
		func(d *DeployerState, id string) { delete(d.APIServices, id) }),
}

func (s *Server) apiServiceRoutes() {
	s.handle("POST /api-deployer/services", s.handleCreateService)
	s.handle("POST /api-deployer/services/{id}/versions", s.handleImportServiceVersion)
	s.handle("DELETE /api-deployer/services/{id}/versions/{version}", s.handleDeleteServiceVersion)
	s.handle("POST /api-deployer/deployments", s.handleCreateAPIDeployment)
	s.handle("GET /api-deployer/deployments/{id}/status", s.handleAPIDeploymentStatus)
	s.handle("POST /api-deployer/deployments/{id}/actions/update", s.handleUpdateAPIDeployment)
}

// serviceLight is a published project's light status, of a service: its
// packages are its versions as DSS records them.
func (d *DeployerState) serviceLight(id string) map[string]any {
	svc := d.APIServices[id]
	return publishedLightStatus("serviceBasicInfo", id, svc.Settings, svc.Versions, func(v map[string]any) map[string]any { return v },
		d.apiDeploymentsWhere("publishedServiceId", id), d.APIInfras, apiInfraBasicInfo)
}

func (s *Server) handleCreateService(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	id, _ := body["publishedServiceId"].(string)
	c := callerFrom(r.Context())
	s.deployerWriteAs(apiDeployerRight, w, r, func(_ *State, d *DeployerState) (any, *APIError) {
		// [I] A service id follows DSS's id rule, as an infrastructure's.
		if !names.IDPattern.MatchString(id) {
			return nil, errIllegalArgument(fmt.Sprintf("Invalid API service id %q: it must %s", id, names.IDRule))
		}
		if d.APIServices[id] != nil {
			return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("API service %s already exists", id))
		}
		// [I] DSS's defaults, as a published project's: the creator owns
		// it, no permission entries, its name its id.
		d.APIServices[id] = &PublishedService{Settings: newPublished(id, c.Login).Settings, Versions: map[string]map[string]any{}}
		return map[string]any{"publishedServiceId": id}, nil
	})
}

// addServiceVersion records version in service id, as published by login.
func (d *DeployerState) addServiceVersion(id, version, login string) *APIError {
	svc := d.APIServices[id]
	switch {
	case svc == nil:
		return errServiceMissing(id)
	case !names.IDPattern.MatchString(version):
		return errIllegalArgument(fmt.Sprintf("Invalid version id %q: it must %s", version, names.IDRule))
	case svc.Versions[version] != nil:
		return newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Version %s already exists in API service %s", version, id))
	}
	svc.Versions[version] = map[string]any{"id": version, "publishedOn": nowMillis(), "publishedBy": login}
	return nil
}

// POST /api-deployer/services/{id}/versions: a package archive in the
// multipart field "file". [I] The version's id is the archive's file
// name without ".zip" (DSS reads it from the package; the emulator does
// not model a package's contents), and the archive must be a zip.
func (s *Server) handleImportServiceVersion(w http.ResponseWriter, r *http.Request) {
	data, filename, ok := readUploadedFile(w, r)
	if !ok {
		return
	}
	if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
		illegalArgument(w, "The API service package is not a zip archive: "+err.Error())
		return
	}
	version := strings.TrimSuffix(filename, ".zip")
	id, login := r.PathValue("id"), callerFrom(r.Context()).Login
	s.deployerWriteAs(apiDeployerRight, w, r, func(_ *State, d *DeployerState) (any, *APIError) {
		return nil, d.addServiceVersion(id, version, login)
	})
}

// DELETE /api-deployer/services/{id}/versions/{version}: [I] refused while
// a deployment's settings name the version.
func (s *Server) handleDeleteServiceVersion(w http.ResponseWriter, r *http.Request) {
	id, version := r.PathValue("id"), r.PathValue("version")
	s.deployerWriteAs(apiDeployerRight, w, r, func(_ *State, d *DeployerState) (any, *APIError) {
		svc := d.APIServices[id]
		switch {
		case svc == nil:
			return nil, errServiceMissing(id)
		case svc.Versions[version] == nil:
			return nil, errNotFound(fmt.Sprintf("Version %s does not exist in API service %s", version, id))
		}
		for _, depID := range sortedKeys(d.APIDeployments) {
			dep := d.APIDeployments[depID]
			if dep.Settings["publishedServiceId"] == id && slices.Contains(deployedVersions(dep.Settings), version) {
				return nil, errIllegalArgument(fmt.Sprintf("Version %s is used by deployment %s", version, depID))
			}
		}
		delete(svc.Versions, version)
		return nil, nil
	})
}

// ---- deployments ----

var apiDeployerDeployments = &deployerKind{
	root:     "/api-deployer",
	right:    apiDeployerRight,
	path:     "deployments",
	param:    "id",
	ids:      func(d *DeployerState) []string { return sortedKeys(d.APIDeployments) },
	exists:   func(d *DeployerState, id string) bool { return d.APIDeployments[id] != nil },
	settings: func(d *DeployerState, id string) map[string]any { return d.APIDeployments[id].Settings },
	light:    (*DeployerState).apiDeploymentLight,
	missing:  errDeploymentMissing,
	put:      putAPIDeploymentSettings,
	remove:   deleteAPIDeployment,
}

// MsgAPIDeploymentEnabled is DSS's refusal to delete an enabled
// deployment. [I] dataikuapi's own words for it.
const MsgAPIDeploymentEnabled = "deployment must be disabled first"

func apiDeploymentBasicInfo(dep *DeploymentRecord) map[string]any {
	out := map[string]any{"createdByDisplayName": dep.CreatedBy, "lastModifiedByDisplayName": dep.CreatedBy}
	for _, k := range []string{"id", "infraId", "tags", "publishedServiceId", "enabled"} {
		out[k] = dep.Settings[k]
	}
	return out
}

func (d *DeployerState) apiDeploymentLight(id string) map[string]any {
	dep := d.APIDeployments[id]
	out := map[string]any{"deploymentBasicInfo": apiDeploymentBasicInfo(dep), "neverEverDeployed": dep.Synced == ""}
	if inf := d.APIInfras[fmt.Sprint(dep.Settings["infraId"])]; inf != nil {
		out["infraBasicInfo"] = apiInfraBasicInfo(inf)
	}
	if svc := fmt.Sprint(dep.Settings["publishedServiceId"]); d.APIServices[svc] != nil {
		out["serviceBasicInfo"] = d.serviceLight(svc)["serviceBasicInfo"]
	}
	return out
}

// deployedVersions are the versions a deployment's generationsMapping
// names: SINGLE_GENERATION's generation, or [I] another mode's entries'.
func deployedVersions(set map[string]any) []string {
	var out []string
	if g, _ := deepGet(set, "generationsMapping", "generation").(string); g != "" {
		out = append(out, g)
	}
	entries, _ := deepGet(set, "generationsMapping", "entries").([]any)
	for _, e := range entries {
		if g, _ := deepGet(e.(map[string]any), "generation").(string); g != "" {
			out = append(out, g)
		}
	}
	return out
}

// checkAPIDeployment validates a deployment's settings against the
// deployer: its service, infrastructure and versions exist.
func (d *DeployerState) checkAPIDeployment(set map[string]any) *APIError {
	id, _ := set["id"].(string)
	svcID, _ := set["publishedServiceId"].(string)
	infra, _ := set["infraId"].(string)
	svc := d.APIServices[svcID]
	switch {
	case !names.IDPattern.MatchString(id):
		return errIllegalArgument(fmt.Sprintf("Invalid deployment id %q: it must %s", id, names.IDRule))
	case svc == nil:
		return errServiceMissing(svcID)
	case d.APIInfras[infra] == nil:
		return errInfraMissing(infra)
	}
	if _, ok := set["enabled"].(bool); !ok {
		return errIllegalArgument("enabled must be a boolean")
	}
	versions := deployedVersions(set)
	if len(versions) == 0 {
		return errIllegalArgument("The deployment deploys no version of API service " + svcID)
	}
	for _, v := range versions {
		if svc.Versions[v] == nil {
			return errNotFound(fmt.Sprintf("Version %s does not exist in API service %s", v, svcID))
		}
	}
	return nil
}

// POST /api-deployer/deployments?ignoreWarnings=: [I] the emulator has
// no governance, so ignoreWarnings changes nothing.
func (s *Server) handleCreateAPIDeployment(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	c := callerFrom(r.Context())
	s.deployerWriteAs(apiDeployerRight, w, r, func(_ *State, d *DeployerState) (any, *APIError) {
		id, _ := body["deploymentId"].(string)
		// [I] What DSS fills on create: enabled, no tags, the one version
		// as a single generation, no query authorizations.
		set := map[string]any{
			"id": id, "publishedServiceId": body["publishedServiceId"], "infraId": body["infraId"],
			"enabled": true, "tags": []any{},
			"generationsMapping":                   map[string]any{"mode": "SINGLE_GENERATION", "generation": body["version"]},
			"authorizationsToQueryThroughDeployer": cmp.Or[any](body["authorizationsToQueryThroughDeployer"], []any{}),
		}
		if e, _ := body["endpointId"].(string); e != "" {
			set["endpointId"] = e
		}
		if err := d.checkAPIDeployment(set); err != nil {
			return nil, err
		}
		if d.APIDeployments[id] != nil {
			return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Deployment %s already exists", id))
		}
		d.APIDeployments[id] = &DeploymentRecord{Settings: set, CreatedBy: c.Login}
		return map[string]any{"id": id}, nil
	})
}

func putAPIDeploymentSettings(d *DeployerState, id string, body map[string]any) *APIError {
	dep := d.APIDeployments[id]
	set := copyDoc(body)
	// [I] What identifies the deployment stays: its id, service and
	// infrastructure.
	for _, k := range []string{"id", "publishedServiceId", "infraId"} {
		set[k] = dep.Settings[k]
	}
	if _, has := set["enabled"]; !has {
		set["enabled"] = dep.Settings["enabled"]
	}
	if err := d.checkAPIDeployment(set); err != nil {
		return err
	}
	dep.Settings = set
	return nil
}

func deleteAPIDeployment(d *DeployerState, id string, query map[string]any) *APIError {
	dep := d.APIDeployments[id]
	if dep.Settings["enabled"] != false {
		return errIllegalArgument(fmt.Sprintf("Deployment %s deletion failed: %s", id, MsgAPIDeploymentEnabled))
	}
	// [I] The message and the class of a failed pre-delete action.
	if dep.PreDeleteError != "" && query["ignorePreDeleteErrors"] != "true" {
		return newError(http.StatusInternalServerError, ErrTypeRuntime, fmt.Sprintf("Deployment %s deletion failed: %s", id, dep.PreDeleteError))
	}
	delete(d.APIDeployments, id)
	return nil
}

func (s *Server) handleAPIDeploymentStatus(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.deployerGetAs(apiDeployerRight, w, r, func(d *DeployerState) (any, *APIError) {
		dep := d.APIDeployments[id]
		if dep == nil {
			return nil, errDeploymentMissing(id)
		}
		h, msgs := dep.health()
		out := map[string]any{"deploymentId": id, "health": h,
			"healthMessages": map[string]any{"messages": msgs, "maxSeverity": nil}}
		if infra := d.APIInfras[fmt.Sprint(dep.Settings["infraId"])]; infra != nil {
			maps.Copy(out, apiDeploymentServedAt(id, infra, dep))
		}
		return out, nil
	})
}

// apiDeploymentServedAt is where the heavy status says the deployment's
// service answers, the two ways dataikuapi's get_service_urls reads it: a
// STATIC infrastructure's API nodes (apiNodes), each with its URL, in the
// infrastructure's order ([I] DSS reports more of each node; the emulator
// only its URL, never its admin key); another type's public URL
// (publicURL), once an update deployed it: [I] DSS learns it from the
// cluster when the deployment starts, and before that get_service_urls
// finds neither ("it might still be initializing"). The emulator has no
// cluster: its public URL is made up, under .invalid.
func apiDeploymentServedAt(id string, infra map[string]any, dep *DeploymentRecord) map[string]any {
	if infra["type"] == "STATIC" {
		nodes := []any{}
		list, _ := infra["apiNodes"].([]any)
		for _, n := range list {
			if node, ok := n.(map[string]any); ok {
				nodes = append(nodes, map[string]any{"url": node["url"]})
			}
		}
		return map[string]any{"apiNodes": nodes}
	}
	if dep.Synced == "" {
		return nil
	}
	return map[string]any{"publicURL": fmt.Sprintf("http://%s.%s.emulator.invalid", id, infra["id"])}
}

// apiDeploy is what the update of an enabled deployment checks: [I] a
// STATIC infrastructure needs an API node to deploy to.
func (d *DeployerState) apiDeploy(set map[string]any) error {
	infra := d.APIInfras[fmt.Sprint(set["infraId"])]
	if infra == nil {
		return fmt.Errorf("infrastructure %v does not exist", set["infraId"])
	}
	if nodes, _ := infra["apiNodes"].([]any); infra["type"] == "STATIC" && len(nodes) == 0 {
		return fmt.Errorf("infrastructure %v has no API node to deploy to", set["infraId"])
	}
	if err := d.checkAPIDeployment(set); err != nil {
		return errors.New(err.Message)
	}
	return nil
}

// POST /api-deployer/deployments/{id}/actions/update: records the update
// and answers a future holding its report, as the Project Deployer's.
func (s *Server) handleUpdateAPIDeployment(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.deployerWriteAs(apiDeployerRight, w, r, func(_ *State, d *DeployerState) (any, *APIError) {
		dep := d.APIDeployments[id]
		if dep == nil {
			return nil, errDeploymentMissing(id)
		}
		var upErr error
		if dep.Settings["enabled"] != false {
			upErr = d.apiDeploy(dep.Settings)
		}
		report := updateReport(id, nowMillis(), upErr)
		report["generationsMapping"] = deepCopy(dep.Settings["generationsMapping"])
		dep.LastUpdate = copyDoc(report)
		dep.Health = ""
		if upErr == nil {
			b, _ := json.Marshal(dep.Settings)
			dep.Synced = string(b)
			if dep.Settings["enabled"] != false {
				dep.DeployedBundle = strings.Join(deployedVersions(dep.Settings), ",")
			}
		}
		// Under the state's lock, which guards the options.
		return s.futures.start(s.opts.DeploymentUpdateTime, report, true), nil
	})
}
