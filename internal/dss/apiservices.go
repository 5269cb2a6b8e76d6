package dss

import (
	"context"
	"net/url"
)

// A design project's API services and their packages (dataikuapi
// dss/apiservice.py, dss/project.py create_api_service), relative to
// APIPrefix: projects/{k}/apiservices/{svc}/settings, .../packages
// (list), .../packages/{id} (POST creates, DELETE deletes),
// .../packages/{id}/summary and .../packages/{id}/publish.

// APIServicePath is a design project's API service.
func APIServicePath(projectKey, serviceID string) string {
	return Path("projects", projectKey, "apiservices", serviceID)
}

// APIServicePackagePath is one package of a design project's API service.
func APIServicePackagePath(projectKey, serviceID, packageID string) string {
	return Path("projects", projectKey, "apiservices", serviceID, "packages", packageID)
}

// CreateAPIService creates an API service without endpoints
// (create_api_service).
func (c *Client) CreateAPIService(ctx context.Context, projectKey, serviceID string) error {
	return c.Post(ctx, APIServicePath(projectKey, serviceID), nil, nil, nil)
}

// APIServiceSettings is an API service's settings document
// (DSSAPIServiceSettings: its endpoints; the rest kept as DSS sent it).
type APIServiceSettings struct {
	Endpoints []Object `json:"endpoints"`
	Extra     Extra    `json:"-"`
}

func (d *APIServiceSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d APIServiceSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// APIServiceSettingsDoc is an API service's settings.
func APIServiceSettingsDoc(projectKey, serviceID string) Document[APIServiceSettings] {
	return DocumentAt[APIServiceSettings](APIServicePath(projectKey, serviceID) + "/settings")
}

// APIServicePackage is a package as list_packages shows it.
type APIServicePackage struct {
	ID        string `json:"id"`
	CreatedOn int64  `json:"createdOn"`
	Extra     Extra  `json:"-"`
}

func (d *APIServicePackage) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d APIServicePackage) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ListAPIServicePackages lists an API service's packages.
func (c *Client) ListAPIServicePackages(ctx context.Context, projectKey, serviceID string) ([]APIServicePackage, error) {
	var out []APIServicePackage
	return out, c.Get(ctx, APIServicePath(projectKey, serviceID)+"/packages", nil, &out)
}

// GetAPIServicePackageSummary reads a package's summary
// (get_package_summary, a dict dataikuapi does not describe).
func (c *Client) GetAPIServicePackageSummary(ctx context.Context, projectKey, serviceID, packageID string) (Object, error) {
	return getAs[Object](ctx, c, APIServicePackagePath(projectKey, serviceID, packageID)+"/summary", nil)
}

// CreateAPIServicePackage packages the service as it is now under
// packageID (create_package); empty release notes are not sent.
func (c *Client) CreateAPIServicePackage(ctx context.Context, projectKey, serviceID, packageID, releaseNotes string) error {
	var q url.Values
	if releaseNotes != "" {
		q = url.Values{"releaseNotes": {releaseNotes}}
	}
	return c.Post(ctx, APIServicePackagePath(projectKey, serviceID, packageID), q, nil, nil)
}

// DeleteAPIServicePackage deletes a package of the design node's service
// (delete_package); a version published from it stays on the deployer.
func (c *Client) DeleteAPIServicePackage(ctx context.Context, projectKey, serviceID, packageID string) error {
	return c.Delete(ctx, APIServicePackagePath(projectKey, serviceID, packageID), nil, nil)
}

// PublishAPIServicePackage publishes a package to the API Deployer
// (publish_package), into publishedServiceID, or the service's own id
// when empty; DSS creates the published service when none has that id.
func (c *Client) PublishAPIServicePackage(ctx context.Context, projectKey, serviceID, packageID, publishedServiceID string) error {
	var q url.Values
	if publishedServiceID != "" {
		q = url.Values{"publishedServiceId": {publishedServiceID}}
	}
	return c.Post(ctx, APIServicePackagePath(projectKey, serviceID, packageID)+"/publish", q, nil, nil)
}
