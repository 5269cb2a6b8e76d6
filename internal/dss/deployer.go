package dss

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"
)

// Bundles and the Project Deployer (dataikuapi dss/project.py "Bundles",
// dss/projectdeployer.py), relative to APIPrefix:
//
//   - a design project's bundles: PUT/DELETE projects/{k}/bundles/exported/{id},
//     GET projects/{k}/bundles/exported, POST projects/{k}/bundles/{id}/publish;
//   - on an automation node: projects/{k}/bundles/imported and its
//     activate action;
//   - the deployer: project-deployer/stages, infras, projects (published
//     projects) and deployments, whose update is a future.

// ExportedBundle is one of a design project's bundles as the list shows it.
type ExportedBundle struct {
	BundleID            string  `json:"bundleId"`
	PublishedProjectKey *string `json:"publishedProjectKey,omitempty"`
	Extra               Extra   `json:"-"`
}

func (d *ExportedBundle) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ExportedBundle) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// BundlesPath is the path of a project's exported bundles.
func BundlesPath(projectKey string) string {
	return Path("projects", projectKey, "bundles", "exported")
}

// BundlePath is the path of one exported bundle.
func BundlePath(projectKey, bundleID string) string {
	return Path("projects", projectKey, "bundles", "exported", bundleID)
}

// ListExportedBundles lists a project's exported bundles.
func (c *Client) ListExportedBundles(ctx context.Context, projectKey string) ([]ExportedBundle, error) {
	var out struct {
		Bundles []ExportedBundle `json:"bundles"`
	}
	if err := c.Get(ctx, BundlesPath(projectKey), nil, &out); err != nil {
		return nil, err
	}
	return out.Bundles, nil
}

// GetExportedBundle finds one exported bundle in the list; a bundle the
// list does not hold is a NotFound APIError on its path.
func (c *Client) GetExportedBundle(ctx context.Context, projectKey, bundleID string) (*ExportedBundle, error) {
	list, err := c.ListExportedBundles(ctx, projectKey)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].BundleID == bundleID {
			return &list[i], nil
		}
	}
	return nil, notFoundAt(BundlePath(projectKey, bundleID), "Bundle "+bundleID+" does not exist in project "+projectKey)
}

// ExportBundle exports a new bundle of the project under bundleID.
func (c *Client) ExportBundle(ctx context.Context, projectKey, bundleID, releaseNotes string) error {
	q := url.Values{}
	if releaseNotes != "" {
		q.Set("releaseNotes", releaseNotes)
	}
	return c.Put(ctx, BundlePath(projectKey, bundleID), q, nil, nil)
}

// DeleteExportedBundle deletes an exported bundle.
func (c *Client) DeleteExportedBundle(ctx context.Context, projectKey, bundleID string) error {
	return c.Delete(ctx, BundlePath(projectKey, bundleID), nil, nil)
}

// PublishBundle publishes an exported bundle to the Project Deployer, in
// publishedProjectKey ("" for the project's own key).
func (c *Client) PublishBundle(ctx context.Context, projectKey, bundleID, publishedProjectKey string) error {
	var q url.Values
	if publishedProjectKey != "" {
		q = url.Values{"publishedProjectKey": {publishedProjectKey}}
	}
	return c.Post(ctx, Path("projects", projectKey, "bundles", bundleID, "publish"), q, nil, nil)
}

// ImportedBundle is a bundle imported on an automation node.
type ImportedBundle struct {
	BundleID  string `json:"bundleId"`
	Activated *bool  `json:"activated,omitempty"`
	Extra     Extra  `json:"-"`
}

func (d *ImportedBundle) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ImportedBundle) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ListImportedBundles lists the bundles imported in a project of an
// automation node.
func (c *Client) ListImportedBundles(ctx context.Context, projectKey string) ([]ImportedBundle, error) {
	var out struct {
		Bundles []ImportedBundle `json:"bundles"`
	}
	if err := c.Get(ctx, Path("projects", projectKey, "bundles", "imported"), nil, &out); err != nil {
		return nil, err
	}
	return out.Bundles, nil
}

