package emulator

import (
	"strings"
	"testing"
)

const seBase = "/dip/publicapi/projects/STREAM/streamingendpoints/"

// The calls dataikuapi makes: create_kafka_streaming_endpoint, the list,
// get_settings and save, get_schema and set_schema, delete; the rights
// and the errors DSS gives.
func TestStreamingEndpointRoutes(t *testing.T) {
	_, u := startWithReadersProject(t, testOpts(), "STREAM")
	// create_kafka_streaming_endpoint("orders", "kafka_main", "orders-topic")
	created := call(t, u, "POST", seBase, testAdmin,
		`{"id": "orders", "projectKey": "STREAM", "type": "kafka", "params": {"connection": "kafka_main", "topic": "orders-topic"}}`)
	expectOK(t, created)
	if d := created.obj(); d["id"] != "orders" || d["creationTag"] == nil {
		t.Fatalf("create answered %s", created.raw)
	}
	// create_httpsse_streaming_endpoint("ticks", "https://example.com/sse")
	expectOK(t, call(t, u, "POST", seBase, testAdmin, `{"id": "ticks", "projectKey": "STREAM", "type": "httpsse", "params": {"url": "https://example.com/sse"}}`))

	// The same id again: DSS's duplicate error; a missing project.
	expectMessage(t, call(t, u, "POST", seBase, testAdmin, `{"id": "orders", "projectKey": "STREAM", "type": "kafka", "params": {}}`),
		StatusDuplicate, ErrTypeIllegalArgument, "Streaming endpoint orders already exists")
	expectError(t, call(t, u, "POST", "/dip/publicapi/projects/NOPE/streamingendpoints/", testAdmin, `{"id": "x", "type": "kafka", "params": {}}`),
		404, ErrTypeNotFound)
	// No type, a dotted id, params that are not an object.
	expectError(t, call(t, u, "POST", seBase, testAdmin, `{"id": "x", "params": {}}`), StatusIllegalArgument, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", seBase, testAdmin, `{"id": "a.b", "type": "kafka"}`), StatusInvalidKey, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", seBase, testAdmin, `{"id": "x", "type": "kafka", "params": "p"}`), StatusIllegalArgument, ErrTypeIllegalArgument)

	// The list: whole definitions, sorted by id, readable by readers.
	l := call(t, u, "GET", seBase, testCarol, nil)
	expectOK(t, l)
	items, _ := l.body.([]any)
	if len(items) != 2 || items[0].(map[string]any)["id"] != "orders" || items[1].(map[string]any)["type"] != "httpsse" {
		t.Fatalf("list %s", l.raw)
	}

	// Server defaults: an empty schema, tags, descriptions.
	d := call(t, u, "GET", seBase+"orders", testCarol, nil).obj()
	schema, _ := d["schema"].(map[string]any)
	if cols, ok := schema["columns"].([]any); !ok || len(cols) != 0 || d["tags"] == nil || d["description"] != "" {
		t.Fatalf("get %v", d)
	}
	// save(): unknown keys kept; the id cannot change.
	d["someFutureKey"] = map[string]any{"x": 1.0}
	d["params"].(map[string]any)["topic"] = "orders-v2"
	expectOK(t, call(t, u, "PUT", seBase+"orders", testAdmin, d))
	got := call(t, u, "GET", seBase+"orders", testAdmin, nil).obj()
	if got["someFutureKey"] == nil || got["params"].(map[string]any)["topic"] != "orders-v2" {
		t.Fatalf("after save %v", got)
	}
	got["id"] = "other"
	expectError(t, call(t, u, "PUT", seBase+"orders", testAdmin, got), StatusIllegalArgument, ErrTypeIllegalArgument)

	// set_schema / get_schema; a bad column type is refused.
	expectOK(t, call(t, u, "PUT", seBase+"orders/schema", testAdmin, `{"columns": [{"name": "id", "type": "bigint"}]}`))
	s := call(t, u, "GET", seBase+"orders/schema", testCarol, nil).obj()
	if cols, _ := s["columns"].([]any); len(cols) != 1 {
		t.Fatalf("schema %v", s)
	}
	expectError(t, call(t, u, "PUT", seBase+"orders/schema", testAdmin, `{"columns": [{"name": "id", "type": "nope"}]}`), StatusIllegalArgument, ErrTypeIllegalArgument)

	// Readers cannot write; strangers cannot see.
	expectError(t, call(t, u, "POST", seBase, testCarol, `{"id": "c", "type": "kafka", "params": {}}`), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "PUT", seBase+"orders", testCarol, d), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "DELETE", seBase+"orders", testCarol, nil), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "GET", seBase+"orders", testBob, nil), 403, ErrTypeUnauthorized)

	expectOK(t, call(t, u, "DELETE", seBase+"orders", testAdmin, nil))
	expectMessage(t, call(t, u, "GET", seBase+"orders", testAdmin, nil), 404, ErrTypeNotFound, "Streaming endpoint does not exist: STREAM.orders")
}

