package dss

import (
	"cmp"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
)

// The API Deployer (dataikuapi dss/apideployer.py), relative to APIPrefix:
// api-deployer/stages, infras, services (published API services and their
// versions) and deployments (a service's version on an infrastructure,
// whose update is a future). Every object's settings are read and written
// whole (GET/PUT {kind}/{id}/settings).

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

// sentSecrets are the nodes' admin keys, sent back as DSS holds them.
func (d *APIInfraSettings) sentSecrets() []string {
	var keys []string
	for _, n := range d.Nodes() {
		keys = append(keys, n.AdminAPIKey)
	}
	return keys
}

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
// without one, and one with "" keeps it. A node DSS holds without a key
// (or shows without one) is written back without one: "" would set it.
type APINode struct {
	URL            string  `json:"url"`
	AdminAPIKey    string  `json:"adminAPIKey,omitempty"`
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

// PublishedAPIServiceSettings is a published API service's settings
// document. [I] dataikuapi shows it only as a raw dict; its permissions and
// other fields are read as a published project's, the same layout.
type PublishedAPIServiceSettings = PublishedProjectSettings

// PublishedAPIServicePath is a published API service's path.
func PublishedAPIServicePath(id string) string { return Path("api-deployer", "services", id) }

// PublishedAPIServiceSettingsDoc is a published API service's settings.
func PublishedAPIServiceSettingsDoc(id string) Document[PublishedAPIServiceSettings] {
	return DocumentAt[PublishedAPIServiceSettings](Path("api-deployer", "services", id, "settings"))
}

// CreatePublishedAPIService creates an empty published API service
// (create_service).
func (c *Client) CreatePublishedAPIService(ctx context.Context, id string) error {
	return c.Post(ctx, Path("api-deployer", "services"), nil, Object{"publishedServiceId": id}, nil)
}

// PublishedAPIServiceStatus is a published API service's light status:
// its versions are its packages (get_versions: each has at least an id).
type PublishedAPIServiceStatus struct {
	Packages []struct {
		ID string `json:"id"`
	} `json:"packages"`
	Extra Extra `json:"-"`
}

func (d *PublishedAPIServiceStatus) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d PublishedAPIServiceStatus) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// GetPublishedAPIService reads a published API service's light status.
func (c *Client) GetPublishedAPIService(ctx context.Context, id string) (*PublishedAPIServiceStatus, error) {
	return callAs[PublishedAPIServiceStatus](ctx, c, http.MethodGet, PublishedAPIServicePath(id), nil, nil)
}

// ImportAPIServiceVersion uploads a package archive as a version of the
// service (import_version), named fileName in the form.
func (c *Client) ImportAPIServiceVersion(ctx context.Context, serviceID, fileName string, zip []byte) error {
	body, err := fileUpload(fileName, zip)
	if err != nil {
		return err
	}
	return c.Post(ctx, Path("api-deployer", "services", serviceID, "versions"), nil, body, nil)
}

// APIServiceVersionPath is a version of a published API service.
func APIServiceVersionPath(serviceID, version string) string {
	return Path("api-deployer", "services", serviceID, "versions", version)
}

// APIDeploymentSettings is an API deployment's settings document. Enabled
// is a pointer: a document without it is written back without it.
type APIDeploymentSettings struct {
	ID                 string              `json:"id"`
	InfraID            string              `json:"infraId"`
	PublishedServiceID string              `json:"publishedServiceId"`
	Enabled            *bool               `json:"enabled,omitempty"`
	GenerationsMapping *GenerationsMapping `json:"generationsMapping,omitempty"`
	Extra              Extra               `json:"-"`
}

func (d *APIDeploymentSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d APIDeploymentSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// GenerationsMapping is which versions an API deployment serves:
// set_single_version writes {mode: SINGLE_GENERATION, generation}; other
// modes (several versions, by traffic share) keep their fields in Extra.
type GenerationsMapping struct {
	Mode       string `json:"mode"`
	Generation string `json:"generation,omitempty"`
	Extra      Extra  `json:"-"`
}

func (d *GenerationsMapping) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d GenerationsMapping) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// SingleGeneration is the mode of a deployment serving one version.
const SingleGeneration = "SINGLE_GENERATION"

