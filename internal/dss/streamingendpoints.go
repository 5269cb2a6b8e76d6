package dss

import "context"

// Streaming endpoint calls: the Flow objects of DSS's streaming (a Kafka
// topic, an SQS queue, an HTTP server-sent events URL), read and written
// by continuous recipes. [V] dataikuapi dss/project.py
// (list_streaming_endpoints, create_streaming_endpoint) and
// dss/streaming_endpoint.py (get_settings, save, delete, get_schema,
// set_schema). An endpoint's id is the name its creator chose; DSS has no
// rename for it.

// StreamingEndpoint is a streaming endpoint's whole definition, GET/PUT
// /projects/{key}/streamingendpoints/{id}. Type is the streaming system
// (`kafka`, `httpsse`, `SQS`, `kdbplustick`, ... [V: the client's own
// docstrings spell them differently, so none is assumed]); Params holds the
// type's parameters, the connection among them. Every PUT replaces the
// whole document; Extra keeps what is not modelled.
type StreamingEndpoint struct {
	ID          string   `json:"id"`
	ProjectKey  string   `json:"projectKey"`
	Type        string   `json:"type"`
	Params      Object   `json:"params"`
	Schema      *Schema  `json:"schema,omitempty"`
	Description string   `json:"description"`
	ShortDesc   string   `json:"shortDesc"`
	Tags        []string `json:"tags" dss:"nonnull"`
	Extra       Extra    `json:"-"`
}

func (d *StreamingEndpoint) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d StreamingEndpoint) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// Connection is the endpoint's connection (params.connection), "" for none
// (an HTTP SSE endpoint has none [V DSSStreamingEndpointListItem.connection]).
func (d *StreamingEndpoint) Connection() string {
	s, _ := d.Params[connectionParam].(string)
	return s
}

// SetConnection sets params.connection.
func (d *StreamingEndpoint) SetConnection(name string) {
	if d.Params == nil {
		d.Params = Object{}
	}
	d.Params[connectionParam] = name
}

// streamingEndpointsPath is the collection's path, with the trailing slash
// the client's list and create send.
func streamingEndpointsPath(projectKey string) string {
	return Path("projects", projectKey, "streamingendpoints") + "/"
}

// StreamingEndpointDoc is a streaming endpoint's definition document.
func StreamingEndpointDoc(projectKey, id string) Document[StreamingEndpoint] {
	return DocumentAt[StreamingEndpoint](Path("projects", projectKey, "streamingendpoints", id))
}

// ListStreamingEndpoints lists a project's streaming endpoints. Each item
// carries id, type, params and schema [V DSSStreamingEndpointListItem]:
// the provider reads them as whole definitions, as for datasets.
func (c *Client) ListStreamingEndpoints(ctx context.Context, projectKey string) ([]StreamingEndpoint, error) {
	return getAs[[]StreamingEndpoint](ctx, c, streamingEndpointsPath(projectKey), nil)
}

// ListStreamingEndpointDefinitions lists a project's streaming endpoints
// as raw definitions keyed by id; decode an item with
// StreamingEndpointDoc(key, id).Decode.
func (c *Client) ListStreamingEndpointDefinitions(ctx context.Context, projectKey string) (*Definitions, error) {
	return c.listDefinitions(ctx, streamingEndpointsPath(projectKey), "id")
}

// CreateStreamingEndpointFrom creates an endpoint from a whole definition:
// what create_streaming_endpoint sends ({id, projectKey, type, params},
// params never null) and the rest (schema, descriptions, tags), so that
// one POST can stand for a POST and a PUT. DSS may not honour every field
// at creation [I]: callers read the endpoint back and write what DSS left
// out.
func (c *Client) CreateStreamingEndpointFrom(ctx context.Context, e *StreamingEndpoint) error {
	if e.Params == nil {
		e.Params = Object{}
	}
	return c.Post(ctx, streamingEndpointsPath(e.ProjectKey), nil, e, nil)
}

// DeleteStreamingEndpoint deletes an endpoint from the Flow (and, in DSS,
// the recipes using it [V delete's docstring]); the stream itself (a
// Kafka topic) stays.
func (c *Client) DeleteStreamingEndpoint(ctx context.Context, projectKey, id string) error {
	return c.Delete(ctx, Path("projects", projectKey, "streamingendpoints", id), nil, nil)
}

// StreamingEndpointSchema reads an endpoint's schema, GET
// .../streamingendpoints/{id}/schema.
func (c *Client) StreamingEndpointSchema(ctx context.Context, projectKey, id string) (*Schema, error) {
	var out Schema
	if err := c.Get(ctx, Path("projects", projectKey, "streamingendpoints", id, "schema"), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// SetStreamingEndpointSchema replaces an endpoint's schema, PUT
// .../streamingendpoints/{id}/schema.
func (c *Client) SetStreamingEndpointSchema(ctx context.Context, projectKey, id string, schema *Schema) error {
	return c.Put(ctx, Path("projects", projectKey, "streamingendpoints", id, "schema"), nil, schema, nil)
}
