package dss

import (
	"context"
	"net/url"
	"strconv"
)

// Project documents (metadata, permissions, variables, settings) are kept as
// raw JSON objects: DSS replaces each one whole on PUT, so callers read,
// change only the fields they model, and write the same object back, which
// keeps every field DSS has and the caller does not know.

// CreateProjectRequest is the body of POST /projects/ (dss-api.md §2.1).
type CreateProjectRequest struct {
	ProjectKey  string  `json:"projectKey"`
	Name        string  `json:"name"`
	Owner       string  `json:"owner"`
	Description *string `json:"description"`
	// Settings is sent as null: DSS fills its defaults.
	Settings    map[string]any `json:"settings"`
	Permissions []any          `json:"permissions"`
	Tags        []string       `json:"tags"`
}

// CreateProject creates a project in the folder folderID ("" for DSS's
// default, the root). It fails with an OutcomeUnknownError when the POST may
// have taken effect: check ProjectExists before retrying.
func (c *Client) CreateProject(ctx context.Context, req CreateProjectRequest, folderID string) error {
	// DSS rejects null for these two lists.
	if req.Permissions == nil {
		req.Permissions = []any{}
	}
	if req.Tags == nil {
		req.Tags = []string{}
	}
	var q url.Values
	if folderID != "" {
		q = url.Values{"projectFolderId": {folderID}}
	}
	// The answer is text in some DSS versions: ignore it.
	return c.Post(ctx, "/projects/", q, req, nil)
}

// ProjectSummary is one item of GET /projects/ (fields beyond projectKey are
// what DSS is reported to send; dss-api.md §2.1).
type ProjectSummary struct {
	ProjectKey string   `json:"projectKey"`
	Name       string   `json:"name"`
	OwnerLogin string   `json:"ownerLogin"`
	ShortDesc  string   `json:"shortDesc"`
	Tags       []string `json:"tags"`
}

// ListProjects lists the projects the key can read.
func (c *Client) ListProjects(ctx context.Context) ([]ProjectSummary, error) {
	var out []ProjectSummary
	if err := c.Get(ctx, "/projects/", nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// GetProjectSummary reads GET /projects/{key}.
func (c *Client) GetProjectSummary(ctx context.Context, key string) (*ProjectSummary, error) {
	var out ProjectSummary
	if err := c.Get(ctx, Path("projects", key), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteProjectOptions are the flags of DELETE /projects/{key}.
type DeleteProjectOptions struct {
	ClearManagedDatasets      bool
	ClearOutputManagedFolders bool
}

// DeleteProject deletes a project and waits for DSS to finish. Job and
// scenario logs are always cleared, as DSS's own client does by default.
func (c *Client) DeleteProject(ctx context.Context, key string, opts DeleteProjectOptions) error {
	q := url.Values{
		"clearManagedDatasets":      {strconv.FormatBool(opts.ClearManagedDatasets)},
		"clearOutputManagedFolders": {strconv.FormatBool(opts.ClearOutputManagedFolders)},
		"clearJobAndScenarioLogs":   {"true"},
		"wait":                      {"true"},
	}
	return c.Delete(ctx, Path("projects", key), q, nil)
}

func (c *Client) getProjectDoc(ctx context.Context, key, doc string) (map[string]any, error) {
	var out map[string]any
	if err := c.Get(ctx, Path("projects", key, doc), nil, &out); err != nil {
		return nil, err
	}
	if out == nil {
		out = map[string]any{}
	}
	return out, nil
}

func (c *Client) putProjectDoc(ctx context.Context, key, doc string, body map[string]any) error {
	return c.Put(ctx, Path("projects", key, doc), nil, body, nil)
}

// GetProjectMetadata reads {label, description, shortDesc, tags, ...}.
func (c *Client) GetProjectMetadata(ctx context.Context, key string) (map[string]any, error) {
	return c.getProjectDoc(ctx, key, "metadata")
}

// PutProjectMetadata replaces the metadata document.
func (c *Client) PutProjectMetadata(ctx context.Context, key string, doc map[string]any) error {
	return c.putProjectDoc(ctx, key, "metadata", doc)
}

// GetProjectPermissions reads {owner, permissions: [...], ...}; it needs
// admin rights on the project.
func (c *Client) GetProjectPermissions(ctx context.Context, key string) (map[string]any, error) {
	return c.getProjectDoc(ctx, key, "permissions")
}

// PutProjectPermissions replaces the permissions document.
func (c *Client) PutProjectPermissions(ctx context.Context, key string, doc map[string]any) error {
	return c.putProjectDoc(ctx, key, "permissions", doc)
}

// GetProjectVariables reads {standard: {...}, local: {...}}.
func (c *Client) GetProjectVariables(ctx context.Context, key string) (map[string]any, error) {
	var out map[string]any
	if err := c.Get(ctx, Path("projects", key, "variables")+"/", nil, &out); err != nil {
		return nil, err
	}
	if out == nil {
		out = map[string]any{}
	}
	return out, nil
}

// PutProjectVariables replaces the variables document; DSS's own client
// refuses a document without both standard and local, so they are filled in.
func (c *Client) PutProjectVariables(ctx context.Context, key string, doc map[string]any) error {
	for _, k := range []string{"standard", "local"} {
		if _, ok := doc[k].(map[string]any); !ok {
			doc[k] = map[string]any{}
		}
	}
	return c.Put(ctx, Path("projects", key, "variables")+"/", nil, doc, nil)
}

// GetProjectSettings reads the (mostly opaque) settings document.
func (c *Client) GetProjectSettings(ctx context.Context, key string) (map[string]any, error) {
	return c.getProjectDoc(ctx, key, "settings")
}

// PutProjectSettings replaces the settings document.
func (c *Client) PutProjectSettings(ctx context.Context, key string, doc map[string]any) error {
	return c.putProjectDoc(ctx, key, "settings", doc)
}