// SingleVersion is the version a deployment serves alone; "" when its
// mapping is of another mode.
func (d *APIDeploymentSettings) SingleVersion() string {
	if d.GenerationsMapping == nil || d.GenerationsMapping.Mode != SingleGeneration {
		return ""
	}
	return d.GenerationsMapping.Generation
}

// SetSingleVersion makes the deployment serve version alone
// (set_single_version), keeping nothing of another mode's fields.
func (d *APIDeploymentSettings) SetSingleVersion(version string) {
	if d.SingleVersion() == version {
		return
	}
	d.GenerationsMapping = &GenerationsMapping{Mode: SingleGeneration, Generation: version}
}

// APIDeploymentPath is an API deployment's path.
func APIDeploymentPath(id string) string { return Path("api-deployer", "deployments", id) }

// ignoreWarningsQuery is the ignoreWarnings parameter dataikuapi sends with
// a deployment's create and settings save.
func ignoreWarningsQuery(ignore bool) url.Values {
	return url.Values{"ignoreWarnings": {strconv.FormatBool(ignore)}}
}

// APIDeploymentSettingsDoc is an API deployment's settings, saved with
// ignoreWarnings (the governance warnings of the versions deployed).
func APIDeploymentSettingsDoc(id string, ignoreWarnings bool) Document[APIDeploymentSettings] {
	return DocumentAt[APIDeploymentSettings](Path("api-deployer", "deployments", id, "settings")).WithPutQuery(ignoreWarningsQuery(ignoreWarnings))
}

// APIDeploymentCreate is what creating an API deployment sends
// (create_deployment's body; endpointId and the query authorizations are
// sent as null when not given, as dataikuapi does).
type APIDeploymentCreate struct {
	DeploymentID                         string          `json:"deploymentId"`
	PublishedServiceID                   string          `json:"publishedServiceId"`
	InfraID                              string          `json:"infraId"`
	Version                              string          `json:"version"`
	EndpointID                           *string         `json:"endpointId"`
	AuthorizationsToQueryThroughDeployer json.RawMessage `json:"authorizationsToQueryThroughDeployer"`
}

// CreateAPIDeployment creates an API deployment (not yet deployed: run its
// update).
func (c *Client) CreateAPIDeployment(ctx context.Context, d APIDeploymentCreate, ignoreWarnings bool) error {
	if d.AuthorizationsToQueryThroughDeployer == nil {
		d.AuthorizationsToQueryThroughDeployer = json.RawMessage("null")
	}
	return c.Post(ctx, Path("api-deployer", "deployments"), ignoreWarningsQuery(ignoreWarnings), d, nil)
}

// APIDeploymentLight is an API deployment's light status: whether it is
// enabled (deploymentBasicInfo.enabled, which dataikuapi's delete reads)
// and the service's id on the infrastructure (get_service_urls reads
// deployedServiceId, the published service's id when it is absent).
type APIDeploymentLight struct {
	DeploymentBasicInfo struct {
		Enabled            *bool  `json:"enabled"`
		PublishedServiceID string `json:"publishedServiceId"`
		DeployedServiceID  string `json:"deployedServiceId"`
	} `json:"deploymentBasicInfo"`
	Extra Extra `json:"-"`
}

func (d *APIDeploymentLight) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d APIDeploymentLight) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// GetAPIDeploymentLight reads an API deployment's light status.
func (c *Client) GetAPIDeploymentLight(ctx context.Context, id string) (*APIDeploymentLight, error) {
	return callAs[APIDeploymentLight](ctx, c, http.MethodGet, APIDeploymentPath(id), nil, nil)
}