// ActivateBundle activates an imported bundle on an automation node.
func (c *Client) ActivateBundle(ctx context.Context, projectKey, bundleID string) error {
	return c.Post(ctx, Path("projects", projectKey, "bundles", "imported", bundleID, "actions", "activate"), nil, Object{}, nil)
}

// DeployerStage is one stage infrastructures may have.
type DeployerStage struct {
	ID   string `json:"id"`
	Desc string `json:"desc"`
}

// ListDeployerStages lists the deployer's stages.
func (c *Client) ListDeployerStages(ctx context.Context) ([]DeployerStage, error) {
	var out []DeployerStage
	return out, c.Get(ctx, Path("project-deployer", "stages"), nil, &out)
}

// InfraSettings is an infrastructure's settings document. AdminAPIKey is
// the automation node's key, which DSS returns to administrators: the
// provider writes it and never reads it into state. Settings DSS holds or
// shows without a key are written back without one: "" would set it.
type InfraSettings struct {
	ID                string          `json:"id"`
	Stage             string          `json:"stage"`
	GovernCheckPolicy string          `json:"governCheckPolicy,omitempty"`
	AutomationNodeURL string          `json:"automationNodeUrl"`
	AdminAPIKey       string          `json:"adminApiKey,omitempty"`
	Permissions       json.RawMessage `json:"permissions,omitempty"`
	Extra             Extra           `json:"-"`
}

func (d *InfraSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d InfraSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }
func (*InfraSettings) holdsSecrets()                  {}
func (d *InfraSettings) sentSecrets() []string        { return []string{d.AdminAPIKey} }

// InfraPath is an infrastructure's path.
func InfraPath(id string) string { return Path("project-deployer", "infras", id) }

// InfraSettingsDoc is an infrastructure's settings.
func InfraSettingsDoc(id string) Document[InfraSettings] {
	return DocumentAt[InfraSettings](Path("project-deployer", "infras", id, "settings"))
}

// CreateInfra creates an infrastructure.
func (c *Client) CreateInfra(ctx context.Context, id, stage, governCheckPolicy string) error {
	body := Object{"id": id, "stage": stage}
	if governCheckPolicy != "" {
		body["governCheckPolicy"] = governCheckPolicy
	}
	return c.Post(ctx, Path("project-deployer", "infras"), nil, body, nil)
}

// PublishedProjectSettings is a published project's settings document.
type PublishedProjectSettings struct {
	Permissions json.RawMessage `json:"permissions,omitempty"`
	Extra       Extra           `json:"-"`
}

func (d *PublishedProjectSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d PublishedProjectSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// PublishedProjectPath is a published project's path.
func PublishedProjectPath(key string) string { return Path("project-deployer", "projects", key) }

// PublishedProjectSettingsDoc is a published project's settings.
func PublishedProjectSettingsDoc(key string) Document[PublishedProjectSettings] {
	return DocumentAt[PublishedProjectSettings](Path("project-deployer", "projects", key, "settings"))
}

// CreatePublishedProject creates an empty published project.
func (c *Client) CreatePublishedProject(ctx context.Context, key string) error {
	return c.Post(ctx, Path("project-deployer", "projects"), nil, Object{"publishedProjectKey": key}, nil)
}

// PublishedProjectStatus is a published project's light status.
type PublishedProjectStatus struct {
	Packages []struct {
		ID       string `json:"id"`
		BundleID string `json:"bundleId"`
	} `json:"packages"`
	Extra Extra `json:"-"`
}

func (d *PublishedProjectStatus) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d PublishedProjectStatus) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// GetPublishedProject reads a published project's light status.
func (c *Client) GetPublishedProject(ctx context.Context, key string) (*PublishedProjectStatus, error) {
	return callAs[PublishedProjectStatus](ctx, c, http.MethodGet, PublishedProjectPath(key), nil, nil)
}

// ConnectionRemap maps a bundle's connection to the automation node's.
type ConnectionRemap struct {
	Source string `json:"source"`
	Target string `json:"target"`
}

