package emulator

// The API Deployer of a design node (dataikuapi dss/apideployer.py): its
// stages and infrastructures. An infrastructure has a type fixed at
// creation (STATIC: a list of API nodes, each with its URL and admin key;
// K8S, AZURE_ML, ...: the cloud's settings) and a settings document
// replaced whole by PUT. Its list, GET, settings and DELETE go through
// deployerKind (deployer.go), as the Project Deployer's infrastructures.
//
// [I] Rights: every API Deployer call needs an instance administrator,
// as the Project Deployer's (DSS also grants per-infrastructure rights;
// the emulator stores them in the settings but does not apply them).
// [I] The stages are DSS's defaults (DeployerStages), not configurable
// here. [I] The routes are a design node's, as the Project Deployer's.

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"

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
		s.deployerGetAs(apiDeployerRight, w, r, func(*DeployerState) (any, *APIError) {
			out := []any{}
			for _, st := range DeployerStages {
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
	out := []any{}
	for _, depID := range sortedKeys(d.APIDeployments) {
		if dep := d.APIDeployments[depID]; dep["infraId"] == id {
			out = append(out, map[string]any{"id": depID, "infraId": id, "publishedServiceId": dep["publishedServiceId"]})
		}
	}
	return out
}

func (d *DeployerState) apiInfraLight(id string) map[string]any {
	doc := d.APIInfras[id]
	basic := map[string]any{}
	for _, k := range []string{"id", "stage", "type", "governCheckPolicy"} {
		basic[k] = doc[k]
	}
	return map[string]any{"isAdmin": true, "canDeploy": true, "infraBasicInfo": basic, "deployments": d.apiDeploymentsOn(id)}
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
		case !slices.ContainsFunc(DeployerStages, func(st map[string]any) bool { return st["id"] == stage }):
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
		for _, n := range nodes {
			node, _ := n.(map[string]any)
			u, _ := node["url"].(string)
			if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
				return errIllegalArgument(fmt.Sprintf("Invalid API node url %q", u))
			}
		}
	}
	d.APIInfras[id] = doc
	return nil
}
