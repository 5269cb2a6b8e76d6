package dss

import (
	"context"
	"encoding/json"
)

// Managed folder calls (dss-api.md §5.1, dss-api-more.md §6). A managed
// folder is identified by an 8-character id DSS generates, not by its name.

// DefaultManagedFolderPath is the path DSS's own client gives a new folder:
// DSS expands the variables itself and keeps them unexpanded in the
// definition.
const DefaultManagedFolderPath = "/${projectKey}/${odbId}"

// ManagedFolder is a managed folder's whole definition, GET/PUT
// /projects/{key}/managedfolders/{id}.
type ManagedFolder struct {
	ID           string        `json:"id"`
	ProjectKey   string        `json:"projectKey"`
	Name         string        `json:"name"`
	Type         string        `json:"type,omitempty"`
	Params       Object        `json:"params"`
	Partitioning *Partitioning `json:"partitioning,omitempty"`
	Description  string        `json:"description"`
	ShortDesc    string        `json:"shortDesc"`
	Tags         []string      `json:"tags" dss:"nonnull"`
	Extra        Extra         `json:"-"`
}

func (d *ManagedFolder) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ManagedFolder) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// pathParam is where DSS keeps a folder's path in its connection.
const pathParam = "path"

// Connection is the folder's connection (params.connection).
func (d *ManagedFolder) Connection() string { s, _ := d.Params[connectionParam].(string); return s }

// Path is the folder's path in its connection (params.path).
func (d *ManagedFolder) Path() string { s, _ := d.Params[pathParam].(string); return s }

// SetConnectionAndPath sets params.connection and params.path.
func (d *ManagedFolder) SetConnectionAndPath(connection, path string) {
	if d.Params == nil {
		d.Params = Object{}
	}
	d.Params[connectionParam] = connection
	d.Params[pathParam] = path
}

// ManagedFolderDoc is a managed folder's definition document.
func ManagedFolderDoc(projectKey, id string) Document[ManagedFolder] {
	return DocumentAt[ManagedFolder](Path("projects", projectKey, "managedfolders", id))
}

// ListManagedFolders lists the definitions of a project's managed folders.
func (c *Client) ListManagedFolders(ctx context.Context, projectKey string) ([]ManagedFolder, error) {
	return getAs[[]ManagedFolder](ctx, c, Path("projects", projectKey, "managedfolders")+"/", nil)
}

// CreateManagedFolder creates a folder as DSS's own client does: type null
// unless given (DSS takes the connection's), params {connection, path}. It
// returns the id DSS generated.
func (c *Client) CreateManagedFolder(ctx context.Context, projectKey, name, folderType, connection, path string) (string, error) {
	body := map[string]any{
		"projectKey": projectKey, "name": name, "type": nil,
		"params": map[string]any{connectionParam: connection, pathParam: path},
	}
	if folderType != "" {
		body["type"] = folderType
	}
	return c.postManagedFolder(ctx, projectKey, body)
}

// CreateManagedFolderFrom creates a folder from a whole definition: what
// CreateManagedFolder sends (type null unless set, params) and the rest
// (descriptions, tags, partitioning), so that one POST can stand for a
// POST and a PUT. The id is DSS's to choose, so none is sent. DSS may not
// honour every field at creation [I]: callers read the folder back and
// write what DSS left out. It returns the id DSS generated.
func (c *Client) CreateManagedFolderFrom(ctx context.Context, f *ManagedFolder) (string, error) {
	body, err := createBodyWithoutID(f)
	if err != nil {
		return "", err
	}
	if _, ok := body["type"]; !ok {
		body["type"] = json.RawMessage("null")
	}
	return c.postManagedFolder(ctx, f.ProjectKey, body)
}

// createBodyWithoutID is a whole document as the body of a create call
// whose id DSS generates: every field it holds but the id.
func createBodyWithoutID(doc any) (map[string]json.RawMessage, error) {
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	var body map[string]json.RawMessage
	if err := json.Unmarshal(raw, &body); err != nil {
		return nil, err
	}
	delete(body, "id")
	return body, nil
}

// postManagedFolder posts a create body and returns the generated id.
func (c *Client) postManagedFolder(ctx context.Context, projectKey string, body any) (string, error) {
	return postCreatedKey[createdID](ctx, c, Path("projects", projectKey, "managedfolders")+"/", nil, body, "created the managed folder")
}

// RenameManagedFolder renames a folder in place (its id does not change).
func (c *Client) RenameManagedFolder(ctx context.Context, projectKey, id, newName string) error {
	return c.Post(ctx, Path("projects", projectKey, "actions", "renameManagedFolder"), nil,
		map[string]any{"id": id, "newName": newName}, nil)
}

// DeleteManagedFolder deletes a folder's definition (DSS keeps its files).
func (c *Client) DeleteManagedFolder(ctx context.Context, projectKey, id string) error {
	return c.Delete(ctx, Path("projects", projectKey, "managedfolders", id), nil, nil)
}

// ListManagedFolderDefinitions lists a project's managed folders as raw
// definitions keyed by id. DSS's list returns each folder's whole
// definition, the shape of GET /projects/{key}/managedfolders/{id}
// (dss-api.md §5.1, [V] from the Python client); decode an item with
// ManagedFolderDoc(key, id).Decode.
func (c *Client) ListManagedFolderDefinitions(ctx context.Context, projectKey string) (*Definitions, error) {
	return c.listDefinitions(ctx, Path("projects", projectKey, "managedfolders")+"/", "id")
}
