package dss

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// An endpoint as DSS answers it, with fields the provider does not model.
const streamingEndpointWire = `{"id":"orders","projectKey":"SALES","type":"kafka",` +
	`"params":{"connection":"kafka_main","topic":"orders","offsetReset":"earliest"},` +
	`"schema":{"columns":[{"name":"id","type":"bigint"}],"userModified":true},` +
	`"formatType":"json","formatParams":{"schemaRegistry":"x"},"description":"","shortDesc":"","tags":[],"creationTag":{"versionNumber":0}}`

func TestStreamingEndpointRoundTripKeepsUnmodelledFields(t *testing.T) {
	e := decodeWire[StreamingEndpoint](t, streamingEndpointWire)
	if e.ID != "orders" || e.Connection() != "kafka_main" || len(e.Schema.Columns) != 1 {
		t.Fatalf("decoded %+v", e)
	}
	e.Params["topic"] = "orders_v2"
	out := string(encode(t, e))
	for _, want := range []string{`"formatType":"json"`, `"formatParams":{"schemaRegistry":"x"}`, `"offsetReset":"earliest"`, `"topic":"orders_v2"`, `"creationTag":{"versionNumber":0}`} {
		if !strings.Contains(out, want) {
			t.Errorf("written back without %s: %s", want, out)
		}
	}
}

// The calls send what dataikuapi sends: create_streaming_endpoint's
// {id, projectKey, type, params} (params {} when none), the list and the
// document with the trailing slash only on the collection, the schema
// sub-path.
func TestStreamingEndpointCalls(t *testing.T) {
	c, log := recordRequests(t, methodPathBody, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/streamingendpoints/"):
			_, _ = io.WriteString(w, "["+streamingEndpointWire+"]")
		case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/schema"):
			_, _ = io.WriteString(w, `{"columns":[{"name":"id","type":"bigint"}]}`)
		case r.Method == http.MethodGet:
			_, _ = io.WriteString(w, streamingEndpointWire)
		default:
			_, _ = io.WriteString(w, `{"msg":"ok"}`)
		}
	})
	ctx := context.Background()
	if es, err := c.ListStreamingEndpoints(ctx, "SALES"); err != nil || len(es) != 1 || es[0].Type != "kafka" {
		t.Fatalf("list: %v %v", es, err)
	}
	if err := c.CreateStreamingEndpointFrom(ctx, &StreamingEndpoint{ID: "ticks", ProjectKey: "SALES", Type: "httpsse"}); err != nil {
		t.Fatal(err)
	}
	if e, err := StreamingEndpointDoc("SALES", "orders").Get(ctx, c); err != nil || e.ID != "orders" {
		t.Fatalf("get: %v %v", e, err)
	}
	if s, err := c.StreamingEndpointSchema(ctx, "SALES", "orders"); err != nil || len(s.Columns) != 1 {
		t.Fatalf("schema: %v %v", s, err)
	}
	if err := c.SetStreamingEndpointSchema(ctx, "SALES", "orders", &Schema{Columns: []Column{{Name: "id", Type: "int"}}}); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteStreamingEndpoint(ctx, "SALES", "orders"); err != nil {
		t.Fatal(err)
	}
	log.expect(t,
		"GET "+APIPrefix+"/projects/SALES/streamingendpoints/ ",
		"POST "+APIPrefix+`/projects/SALES/streamingendpoints/ {"id":"ticks","projectKey":"SALES","type":"httpsse","params":{},"description":"","shortDesc":"","tags":[]}`,
		"GET "+APIPrefix+"/projects/SALES/streamingendpoints/orders ",
		"GET "+APIPrefix+"/projects/SALES/streamingendpoints/orders/schema ",
		"PUT "+APIPrefix+`/projects/SALES/streamingendpoints/orders/schema {"columns":[{"name":"id","type":"int"}]}`,
		"DELETE "+APIPrefix+"/projects/SALES/streamingendpoints/orders ",
	)
}
