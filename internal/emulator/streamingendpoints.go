package emulator

import (
	"fmt"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Streaming endpoints: the Flow objects of DSS's streaming (Kafka topics,
// SQS queues, HTTP server-sent events), read and written by continuous
// recipes. Served at the paths Dataiku's Python client calls [V
// dss/project.py, dss/streaming_endpoint.py]:
//
//	GET    /projects/{k}/streamingendpoints/          list (whole definitions [I]: the list items carry id, type, params, schema [V])
//	POST   /projects/{k}/streamingendpoints/          create {id, projectKey, type, params}: the id is the caller's name
//	GET    /projects/{k}/streamingendpoints/{id}      settings
//	PUT    /projects/{k}/streamingendpoints/{id}      save (whole document)
//	DELETE /projects/{k}/streamingendpoints/{id}
//	GET    /projects/{k}/streamingendpoints/{id}/schema, PUT the same
//
// The emulator holds no stream: no capture, detection or managed creation
// (POST .../managed) is served. Endpoints are zone items
// (STREAMING_ENDPOINT, mlobjects.go zoneKinds) and recipe inputs and
// outputs (refKinds: continuous recipes read and write them); deleting one
// deletes the recipes using it, as DSS does.

// streamingEndpointCreateFields are the fields create_streaming_endpoint
// sends [V]: with Options.CreateKeepsOnlyPrototype a create keeps only them.
var streamingEndpointCreateFields = []string{"id", "projectKey", "type", "params"}

// streamingEndpointKind: keyed by id, which is the name the creator chose
// (no rename: the client has none [V]).
var streamingEndpointKind = &docKind{
	noun:          "streaming endpoint",
	path:          "streamingendpoints",
	param:         "streamingEndpointId",
	keyField:      "id",
	docs:          func(p *Project) map[string]map[string]any { return p.StreamingEndpoints },
	notFound:      notFoundAs("Streaming endpoint"),
	checkName:     checkNewStreamingEndpointID,
	check:         checkStreamingEndpoint,
	fill:          fillStreamingEndpointDefaults,
	keyChangeHint: "; DSS has no rename for streaming endpoints",
	createFields:  streamingEndpointCreateFields,
}

// A deleted endpoint takes the recipes using it along (recipes.go
// deleteRecipesUsing). Set at init: that function reaches the recipe
// kind, whose checks read refKinds, which hold this kind, so a static
// field would be an initialization cycle.
func init() { streamingEndpointKind.forget = deleteRecipesUsing }

// streamingEndpointRoutes serves the kind (its create takes the id from
// the body, not a name) and the schema sub-path.
func (s *Server) streamingEndpointRoutes() {
	k := streamingEndpointKind
	// POST .../streamingendpoints/: the body is the definition, its id the
	// new endpoint's name; the answer is the stored definition.
	s.kindRoutes(k)
	s.handle("GET /projects/{projectKey}/streamingendpoints/{streamingEndpointId}/schema", s.handleReadPart(k, datasetSchema))
	s.handle("PUT /projects/{projectKey}/streamingendpoints/{streamingEndpointId}/schema", s.handleWritePart(k, "schema", putDatasetSchema))
}

// checkNewStreamingEndpointID checks the id of a new endpoint: the rule of
// dataset names [I: an endpoint is named in recipe refs PROJECT.id as a
// dataset is, so a dot or a slash cannot be in it], unique in the project.
// A duplicate gets the dataset's error class [I].
func checkNewStreamingEndpointID(p *Project, id string) *APIError {
	if id == "" {
		return errIllegalArgument("Streaming endpoint id is missing")
	}
	if !names.RefNamePattern.MatchString(id) {
		return newError(StatusInvalidKey, ErrTypeIllegalArgument,
			fmt.Sprintf("Invalid streaming endpoint name: %s (it must %s)", id, names.RefNameRule))
	}
	if _, exists := p.StreamingEndpoints[id]; exists {
		return newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Streaming endpoint %s already exists", id))
	}
	return nil
}

// checkStreamingEndpoint refuses what DSS could not read: no type, params
// or schema that is not an object, a malformed schema column. The type is
// not checked against a list: the client's own docstrings name `kafka`,
// `Kafka`, `SQS`, `KDBPlus`, `kdbplustick` and `httpsse`, and plugins may
// add others [I].
func checkStreamingEndpoint(_ *docCall, doc, _ map[string]any) *APIError {
	if typ, _ := doc["type"].(string); typ == "" {
		return errIllegalArgument("Streaming endpoint type is missing")
	}
	if err := checkOptional[map[string]any](doc, "an object", "params", "schema"); err != nil {
		return err
	}
	schema, _ := doc["schema"].(map[string]any)
	return validateSchemaColumns(schema)
}

// fillStreamingEndpointDefaults fills what every taggable object carries,
// an empty params and an empty schema [I: the client's
// add_raw_schema_column appends to settings["schema"]["columns"] without
// checking, so DSS always answers one].
func fillStreamingEndpointDefaults(doc map[string]any) {
	fillObjectDefaults(doc)
	if doc["params"] == nil {
		doc["params"] = map[string]any{}
	}
	fillMissing(objectField(doc, "schema"), map[string]any{"columns": []any{}, "userModified": false})
}
