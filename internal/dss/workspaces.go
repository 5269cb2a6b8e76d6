package dss

import (
	"context"
	"encoding/json"
)

// Workspaces (DSS 11+): dataikuapi's DSSClient.list_workspaces and
// create_workspace and dss/workspace.py's DSSWorkspace [V] give the paths
// and bodies: GET and POST /workspaces/, GET, PUT (the whole settings
// document) and DELETE /workspaces/{key}.

// Workspace is a workspace's settings document, GET/PUT
// /workspaces/{key}. Description and Color are nil when DSS's document
// lacks them, so that a read-modify-write leaves them absent.
// Permissions is nil when DSS sends none: dataikuapi says DSS redacts
// them to None for a caller who is not an administrator of the workspace.
type Workspace struct {
	WorkspaceKey string                 `json:"workspaceKey"`
	DisplayName  string                 `json:"displayName"`
	Color        *string                `json:"color,omitempty"`
	Description  *string                `json:"description,omitempty"`
	Permissions  *[]WorkspacePermission `json:"permissions,omitempty"`
	Extra        Extra                  `json:"-"`
}

func (d *Workspace) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d Workspace) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// WorkspacePermission is one entry of a workspace's permissions
// (dataikuapi's DSSWorkspacePermissionItem: an admin has all three flags,
// a contributor write and read, a member read).
type WorkspacePermission = AccessEntry

// WorkspacePath is the API path of a workspace.
func WorkspacePath(key string) string { return Path("workspaces", key) }

// WorkspaceDoc is a workspace's settings document.
func WorkspaceDoc(key string) Document[Workspace] {
	return DocumentAt[Workspace](WorkspacePath(key))
}

// ListWorkspaces lists the workspaces the caller may see. [I] dataikuapi
// reads only workspaceKey from an item; the items are decoded as settings
// documents, whichever of their fields DSS sends.
func (c *Client) ListWorkspaces(ctx context.Context) ([]Workspace, error) {
	return getAs[[]Workspace](ctx, c, Path("workspaces")+"/", nil)
}

// WorkspaceCreate is what a workspace's creation sends: dataikuapi's
// body, with null for what the caller leaves out (DSS then picks a random
// color). DSS answers text, which is not read.
type WorkspaceCreate struct {
	Key, DisplayName   string
	Color, Description *string
	Permissions        *[]WorkspacePermission
}

// CreateWorkspace creates a workspace (POST /workspaces/).
func (c *Client) CreateWorkspace(ctx context.Context, w WorkspaceCreate) error {
	body := map[string]any{"workspaceKey": w.Key, "displayName": w.DisplayName,
		"color": w.Color, "description": w.Description, "permissions": w.Permissions}
	return c.Post(ctx, Path("workspaces")+"/", nil, body, nil)
}

// DeleteWorkspace deletes a workspace (an administrator of the workspace).
func (c *Client) DeleteWorkspace(ctx context.Context, key string) error {
	return c.Delete(ctx, WorkspacePath(key), nil, nil)
}

// WorkspaceObject is one object of a workspace, as GET
// /workspaces/{key}/objects lists it and POST adds it (dataikuapi's
// DSSWorkspace.add_object bodies [V]): a reference to a project's dataset,
// dashboard or wiki article, a Dataiku application, or an HTML link. ID
// is DSS's, which DSSWorkspaceObject.remove deletes by [V]; the rest of an
// item's fields are kept in Extra [I].
type WorkspaceObject struct {
	ID        string                    `json:"id,omitempty"`
	Reference *WorkspaceObjectReference `json:"reference,omitempty"`
	AppID     string                    `json:"appId,omitempty"`
	HTMLLink  *WorkspaceHTMLLink        `json:"htmlLink,omitempty"`
	Extra     Extra                     `json:"-"`
}

func (d *WorkspaceObject) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d WorkspaceObject) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// WorkspaceObjectReference is a project object shared to a workspace:
// Type is DATASET, DASHBOARD or ARTICLE (dataikuapi's add_object [V]).
type WorkspaceObjectReference struct {
	ProjectKey   string `json:"projectKey"`
	Type         string `json:"type"`
	ID           string `json:"id"`
	WorkspaceKey string `json:"workspaceKey,omitempty"`
	Extra        Extra  `json:"-"`
}

func (d *WorkspaceObjectReference) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d WorkspaceObjectReference) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// WorkspaceHTMLLink is a link shown in a workspace.
type WorkspaceHTMLLink struct {
	Name        string `json:"name"`
	URL         string `json:"url"`
	Description string `json:"description"`
	Extra       Extra  `json:"-"`
}

func (d *WorkspaceHTMLLink) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d WorkspaceHTMLLink) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// WorkspaceObjectsPath is the API path of a workspace's objects.
func WorkspaceObjectsPath(key string) string { return Path("workspaces", key, "objects") }

// ListWorkspaceObjects lists a workspace's objects.
func (c *Client) ListWorkspaceObjects(ctx context.Context, key string) ([]WorkspaceObject, error) {
	return getAs[[]WorkspaceObject](ctx, c, WorkspaceObjectsPath(key), nil)
}

// AddWorkspaceObject adds an object to a workspace (its ID unset) and
// returns the object DSS answers, nil when the answer is not one with an
// id: dataikuapi reads nothing of it [V], so its shape is [I].
func (c *Client) AddWorkspaceObject(ctx context.Context, key string, o WorkspaceObject) (*WorkspaceObject, error) {
	var answer textAnswer
	if err := c.Post(ctx, WorkspaceObjectsPath(key), nil, o, &answer); err != nil {
		return nil, err
	}
	return createdWorkspaceObject(answer), nil
}

// createdWorkspaceObject is the object an add's answer holds, nil when it
// holds none with an id.
func createdWorkspaceObject(answer []byte) *WorkspaceObject {
	var created WorkspaceObject
	if json.Unmarshal(answer, &created) != nil || created.ID == "" {
		return nil
	}
	return &created
}

// DeleteWorkspaceObject removes an object from a workspace.
func (c *Client) DeleteWorkspaceObject(ctx context.Context, key, id string) error {
	return c.Delete(ctx, Path("workspaces", key, "objects", id), nil, nil)
}
