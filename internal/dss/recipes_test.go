package dss

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const recipeWire = `{"recipe":{"projectKey":"P","name":"r","type":"python","params":{"envSelection":{"envMode":"INHERIT"},"big":9007199254740993},` +
	`"inputs":{"main":{"items":[{"ref":"a","deps":[{"odim":"day"}]}]}},"outputs":{"main":{"items":[{"ref":"b","appendMode":false}]}},` +
	`"description":"","shortDesc":"","tags":[],"customMeta":{"kv":{"x":1}},"versionTag":{"versionNumber":3}},"payload":"print('secret-script')","future":"kept"}`

// A read-modify-write of {recipe, payload} changes only what it changed:
// deps, unknown keys and exact numbers survive; nothing changed sends no PUT.
func TestRecipeDocRoundTrip(t *testing.T) {
	fake := &fakeDocument{stored: recipeWire}
	c := fake.client(t)
	doc := RecipeDoc("P", "r")
	if _, wrote, err := doc.Update(t.Context(), c, func(*RecipeSettings) error { return nil }); err != nil || wrote {
		t.Fatalf("unchanged: wrote=%v err=%v", wrote, err)
	}
	if _, _, err := doc.Update(t.Context(), c, func(s *RecipeSettings) error {
		p := "print(2)"
		s.Payload = &p
		s.Recipe.Tags = []string{"etl"}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if fake.puts != 1 {
		t.Errorf("%d PUTs, want 1", fake.puts)
	}
	for _, want := range []string{`"deps":[{"odim":"day"}]`, `"future":"kept"`, `9007199254740993`, `"payload":"print(2)"`, `"tags":["etl"]`, `"customMeta":{"kv":{"x":1}}`} {
		if !strings.Contains(fake.stored, want) {
			t.Errorf("written %s lacks %s", fake.stored, want)
		}
	}
}

// A visual recipe has no params key in DSS (its definition is the
// payload): a read-modify-write sends none back, while a recipe whose
// params DSS sent empty keeps them empty.
func TestRecipeDocRoundTripWithoutParams(t *testing.T) {
	for _, tc := range []struct {
		name, recipe, want, absent string
	}{
		{"absent", `{"projectKey":"P","name":"r","type":"window","inputs":{},"outputs":{},"tags":[]}`, "", `"params"`},
		{"empty", `{"projectKey":"P","name":"r","type":"sync","params":{},"inputs":{},"outputs":{},"tags":[]}`, `"params":{}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := &fakeDocument{stored: `{"recipe":` + tc.recipe + `,"payload":"{\"$idx\":0}"}`}
			c := fake.client(t)
			if _, _, err := RecipeDoc("P", "r").Update(t.Context(), c, func(s *RecipeSettings) error {
				s.Recipe.Tags = []string{"etl"}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if fake.puts != 1 || !strings.Contains(fake.stored, `"tags":["etl"]`) {
				t.Fatalf("%d PUTs, stored %s", fake.puts, fake.stored)
			}
			if tc.want != "" && !strings.Contains(fake.stored, tc.want) {
				t.Errorf("written %s lacks %s", fake.stored, tc.want)
			}
			if tc.absent != "" && strings.Contains(fake.stored, tc.absent) {
				t.Errorf("written %s holds %s", fake.stored, tc.absent)
			}
		})
	}
}

// A recipe answer that cannot be decoded is not quoted: it may hold a
// script.
func TestRecipeDecodeErrorDoesNotQuoteBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"recipe":{"name":1},"payload":"password='hunter2'"}`)
	}))
	defer srv.Close()
	_, err := RecipeDoc("P", "r").Get(t.Context(), newTestClient(t, srv.URL))
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("error %v", err)
	}
}