// Zones hold streaming endpoints: an existing one is added, a missing one
// is refused as for every kind the emulator holds, and a deleted one
// leaves its zone.
func TestStreamingEndpointZoneItems(t *testing.T) {
	_, u := startWithReadersProject(t, testOpts(), "STREAM")
	expectOK(t, call(t, u, "POST", seBase, testAdmin, `{"id": "events", "projectKey": "STREAM", "type": "kafka", "params": {}}`))
	z := call(t, u, "POST", "/dip/publicapi/projects/STREAM/flow/zones", testAdmin, map[string]any{"name": "Streams", "color": "#4a90d9"}).obj()
	zone := "/dip/publicapi/projects/STREAM/flow/zones/" + z["id"].(string)
	expectOK(t, call(t, u, "POST", zone+"/add-items", testAdmin, `[{"objectId": "events", "objectType": "STREAMING_ENDPOINT"}]`))
	expectError(t, call(t, u, "POST", zone+"/add-items", testAdmin, `[{"objectId": "missing", "objectType": "STREAMING_ENDPOINT"}]`), 404, ErrTypeNotFound)
	if got := strings.Join(zoneItems(t, call(t, u, "GET", zone, testAdmin, nil).obj()), ","); got != "STREAMING_ENDPOINT:events" {
		t.Fatalf("zone items %s", got)
	}
	expectOK(t, call(t, u, "DELETE", seBase+"events", testAdmin, nil))
	if got := zoneItems(t, call(t, u, "GET", zone, testAdmin, nil).obj()); len(got) != 0 {
		t.Fatalf("zone items after the delete %v", got)
	}
}

// Endpoints survive a restart (the journal's collection).
func TestStreamingEndpointPersisted(t *testing.T) {
	opts := persistentOpts(t)
	rn, u := startWithReadersProject(t, opts, "STREAM")
	expectOK(t, call(t, u, "POST", seBase, testAdmin, `{"id": "kept", "projectKey": "STREAM", "type": "SQS", "params": {"queueName": "q"}}`))
	rn.Close()
	rn2 := startTest(t, opts)
	d := call(t, rn2.URL(), "GET", seBase+"kept", testAdmin, nil)
	expectOK(t, d)
	if d.obj()["params"].(map[string]any)["queueName"] != "q" {
		t.Fatalf("after restart %s", d.raw)
	}
}

// Continuous recipes read and write endpoints: a csync from an endpoint
// to a dataset and a cpython from a dataset to an endpoint are accepted
// (an endpoint may have several writers); a missing endpoint is refused
// as a missing dataset is; deleting an endpoint deletes the recipes using
// it, as DSS does, and takes them out of their zones.
func TestStreamingEndpointRecipeRefs(t *testing.T) {
	u := recipeSetup(t)
	rcBase := "/dip/publicapi/projects/RC/streamingendpoints/"
	expectOK(t, call(t, u, "POST", rcBase, testAdmin, `{"id": "events", "projectKey": "RC", "type": "kafka", "params": {"topic": "events"}}`))
	withType := func(b map[string]any, typ string) map[string]any {
		b["recipePrototype"].(map[string]any)["type"] = typ
		return b
	}
	expectOK(t, call(t, u, "POST", recipeBase, testAdmin, withType(recipeBody("sink_events", "events", "raw"), "csync")))
	expectOK(t, call(t, u, "POST", recipeBase, testAdmin, withType(recipeBody("emit_a", "clean", "events"), "cpython")))
	expectOK(t, call(t, u, "POST", recipeBase, testAdmin, withType(recipeBody("emit_b", "other", "events"), "cpython")))
	expectError(t, call(t, u, "POST", recipeBase, testAdmin, withType(recipeBody("x", "no_such_stream", "joined"), "csync")), 400, ErrTypeIllegalArgument)
	expectOK(t, call(t, u, "POST", recipeBase, testAdmin, recipeBody("keep", "raw", "joined")))

	z := call(t, u, "POST", "/dip/publicapi/projects/RC/flow/zones", testAdmin, map[string]any{"name": "Streams", "color": "#4a90d9"}).obj()
	zone := "/dip/publicapi/projects/RC/flow/zones/" + z["id"].(string)
	expectOK(t, call(t, u, "POST", zone+"/add-items", testAdmin, `[{"objectId": "sink_events", "objectType": "RECIPE"}, {"objectId": "keep", "objectType": "RECIPE"}]`))

	expectOK(t, call(t, u, "DELETE", rcBase+"events", testAdmin, nil))
	for _, gone := range []string{"sink_events", "emit_a", "emit_b"} {
		expectError(t, call(t, u, "GET", recipeBase+gone, testAdmin, nil), 404, ErrTypeNotFound)
	}
	expectOK(t, call(t, u, "GET", recipeBase+"keep", testAdmin, nil))
	if got := strings.Join(zoneItems(t, call(t, u, "GET", zone, testAdmin, nil).obj()), ","); got != "RECIPE:keep" {
		t.Fatalf("zone items after the delete %s", got)
	}
}
