package dss

import (
	"context"
	"maps"
	"net/url"
	"strconv"
	"strings"
)

// Dataset calls (shared/reference/dss-api.md §3.1 rename, §4).

// Dataset is a dataset's whole definition, GET/PUT
// /projects/{key}/datasets/{name} (dss-api.md §4.3). It carries the schema,
// partitioning, tags and descriptions; every PUT replaces all of it.
type Dataset struct {
	ProjectKey   string        `json:"projectKey"`
	Name         string        `json:"name"`
	Type         string        `json:"type"`
	Managed      bool          `json:"managed"`
	Params       Object        `json:"params"`
	FormatType   string        `json:"formatType,omitempty"`
	FormatParams Object        `json:"formatParams,omitempty"`
	Schema       *Schema       `json:"schema,omitempty"`
	Partitioning *Partitioning `json:"partitioning,omitempty"`
	Description  string        `json:"description"`
	ShortDesc    string        `json:"shortDesc"`
	Tags         []string      `json:"tags" dss:"nonnull"`
	Extra        Extra         `json:"-"`
}

func (d *Dataset) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d Dataset) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// connectionParam is where DSS keeps a dataset's or folder's connection.
const connectionParam = "connection"

// Connection is the dataset's connection (params.connection), "" for none.
func (d *Dataset) Connection() string { s, _ := d.Params[connectionParam].(string); return s }

// SetConnection sets params.connection.
func (d *Dataset) SetConnection(name string) {
	if d.Params == nil {
		d.Params = Object{}
	}
	d.Params[connectionParam] = name
}

// ParamsWithoutConnection is params less the connection, which the
// provider models apart.
func ParamsWithoutConnection(params Object) Object {
	out := make(Object, len(params))
	maps.Copy(out, params)
	delete(out, connectionParam)
	return out
}

// IsConnectionParam reports whether a params key is the connection, which
// belongs in its own attribute.
func IsConnectionParam(key string) bool { return key == connectionParam }

// Schema is a dataset's schema.
type Schema struct {
	Columns []Column `json:"columns" dss:"nonnull"`
	// UserModified tells DSS the schema was set by hand, so it does not
	// infer it again.
	UserModified *bool `json:"userModified,omitempty"`
	Extra        Extra `json:"-"`
}

func (d *Schema) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d Schema) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// Column is one schema column (dss-api.md §4.4). MaxLength -1 is DSS's
// "unlimited".
type Column struct {
	Name      string  `json:"name"`
	Type      string  `json:"type"`
	Comment   *string `json:"comment,omitempty"`
	Meaning   *string `json:"meaning,omitempty"`
	MaxLength *int64  `json:"maxLength,omitempty"`
	Extra     Extra   `json:"-"`
}

func (d *Column) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d Column) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// Partitioning is the partitioning of a dataset or managed folder.
type Partitioning struct {
	Dimensions      []Dimension `json:"dimensions" dss:"nonnull"`
	FilePathPattern *string     `json:"filePathPattern,omitempty"`
	Extra           Extra       `json:"-"`
}

func (d *Partitioning) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d Partitioning) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// Dimension is one partitioning dimension: type "value" or "time" (with a
// period).
type Dimension struct {
	Name   string           `json:"name"`
	Type   string           `json:"type"`
	Params *DimensionParams `json:"params,omitempty"`
	Extra  Extra            `json:"-"`
}

func (d *Dimension) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d Dimension) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// DimensionParams holds a time dimension's period.
type DimensionParams struct {
	Period string `json:"period,omitempty"`
	Extra  Extra  `json:"-"`
}

func (d *DimensionParams) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d DimensionParams) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// DatasetDoc is a dataset's definition document.
func DatasetDoc(projectKey, name string) Document[Dataset] {
	return DocumentAt[Dataset](Path("projects", projectKey, "datasets", name))
}

// ListDatasets lists the definitions of a project's datasets; with tags,
// only those carrying at least one of them (DSS's own filter).
func (c *Client) ListDatasets(ctx context.Context, projectKey string, tags []string) ([]Dataset, error) {
	var q url.Values
	if len(tags) > 0 {
		q = url.Values{"tags": {strings.Join(tags, ",")}}
	}
	return getAs[[]Dataset](ctx, c, Path("projects", projectKey, "datasets")+"/", q)
}

// DatasetPrototype is the body of POST /projects/{key}/datasets/ (dss-api.md
// §4.2).
type DatasetPrototype struct {
	ProjectKey   string `json:"projectKey"`
	Name         string `json:"name"`
	Type         string `json:"type"`
	Params       Object `json:"params"`
	FormatType   string `json:"formatType,omitempty"`
	FormatParams Object `json:"formatParams,omitempty"`
}

// CreateDataset posts a dataset prototype.
func (c *Client) CreateDataset(ctx context.Context, proto DatasetPrototype) error {
	if proto.Params == nil {
		proto.Params = Object{}
	}
	return c.Post(ctx, Path("projects", proto.ProjectKey, "datasets")+"/", nil, proto, nil)
}

// CreateDatasetFrom posts a whole definition to the create call: the
// prototype DSS's own client sends (projectKey, name, type, params,
// formatType, formatParams) and the rest of the definition (schema,
// partitioning, descriptions, tags, metrics), so that one POST can stand
// for a POST and a PUT. DSS's client warns that not every setting can be
// set at creation, partitioning for one [V PY:dss/project.py
// create_dataset]: callers read the dataset back and write what DSS left
// out.
func (c *Client) CreateDatasetFrom(ctx context.Context, d *Dataset) error {
	if d.Params == nil {
		d.Params = Object{}
	}
	return c.Post(ctx, Path("projects", d.ProjectKey, "datasets")+"/", nil, d, nil)
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

// ListDatasetDefinitions lists a project's datasets as raw definitions
// keyed by name. DSS's list returns each dataset's whole definition, the
// shape of GET /projects/{key}/datasets/{name} (dss-api.md §4.1, §4.3:
// [V] the Python client's list_datasets, [D] the developer guide's sample);
// decode an item with DatasetDoc(key, name).Decode.
func (c *Client) ListDatasetDefinitions(ctx context.Context, projectKey string) (*Definitions, error) {
	return c.listDefinitions(ctx, Path("projects", projectKey, "datasets")+"/", "name")
}
