package dss

import (
	"context"
	"encoding/json"
)

// The API Deployer (dataikuapi dss/apideployer.py), relative to APIPrefix:
// api-deployer/stages and api-deployer/infras, whose settings are read and
// written whole (GET/PUT infras/{id}/settings). Its services and
// deployments are not modelled yet.

// ListAPIDeployerStages lists the API Deployer's stages ({id, desc}, as
// the Project Deployer's).
func (c *Client) ListAPIDeployerStages(ctx context.Context) ([]DeployerStage, error) {
	var out []DeployerStage
	return out, c.Get(ctx, Path("api-deployer", "stages"), nil, &out)
}

// APIInfraSettings is an API Deployer infrastructure's settings document.
// APINodes are a STATIC infrastructure's API nodes; a pointer, so that a
// document without the key (another type) is written back without it and
// one with [] keeps it. Each node's AdminAPIKey is a secret DSS returns to
// administrators: the provider writes it and never reads it into state.
type APIInfraSettings struct {
	ID                string          `json:"id"`
	Stage             string          `json:"stage"`
	Type              string          `json:"type"`
	GovernCheckPolicy string          `json:"governCheckPolicy,omitempty"`
	APINodes          *[]APINode      `json:"apiNodes,omitempty"`
	Permissions       json.RawMessage `json:"permissions,omitempty"`
	Extra             Extra           `json:"-"`
}

func (d *APIInfraSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d APIInfraSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }
func (*APIInfraSettings) holdsSecrets()                  {}

// Nodes are the infrastructure's API nodes; nil when the document has none.
func (d *APIInfraSettings) Nodes() []APINode {
	if d.APINodes == nil {
		return nil
	}
	return *d.APINodes
}

// SetNodes replaces the API nodes (never null: an empty list is []).
func (d *APIInfraSettings) SetNodes(nodes []APINode) {
	if nodes == nil {
		nodes = []APINode{}
	}
	d.APINodes = &nodes
}

// APINode is one API node of a STATIC infrastructure (add_apinode: url,
// adminAPIKey, graphitePrefix). GraphitePrefix is a pointer: a node
// without one (dataikuapi sends null when none is given) is written back
// without one, and one with "" keeps it.
type APINode struct {
	URL            string  `json:"url"`
	AdminAPIKey    string  `json:"adminAPIKey"`
	GraphitePrefix *string `json:"graphitePrefix,omitempty"`
	Extra          Extra   `json:"-"`
}

func (d *APINode) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d APINode) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// APIInfraPath is an API Deployer infrastructure's path.
func APIInfraPath(id string) string { return Path("api-deployer", "infras", id) }

// APIInfraSettingsDoc is an API Deployer infrastructure's settings.
func APIInfraSettingsDoc(id string) Document[APIInfraSettings] {
	return DocumentAt[APIInfraSettings](Path("api-deployer", "infras", id, "settings"))
}

// APIInfraCreate is what creating an API Deployer infrastructure sends
// (create_infra's body).
type APIInfraCreate struct {
	ID                string `json:"id"`
	Stage             string `json:"stage"`
	Type              string `json:"type"`
	GovernCheckPolicy string `json:"governCheckPolicy,omitempty"`
}

// CreateAPIInfra creates an API Deployer infrastructure.
func (c *Client) CreateAPIInfra(ctx context.Context, body APIInfraCreate) error {
	return c.Post(ctx, Path("api-deployer", "infras"), nil, body, nil)
}
