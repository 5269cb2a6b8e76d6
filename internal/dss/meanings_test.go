package dss

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

// The create sends dataikuapi's body (every key, null when not given) and
// takes DSS's text answer; a definition without entries, mappings or
// description goes through a read-modify-write that changes nothing
// without a PUT, and one that changes the label keeps the absent keys
// null and an unmodelled key as it was.
func TestMeaningCreateBodyAndReadModifyWrite(t *testing.T) {
	var post, put string
	puts := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		switch r.Method + " " + r.URL.Path {
		case "POST /public/api/meanings/":
			post = string(b)
			w.Header().Set("Content-Type", "text/plain")
			_, _ = w.Write([]byte("created"))
		case "GET /public/api/meanings/m1":
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"id":"m1","label":"L","type":"DECLARATIVE","detectable":false,"uiHint":{"x":1}}`))
		case "PUT /public/api/meanings/m1":
			puts++
			put = string(b)
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{}`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	ctx := context.Background()
	if err := c.CreateMeaning(ctx, &Meaning{ID: "m1", Label: "L", Type: MeaningTypeDeclarative}); err != nil {
		t.Fatal(err)
	}
	if want := `{"description":null,"detectable":false,"entries":null,"id":"m1","label":"L","mappings":null,"pattern":null,"type":"DECLARATIVE"}`; !sameJSONText(post, want) {
		t.Fatalf("POST body %s, want %s", post, want)
	}
	if _, wrote, err := MeaningDoc("m1").Update(ctx, c, func(*Meaning) error { return nil }); err != nil || wrote || puts != 0 {
		t.Fatalf("an unchanged definition: wrote %v, %d PUTs, %v", wrote, puts, err)
	}
	if _, _, err := MeaningDoc("m1").Update(ctx, c, func(d *Meaning) error { d.Label = "L2"; return nil }); err != nil {
		t.Fatal(err)
	}
	if want := `{"description":null,"detectable":false,"entries":null,"id":"m1","label":"L2","mappings":null,"pattern":null,"type":"DECLARATIVE","uiHint":{"x":1}}`; !sameJSONText(put, want) {
		t.Fatalf("PUT body %s, want %s", put, want)
	}
}

// sameJSONText reports whether two JSON texts hold the same value.
func sameJSONText(a, b string) bool {
	var x, y any
	return json.Unmarshal([]byte(a), &x) == nil && json.Unmarshal([]byte(b), &y) == nil && reflect.DeepEqual(x, y)
}