// APIDeploymentStatus is an API deployment's heavy status: its health, as
// a Project Deployer deployment's, and where the service answers
// (get_service_urls): the API nodes of a STATIC infrastructure, each with
// its URL (a pointer: dataikuapi reads the nodes whenever the key is
// there, even empty), or the public URL of another type's (Kubernetes),
// absent while the deployment is still initializing.
type APIDeploymentStatus struct {
	Health         string `json:"health"`
	HealthMessages struct {
		Messages []Message `json:"messages"`
	} `json:"healthMessages"`
	APINodes *[]struct {
		URL string `json:"url"`
	} `json:"apiNodes"`
	PublicURL string `json:"publicURL"`
	Extra     Extra  `json:"-"`
}

func (d *APIDeploymentStatus) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d APIDeploymentStatus) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// GetAPIDeploymentStatus reads an API deployment's heavy status.
func (c *Client) GetAPIDeploymentStatus(ctx context.Context, id string) (*APIDeploymentStatus, error) {
	return callAs[APIDeploymentStatus](ctx, c, http.MethodGet, Path("api-deployer", "deployments", id, "status"), nil, nil)
}

// APIDeploymentServiceURLs are the service-level URLs of a deployment
// (dataikuapi's get_service_urls), from its light and heavy status: each
// API node's URL, in DSS's order, or the public URL, followed by
// /public/api/v1/<service id>; an endpoint's URL adds its own suffix
// (e.g. /<endpoint id>/predict). Where dataikuapi raises (neither nodes
// nor a public URL: the deployment might still be initializing), the list
// is empty: a caller shows that DSS has no URL yet rather than fail.
func APIDeploymentServiceURLs(light *APIDeploymentLight, heavy *APIDeploymentStatus) []string {
	info := light.DeploymentBasicInfo
	// [I] An empty deployedServiceId is taken as absent: a URL needs an id.
	service := cmp.Or(info.DeployedServiceID, info.PublishedServiceID)
	var bases []string
	switch {
	case heavy.APINodes != nil:
		for _, n := range *heavy.APINodes {
			bases = append(bases, n.URL)
		}
	case heavy.PublicURL != "":
		bases = []string{heavy.PublicURL}
	}
	out := []string{}
	for _, b := range bases {
		out = append(out, b+"/public/api/v1/"+service)
	}
	return out
}

// UpdateAPIDeployment runs an API deployment's update (start_update, a
// future) and waits for it under ctx's deadline; DSS's report of a failed
// update is an OperationError.
func (c *Client) UpdateAPIDeployment(ctx context.Context, id string) error {
	f, err := c.futureCall(ctx, "POST", Path("api-deployer", "deployments", id, "actions", "update"), nil, nil)
	if err != nil {
		return err
	}
	_, err = c.WaitFuture(ctx, f, false)
	return err
}

// DeleteAPIDeployment deletes a disabled API deployment; DSS refuses an
// enabled one. ignorePreDeleteErrors is dataikuapi's
// ignore_pre_delete_errors (false by default there): when set, DSS deletes
// the deployment even when what it does before (removing it from the
// infrastructure's API nodes) fails.
func (c *Client) DeleteAPIDeployment(ctx context.Context, id string, ignorePreDeleteErrors bool) error {
	return c.Delete(ctx, APIDeploymentPath(id), url.Values{"ignorePreDeleteErrors": {strconv.FormatBool(ignorePreDeleteErrors)}}, nil)
}

// ListAPIInfras lists the API Deployer's infrastructures (GET
// /api-deployer/infras), as ListInfras.
func (c *Client) ListAPIInfras(ctx context.Context) ([]DeployerLight, error) {
	return c.listDeployer(ctx, "api-deployer", "infras")
}

// ListPublishedAPIServices lists the API Deployer's published services
// (GET /api-deployer/services).
func (c *Client) ListPublishedAPIServices(ctx context.Context) ([]DeployerLight, error) {
	return c.listDeployer(ctx, "api-deployer", "services")
}

// ListAPIDeployments lists the API Deployer's deployments (GET
// /api-deployer/deployments).
func (c *Client) ListAPIDeployments(ctx context.Context) ([]DeployerLight, error) {
	return c.listDeployer(ctx, "api-deployer", "deployments")
}
