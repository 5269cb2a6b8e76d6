package dss

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

// RootProjectFolderID is the id of the root of the project-folder tree.
const RootProjectFolderID = "ROOT"

// ProjectFolder is DSS's project-folder object (dss-api.md §2.2).
type ProjectFolder struct {
	ID          string   `json:"id"`
	Name        *string  `json:"name"`
	ParentID    *string  `json:"parentId"`
	ChildrenIDs []string `json:"childrenIds"`
	ProjectKeys []string `json:"projectKeys"`
}

// GetProjectFolder reads a folder ("ROOT" for the root).
func (c *Client) GetProjectFolder(ctx context.Context, id string) (*ProjectFolder, error) {
	return callAs[ProjectFolder](ctx, c, http.MethodGet, Path("project-folders", id), nil, nil)
}

// LocateProject returns the folder that holds a project.
func (c *Client) LocateProject(ctx context.Context, key string) (*ProjectFolder, error) {
	return callAs[ProjectFolder](ctx, c, http.MethodGet, Path("project-folders", "locate-project", key), nil, nil)
}

// MoveProject moves a project from folder from to folder to.
func (c *Client) MoveProject(ctx context.Context, from, key, to string) error {
	return c.Post(ctx, Path("project-folders", from, "projects", key, "move"), url.Values{"destination": {to}}, nil, nil)
}

// CreateProjectFolder creates a folder named name under parent and
// returns it.
func (c *Client) CreateProjectFolder(ctx context.Context, parent, name string) (*ProjectFolder, error) {
	return postCreateWith[ProjectFolder](ctx, c, Path("project-folders", parent, "children"), url.Values{"name": {name}}, nil, "created the project folder")
}

func (f *ProjectFolder) createdKey() (string, string) { return "id", f.ID }

// DeleteProjectFolder deletes an empty folder.
func (c *Client) DeleteProjectFolder(ctx context.Context, id string) error {
	return c.Delete(ctx, Path("project-folders", id), nil, nil)
}

// ListProjectFolderChildren lists the subfolders of a folder.
func (c *Client) ListProjectFolderChildren(ctx context.Context, id string) ([]ProjectFolder, error) {
	return getAs[[]ProjectFolder](ctx, c, Path("project-folders", id, "children"), nil)
}

// MoveProjectFolder moves a folder under another.
func (c *Client) MoveProjectFolder(ctx context.Context, id, to string) error {
	return c.Post(ctx, Path("project-folders", id, "move"), url.Values{"destination": {to}}, nil, nil)
}

// ProjectFolderSettings is GET/PUT /project-folders/{id}/settings: the
// folder's name, owner and permissions. The shape of a permission entry is
// not documented (dss-api.md §2.2), so the entries are kept as DSS sends
// them.
type ProjectFolderSettings struct {
	Name        string          `json:"name"`
	Owner       string          `json:"owner,omitempty"`
	Permissions json.RawMessage `json:"permissions,omitempty"`
	Extra       Extra           `json:"-"`
}

func (d *ProjectFolderSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ProjectFolderSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ProjectFolderSettingsDoc is a project folder's settings document.
func ProjectFolderSettingsDoc(id string) Document[ProjectFolderSettings] {
	return DocumentAt[ProjectFolderSettings](Path("project-folders", id, "settings"))
}
