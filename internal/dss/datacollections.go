package dss

import (
	"context"
)

// Data collections (DSS 12 and later): curated catalogues of datasets, on
// the instance. Paths and bodies are dataikuapi's [V]: dssclient.py
// list_data_collections and create_data_collection, and
// dss/data_collection.py (settings GET/PUT /data-collections/{id}, DELETE
// /data-collections/{id}, objects under /data-collections/{id}/objects).

// DataCollection is GET/PUT /data-collections/{id}: the settings document
// (DSSDataCollectionSettings [V]). Description is a pointer so that a
// document without one (DSS's create stores the null its client sends)
// keeps it absent through a read-modify-write that does not change it.
// Permissions is nil when DSS hides them (it redacts them as null from a
// key that does not administer the collection [V]); an empty list is
// written as [], never left out.
type DataCollection struct {
	ID          string                     `json:"id"`
	DisplayName string                     `json:"displayName"`
	Description *string                    `json:"description,omitempty"`
	Color       string                     `json:"color,omitempty"`
	Tags        []string                   `json:"tags"`
	Permissions []DataCollectionPermission `json:"permissions"`
	Extra       Extra                      `json:"-"`
}

func (d *DataCollection) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d DataCollection) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// DataCollectionPermission is one permission entry of a data collection
// (DSSDataCollectionPermissionItem [V]): the same shape as a workspace's.
type DataCollectionPermission = AccessEntry

// DataCollectionSummary is one item of GET /data-collections/
// (DSSDataCollectionListItem [V]).
type DataCollectionSummary struct {
	ID          string   `json:"id"`
	DisplayName string   `json:"displayName"`
	Description string   `json:"description"`
	Color       string   `json:"color"`
	Tags        []string `json:"tags"`
	ItemCount   int64    `json:"itemCount"`
}

// DataCollectionDoc is a data collection's settings document.
func DataCollectionDoc(id string) Document[DataCollection] {
	return DocumentAt[DataCollection](Path("data-collections", id))
}

// ListDataCollections lists the collections the caller may see.
func (c *Client) ListDataCollections(ctx context.Context) ([]DataCollectionSummary, error) {
	return getAs[[]DataCollectionSummary](ctx, c, Path("data-collections")+"/", nil)
}

// CreateDataCollectionRequest is the body of POST /data-collections/, as
// dataikuapi sends it: every key present, null when not given (an empty
// ID asks DSS to generate one).
type CreateDataCollectionRequest struct {
	ID          *string                    `json:"id"`
	DisplayName string                     `json:"displayName"`
	Description *string                    `json:"description"`
	Color       *string                    `json:"color"`
	Tags        []string                   `json:"tags"`
	Permissions []DataCollectionPermission `json:"permissions"`
}

// CreateDataCollection creates a collection and returns its id, the one
// asked for or the one DSS generated.
func (c *Client) CreateDataCollection(ctx context.Context, req CreateDataCollectionRequest) (string, error) {
	if req.Tags == nil {
		req.Tags = []string{}
	}
	return postCreatedKey[createdID](ctx, c, Path("data-collections")+"/", nil, req, "created the data collection")
}

// DeleteDataCollection deletes a collection (its datasets stay).
func (c *Client) DeleteDataCollection(ctx context.Context, id string) error {
	return c.Delete(ctx, Path("data-collections", id), nil, nil)
}

// DataCollectionTypeDataset is the type of a dataset in a collection's
// objects (the only type dataikuapi adds or removes [V]).
const DataCollectionTypeDataset = "DATASET"

// DataCollectionObject is one item of GET /data-collections/{id}/objects
// (DSSDataCollectionItem [V]: type, projectKey, id; the rest kept).
type DataCollectionObject struct {
	Type       string `json:"type"`
	ProjectKey string `json:"projectKey"`
	ID         string `json:"id"`
	Extra      Extra  `json:"-"`
}

func (d *DataCollectionObject) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d DataCollectionObject) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// DataCollectionObjectsPath is the path of a collection's objects.
func DataCollectionObjectsPath(id string) string { return Path("data-collections", id, "objects") }

// DataCollectionDatasetPath is the path of one dataset of a collection,
// which DELETE removes from it.
func DataCollectionDatasetPath(id, projectKey, dataset string) string {
	return Path("data-collections", id, "objects", "dataset", projectKey, dataset)
}

// ListDataCollectionObjects lists a collection's objects.
func (c *Client) ListDataCollectionObjects(ctx context.Context, id string) ([]DataCollectionObject, error) {
	return getAs[[]DataCollectionObject](ctx, c, DataCollectionObjectsPath(id), nil)
}

// AddDatasetToDataCollection adds a dataset to a collection, as
// dataikuapi's add_object does with a DSSDataset [V].
func (c *Client) AddDatasetToDataCollection(ctx context.Context, id, projectKey, dataset string) error {
	return c.Post(ctx, DataCollectionObjectsPath(id), nil,
		DataCollectionObject{Type: DataCollectionTypeDataset, ProjectKey: projectKey, ID: dataset}, nil)
}

// RemoveDatasetFromDataCollection removes a dataset from a collection (the
// dataset stays).
func (c *Client) RemoveDatasetFromDataCollection(ctx context.Context, id, projectKey, dataset string) error {
	return c.Delete(ctx, DataCollectionDatasetPath(id, projectKey, dataset), nil, nil)
}
