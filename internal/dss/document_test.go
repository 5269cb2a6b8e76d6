package dss

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// A dataset as DSS might send it, with fields the provider does not model
// at every level, one of them an integer above 2^53.
const datasetWire = `{"projectKey":"P","name":"orders","type":"Filesystem","managed":false,
"params":{"connection":"fs","path":"/x","bigLimit":9007199254740993},
"formatType":"csv","formatParams":{"separator":",","skipRows":0},
"schema":{"columns":[{"name":"id","type":"bigint","maxLength":-1,"timestampNoTzAsDate":false,"originalType":{"n":9007199254740993}}],"userModified":false,"future":[1,2]},
"partitioning":{"dimensions":[{"name":"d","type":"time","params":{"period":"DAY","unknownParam":9007199254740995},"extraDim":true}],"filePathPattern":"%Y/.*","ignoreNonMatchingFile":true},
"description":"","shortDesc":"s","tags":["a"],
"versionTag":{"versionNumber":9007199254740993,"lastModifiedOn":1700000000123},
"flowOptions":{"rebuildBehavior":"NORMAL"},"customFields":{}}`

func compact(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// decodeWire decodes wire, a document as DSS sends it, into a new D.
func decodeWire[D any](t *testing.T, wire string) D {
	t.Helper()
	var d D
	if err := json.Unmarshal([]byte(wire), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// encode is v's JSON, failing the test when v does not encode.
func encode(t *testing.T, v any) []byte {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// semanticallyEqualExact compares two JSON texts key-order-insensitively
// while keeping numbers as their exact text.
func semanticallyEqualExact(t *testing.T, a, b string) bool {
	t.Helper()
	dec := func(s string) any {
		d := json.NewDecoder(strings.NewReader(s))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			t.Fatal(err)
		}
		out, _ := json.Marshal(v)
		return string(out)
	}
	return dec(a) == dec(b)
}

func TestDocumentRoundTripKeepsUnmodelledFieldsExactly(t *testing.T) {
	d := decodeWire[Dataset](t, datasetWire)
	if d.Connection() != "fs" || d.Schema.Columns[0].Name != "id" || d.Partitioning.Dimensions[0].Params.Period != "DAY" {
		t.Fatalf("modelled fields not decoded: %+v", d)
	}
	out := encode(t, d)
	if !semanticallyEqualExact(t, string(out), datasetWire) {
		t.Fatalf("round trip changed the document:\n got %s\nwant %s", out, compact(t, datasetWire))
	}
	for _, big := range []string{"9007199254740993", "9007199254740995", "1700000000123"} {
		if !strings.Contains(string(out), big) {
			t.Errorf("%s was not kept exactly: %s", big, out)
		}
	}
}

func TestDocumentClearingAModelledFieldRemovesIt(t *testing.T) {
	d := decodeWire[Dataset](t, datasetWire)
	d.Schema.Columns[0].MaxLength = nil
	d.Partitioning.FilePathPattern = nil
	out, _ := json.Marshal(d)
	if strings.Contains(string(out), "maxLength") || strings.Contains(string(out), "filePathPattern") {
		t.Fatalf("cleared fields came back from Extra: %s", out)
	}
	if !strings.Contains(string(out), `"timestampNoTzAsDate":false`) || !strings.Contains(string(out), `"ignoreNonMatchingFile":true`) {
		t.Fatalf("unmodelled siblings were lost: %s", out)
	}
}

func TestReadModifyWriteSendsNoPutWhenNothingChanged(t *testing.T) {
	var puts atomic.Int32
	var lastPut atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(datasetWire))
		case http.MethodPut:
			puts.Add(1)
			var b bytes.Buffer
			_, _ = b.ReadFrom(r.Body)
			lastPut.Store(b.String())
		}
	}))
	defer srv.Close()
	c, err := NewClient(Config{Host: srv.URL, APIKey: "k", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	doc := DatasetDoc("P", "orders")

	// Writing back the values DSS already has is no change.
	_, changed, err := doc.Update(ctx, c, func(d *Dataset) error {
		d.ShortDesc = "s"
		d.Tags = []string{"a"}
		d.SetConnection("fs")
		return nil
	})
	if err != nil || changed || puts.Load() != 0 {
		t.Fatalf("no-op update: changed=%v puts=%d err=%v", changed, puts.Load(), err)
	}

	_, changed, err = doc.Update(ctx, c, func(d *Dataset) error { d.ShortDesc = "new"; return nil })
	if err != nil || !changed || puts.Load() != 1 {
		t.Fatalf("update: changed=%v puts=%d err=%v", changed, puts.Load(), err)
	}
	sent := lastPut.Load().(string)
	want := strings.Replace(datasetWire, `"shortDesc":"s"`, `"shortDesc":"new"`, 1)
	if !semanticallyEqualExact(t, sent, want) {
		t.Fatalf("the PUT changed more than shortDesc:\n got %s\nwant %s", sent, compact(t, want))
	}
}

func TestIsGoneOnlyForDSSNotFoundOnThePath(t *testing.T) {
	const objectPath = "/projects/P/managedfolders/abc"
	dssNotFound := &APIError{Method: "GET", Path: APIPrefix + objectPath, StatusCode: 404,
		ErrorType: "com.dataiku.dip.exceptions.NotFoundException", Message: "managed folder does not exist"}
	cases := []struct {
		name string
		err  error
		path string
		want bool
	}{
		{"DSS's not-found for the object", dssNotFound, objectPath, true},
		{"DSS's not-found, any path", dssNotFound, "", true},
		{"not-found for a sub-document", &APIError{Method: "GET", Path: APIPrefix + objectPath + "/contents", StatusCode: 404,
			ErrorType: dssNotFound.ErrorType}, objectPath, false},
		{"not-found for another path", dssNotFound, "/projects/P/managedfolders/other", false},
		{"a proxy's HTML 404", &APIError{Method: "GET", Path: APIPrefix + objectPath, StatusCode: 404,
			RawBody: "<html><body>404 Not Found</body></html>"}, objectPath, false},
		{"unauthorized", &APIError{Method: "GET", Path: APIPrefix + objectPath, StatusCode: 403,
			ErrorType: "com.dataiku.dip.exceptions.UnauthorizedException"}, objectPath, false},
		{"server error", &APIError{Method: "GET", Path: APIPrefix + objectPath, StatusCode: 500,
			ErrorType: "java.lang.NullPointerException"}, objectPath, false},
		{"network error", context.DeadlineExceeded, objectPath, false},
	}
	for _, c := range cases {
		if got := IsGone(c.err, c.path); got != c.want {
			t.Errorf("%s: IsGone = %v, want %v", c.name, got, c.want)
		}
	}
}

// A 200 answer of null is no document: Get fails, and a read-modify-write
// over it sends no PUT, where decoding null as a zero Dataset would have
// written {"projectKey":"","name":"",…} over DSS's dataset. A list item of
// null is refused the same way.
func TestDocumentNullAnswerIsAnErrorAndNothingIsWritten(t *testing.T) {
	var puts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			puts.Add(1)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte("null"))
	}))
	defer srv.Close()
	c, err := NewClient(Config{Host: srv.URL, APIKey: "k", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	doc := DatasetDoc("P", "orders")
	if _, err := doc.Get(context.Background(), c); err == nil || !strings.Contains(err.Error(), "/projects/P/datasets/orders") {
		t.Fatalf("GET answered null: err = %v, want an error naming the path", err)
	}
	_, changed, err := doc.Update(context.Background(), c, func(d *Dataset) error { d.ShortDesc = "new"; return nil })
	if err == nil || changed || puts.Load() != 0 {
		t.Fatalf("update over null: changed=%v puts=%d err=%v", changed, puts.Load(), err)
	}
	if _, err := doc.Decode([]byte(" null ")); err == nil || !strings.Contains(err.Error(), "from its project's list") {
		t.Fatalf("a null list item: err = %v", err)
	}
	if d, err := doc.Decode([]byte(datasetWire)); err != nil || d.Name != "orders" {
		t.Fatalf("a whole list item: %v %v", d, err)
	}
}
