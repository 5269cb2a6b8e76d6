package dss

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkClientGet is the client's cost for one request round trip
// (request building, auth, logging, retry bookkeeping, JSON decoding of a
// dataset-sized document) against a local server that answers at once.
func BenchmarkClientGet(b *testing.B) {
	doc := []byte(`{"projectKey":"P","name":"orders","type":"Filesystem","managed":false,` +
		`"params":{"connection":"filesystem_root","path":"/data/orders","notReadyIfEmpty":false,"filesSelectionRules":{"mode":"ALL","excludeRules":[],"includeRules":[],"explicitFiles":[]}},` +
		`"formatType":"csv","formatParams":{"style":"excel","separator":",","quoteChar":"\"","escapeChar":"\\","parseHeaderRow":true,"charset":"utf8"},` +
		`"schema":{"columns":[{"name":"id","type":"bigint"},{"name":"amount","type":"double"},{"name":"ts","type":"date"}],"userModified":true},` +
		`"tags":["a","b"],"description":"d","shortDesc":"s","customFields":{},"checklists":{"checklists":[]}}`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("DSS-Version", "14.3.0")
		_, _ = w.Write(doc)
	}))
	defer srv.Close()
	c, err := NewClient(Config{Host: srv.URL, APIKey: "bench-key"})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	path := Path("projects", "P", "datasets", "orders")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var out map[string]any
		if err := c.Get(ctx, path, nil, &out); err != nil {
			b.Fatal(err)
		}
	}
}
