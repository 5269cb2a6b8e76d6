package dss

import (
	"context"
	"net/url"
	"strconv"
	"strings"
)

// Dataset calls (shared/reference/dss-api.md §3.1 rename, §4). Definitions
// are raw documents: DSS returns many fields the provider does not model
// and every PUT replaces the whole definition, so callers read, change
// what they model and write the same document back.

// GetDataset returns the whole definition of a dataset, which includes its
// schema, partitioning, tags, description and shortDesc.
func (c *Client) GetDataset(ctx context.Context, projectKey, name string) (map[string]any, error) {
	var out map[string]any
	if err := c.Get(ctx, Path("projects", projectKey, "datasets", name), nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// ListDatasets lists the definitions of a project's datasets; with tags,
// only those carrying at least one of them (DSS's own filter).
func (c *Client) ListDatasets(ctx context.Context, projectKey string, tags []string) ([]map[string]any, error) {
	var q url.Values
	if len(tags) > 0 {
		q = url.Values{"tags": {strings.Join(tags, ",")}}
	}
	var out []map[string]any
	if err := c.Get(ctx, Path("projects", projectKey, "datasets")+"/", q, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// CreateDataset posts a dataset prototype ({projectKey, name, type,
// params, formatType, formatParams, ...}).
func (c *Client) CreateDataset(ctx context.Context, projectKey string, prototype map[string]any) error {
	return c.Post(ctx, Path("projects", projectKey, "datasets")+"/", nil, prototype, nil)
}

// CreateManagedDataset asks DSS to create a managed dataset on a
// connection, letting it choose the storage location and format.
func (c *Client) CreateManagedDataset(ctx context.Context, projectKey, name, connection string) error {
	body := map[string]any{
		"name": name,
		"creationSettings": map[string]any{
			"connectionId":     connection,
			"specificSettings": map[string]any{},
		},
	}
	return c.Post(ctx, Path("projects", projectKey, "datasets", "managed"), nil, body, nil)
}

// PutDataset replaces a dataset's whole definition.
func (c *Client) PutDataset(ctx context.Context, projectKey, name string, def map[string]any) error {
	return c.Put(ctx, Path("projects", projectKey, "datasets", name), nil, def, nil)
}

// DeleteDataset deletes a dataset, and its data when dropData is true.
func (c *Client) DeleteDataset(ctx context.Context, projectKey, name string, dropData bool) error {
	q := url.Values{"dropData": {strconv.FormatBool(dropData)}}
	return c.Delete(ctx, Path("projects", projectKey, "datasets", name), q, nil)
}

// RenameDataset renames a dataset in place; DSS keeps its data and
// updates the recipes that use it.
func (c *Client) RenameDataset(ctx context.Context, projectKey, oldName, newName string) error {
	return c.Post(ctx, Path("projects", projectKey, "actions", "renameDataset"), nil,
		map[string]any{"oldName": oldName, "newName": newName}, nil)
}

// PutDatasetSchema replaces a dataset's schema ({columns:[...]}).
func (c *Client) PutDatasetSchema(ctx context.Context, projectKey, name string, schema map[string]any) error {
	return c.Put(ctx, Path("projects", projectKey, "datasets", name, "schema"), nil, schema, nil)
}

// GetDatasetMetadata and PutDatasetMetadata read and replace a dataset's
// metadata ({label, description, shortDesc, tags, checklists, custom, ...}).
func (c *Client) GetDatasetMetadata(ctx context.Context, projectKey, name string) (map[string]any, error) {
	var out map[string]any
	if err := c.Get(ctx, Path("projects", projectKey, "datasets", name, "metadata"), nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

func (c *Client) PutDatasetMetadata(ctx context.Context, projectKey, name string, md map[string]any) error {
	return c.Put(ctx, Path("projects", projectKey, "datasets", name, "metadata"), nil, md, nil)
}