// ConnectionRemapsFrom is DSS's list of connection remappings for a map
// from source to target, sorted by source so that a request is the same
// each time.
func ConnectionRemapsFrom(m map[string]string) []ConnectionRemap {
	out := make([]ConnectionRemap, 0, len(m))
	for _, src := range slices.Sorted(maps.Keys(m)) {
		out = append(out, ConnectionRemap{Source: src, Target: m[src]})
	}
	return out
}

// DeploymentSettings is a deployment's settings document; the remappings
// are bundleContainerSettings.remapping.connections, the variable
// overrides localVariables.
type DeploymentSettings struct {
	ID                      string                   `json:"id"`
	InfraID                 string                   `json:"infraId"`
	PublishedProjectKey     string                   `json:"publishedProjectKey"`
	BundleID                string                   `json:"bundleId"`
	DeployedProjectKey      string                   `json:"deployedProjectKey,omitempty"`
	ProjectFolderID         string                   `json:"projectFolderId,omitempty"`
	Enabled                 *bool                    `json:"enabled,omitempty"`
	BundleContainerSettings *BundleContainerSettings `json:"bundleContainerSettings,omitempty"`
	LocalVariables          Object                   `json:"localVariables,omitempty"`
	Extra                   Extra                    `json:"-"`
}

func (d *DeploymentSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d DeploymentSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// BundleContainerSettings is a deployment's bundleContainerSettings.
type BundleContainerSettings struct {
	Remapping *BundleRemapping `json:"remapping,omitempty"`
	Extra     Extra            `json:"-"`
}

func (d *BundleContainerSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d BundleContainerSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// BundleRemapping is bundleContainerSettings.remapping.
type BundleRemapping struct {
	Connections []ConnectionRemap `json:"connections" dss:"nonnull"`
	Extra       Extra             `json:"-"`
}

func (d *BundleRemapping) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d BundleRemapping) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ConnectionRemaps returns the deployment's connection remappings.
func (d *DeploymentSettings) ConnectionRemaps() []ConnectionRemap {
	if d.BundleContainerSettings == nil || d.BundleContainerSettings.Remapping == nil {
		return nil
	}
	return d.BundleContainerSettings.Remapping.Connections
}

// SetConnectionRemaps replaces the deployment's connection remappings,
// keeping the rest of bundleContainerSettings.
func (d *DeploymentSettings) SetConnectionRemaps(r []ConnectionRemap) {
	if d.BundleContainerSettings == nil {
		d.BundleContainerSettings = &BundleContainerSettings{}
	}
	if d.BundleContainerSettings.Remapping == nil {
		d.BundleContainerSettings.Remapping = &BundleRemapping{}
	}
	if r == nil {
		r = []ConnectionRemap{}
	}
	d.BundleContainerSettings.Remapping.Connections = r
}

// DeploymentPath is a deployment's path.
func DeploymentPath(id string) string { return Path("project-deployer", "deployments", id) }

// DeploymentSettingsDoc is a deployment's settings.
func DeploymentSettingsDoc(id string) Document[DeploymentSettings] {
	return DocumentAt[DeploymentSettings](Path("project-deployer", "deployments", id, "settings"))
}

// DeploymentCreate is what creating a deployment sends.
type DeploymentCreate struct {
	DeploymentID        string `json:"deploymentId"`
	PublishedProjectKey string `json:"publishedProjectKey"`
	InfraID             string `json:"infraId"`
	BundleID            string `json:"bundleId"`
	DeployedProjectKey  string `json:"deployedProjectKey,omitempty"`
	ProjectFolderID     string `json:"projectFolderId,omitempty"`
}

// CreateDeployment creates a deployment (not yet deployed: run its update).
func (c *Client) CreateDeployment(ctx context.Context, d DeploymentCreate) error {
	return c.Post(ctx, Path("project-deployer", "deployments"), nil, d, nil)
}

// DeploymentStatus is a deployment's heavy status: its health.
type DeploymentStatus struct {
	Health         string `json:"health"`
	HealthMessages struct {
		Messages []Message `json:"messages"`
	} `json:"healthMessages"`
	DeployedBundleID string `json:"deployedBundleId,omitempty"`
	Extra            Extra  `json:"-"`
}

func (d *DeploymentStatus) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d DeploymentStatus) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// GetDeploymentStatus reads a deployment's health.
func (c *Client) GetDeploymentStatus(ctx context.Context, id string) (*DeploymentStatus, error) {
	return callAs[DeploymentStatus](ctx, c, http.MethodGet, Path("project-deployer", "deployments", id, "status"), nil, nil)
}

