package dss

import (
	"context"
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

// WorkspacePermission is one entry of a workspace's permissions: a group
// or a user, and its flags (dataikuapi's DSSWorkspacePermissionItem: an
// admin has all three, a contributor write and read, a member read). A
// flag is nil when DSS's entry lacks it, so that a read-modify-write keeps
// the entry as DSS holds it.
type WorkspacePermission struct {
	Group string `json:"group,omitempty"`
	User  string `json:"user,omitempty"`
	Admin *bool  `json:"admin,omitempty"`
	Write *bool  `json:"write,omitempty"`
	Read  *bool  `json:"read,omitempty"`
	Extra Extra  `json:"-"`
}

func (d *WorkspacePermission) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d WorkspacePermission) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// Principal identifies the entry: "group:<name>" or "user:<login>", ""
// for an entry with neither (DSS never writes one).
func (d WorkspacePermission) Principal() string { return principal(d.Group, d.User) }

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