// StartDeploymentUpdate starts a deployment's update: a future.
func (c *Client) StartDeploymentUpdate(ctx context.Context, id string) (*Future, error) {
	return c.futureCall(ctx, "POST", Path("project-deployer", "deployments", id, "actions", "update"), nil, nil)
}

// UpdateDeployment runs a deployment's update and waits for it under
// ctx's deadline; DSS's report of a failed update is an OperationError.
func (c *Client) UpdateDeployment(ctx context.Context, id string) error {
	f, err := c.StartDeploymentUpdate(ctx, id)
	if err != nil {
		return err
	}
	_, err = c.WaitFuture(ctx, f, false)
	return err
}

// notFoundAt is DSS's not-found for an object a list answered without:
// what a GET of its own path would have answered, so that dss.IsGone
// reads it as gone. Only for objects DSS serves no GET of their own.
func notFoundAt(path, message string) error {
	return &APIError{Method: "GET", Path: APIPrefix + path, StatusCode: http.StatusNotFound,
		ErrorType: "com.dataiku.dip.server.controllers.NotFoundException", Message: message}
}

// DeployerBasicInfo is what a deployer's lists say of an object (its
// infraBasicInfo, projectBasicInfo, serviceBasicInfo or
// deploymentBasicInfo): its id, and for a deployment where it deploys
// what.
type DeployerBasicInfo struct {
	ID                  string `json:"id"`
	Name                string `json:"name,omitempty"`
	Stage               string `json:"stage,omitempty"`
	InfraID             string `json:"infraId,omitempty"`
	PublishedProjectKey string `json:"publishedProjectKey,omitempty"`
	PublishedServiceID  string `json:"publishedServiceId,omitempty"`
}

// DeployerLight is one element of a deployer's list: the object's light
// status, named by the basic info of its kind (dataikuapi's list_infras,
// list_projects, list_services and list_deployments read
// x["infraBasicInfo"]["id"], x["projectBasicInfo"]["id"],
// x["serviceBasicInfo"]["id"] and x["deploymentBasicInfo"]["id"]). A
// deployment's light status holds its infrastructure's and published
// object's basic infos too.
type DeployerLight struct {
	InfraBasicInfo      DeployerBasicInfo `json:"infraBasicInfo"`
	ProjectBasicInfo    DeployerBasicInfo `json:"projectBasicInfo"`
	ServiceBasicInfo    DeployerBasicInfo `json:"serviceBasicInfo"`
	DeploymentBasicInfo DeployerBasicInfo `json:"deploymentBasicInfo"`
}

// listDeployer lists one kind of a deployer's objects (kind is its path
// under APIPrefix, e.g. project-deployer/infras).
func (c *Client) listDeployer(ctx context.Context, kind ...string) ([]DeployerLight, error) {
	return getAs[[]DeployerLight](ctx, c, Path(kind...), nil)
}

// ListInfras lists the Project Deployer's infrastructures (GET
// /project-deployer/infras).
func (c *Client) ListInfras(ctx context.Context) ([]DeployerLight, error) {
	return c.listDeployer(ctx, "project-deployer", "infras")
}

// ListPublishedProjects lists the Project Deployer's published projects
// (GET /project-deployer/projects).
func (c *Client) ListPublishedProjects(ctx context.Context) ([]DeployerLight, error) {
	return c.listDeployer(ctx, "project-deployer", "projects")
}

// ListDeployments lists the Project Deployer's deployments (GET
// /project-deployer/deployments).
func (c *Client) ListDeployments(ctx context.Context) ([]DeployerLight, error) {
	return c.listDeployer(ctx, "project-deployer", "deployments")
}
