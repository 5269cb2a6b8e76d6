package provider_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/dataset"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// Fuzz targets of the provider's pure parsing: import IDs and the subset
// rule of dataset params/format_params. Each checks properties (round
// trips, agreement with the schema's own validators, idempotence), never a
// second copy of the code under test. Their seed corpora run in make test;
// make fuzz runs each for a few seconds.

// FuzzParseProjectImportID: an import ID is accepted exactly when the
// project_key attribute's validators accept it, and then it is the key
// itself (so parsing it again gives it back); a refusal says what the ID
// should be.
func FuzzParseProjectImportID(f *testing.F) {
	for _, s := range []string{"SALES", "sales_2024", "", "A.B", "clé", "with space", "A\x00B", "SALES\n",
		strings.Repeat("K", 64), strings.Repeat("K", 65), "_", "0", "\xff"} {
		f.Add(s)
	}
	validKey := acctest.SchemaCheck(f, project.NewProjectResource(), "project_key")
	f.Fuzz(func(t *testing.T, id string) {
		key, err := project.ParseProjectImportID(id)
		if err != nil {
			if key != "" {
				t.Fatalf("an error with a key: %q", key)
			}
			if !strings.Contains(err.Error(), "project key") {
				t.Fatalf("the error does not say what an import id is: %v", err)
			}
			if validKey(id) {
				t.Fatalf("refused %q, which the schema accepts as project_key: %v", id, err)
			}
			return
		}
		if key != id {
			t.Fatalf("parse(%q) = %q: the import id is the key", id, key)
		}
		if again, err := project.ParseProjectImportID(key); err != nil || again != key {
			t.Fatalf("parse(%q) = %q, but parsing that again gives %q, %v", id, key, again, err)
		}
		if !validKey(key) {
			t.Fatalf("accepted %q, which the schema refuses as project_key", key)
		}
	})
}

// FuzzParseDatasetImportID: what parses gives parts the dataset schema's
// project_key and name validators accept, and formatting them back as
// PROJECT_KEY.dataset_name gives the ID, which parses to the same parts.
// What is refused has no reading, at any of its dots, as two valid parts,
// and the error names the expected form.
func FuzzParseDatasetImportID(f *testing.F) {
	for _, s := range []string{"SALES.orders", "SALES.", ".orders", "SALES", "A.b.c", "A..b", "", ".", "..", "clé.x", "A.naïve", "A. b",
		"A.b\n", "A.b.", "A\x00.b", "a.b", "_._", strings.Repeat("K", 64) + "." + strings.Repeat("d", 128),
		strings.Repeat("K", 65) + ".d", "K." + strings.Repeat("d", 129)} {
		f.Add(s)
	}
	ds := dataset.NewDatasetResource()
	validKey, validName := acctest.SchemaCheck(f, ds, "project_key"), acctest.SchemaCheck(f, ds, "name")
	f.Fuzz(func(t *testing.T, id string) {
		key, name, err := dataset.ParseDatasetImportID(id)
		if err != nil {
			if key != "" || name != "" {
				t.Fatalf("an error with parts: %q %q", key, name)
			}
			if !strings.Contains(err.Error(), "PROJECT_KEY.dataset_name") {
				t.Fatalf("the error does not say what an import id is: %v", err)
			}
			for i := strings.Index(id, "."); i >= 0; i = nextDot(id, i) {
				if validKey(id[:i]) && validName(id[i+1:]) {
					t.Fatalf("refused %q, which reads as the valid project_key %q and name %q: %v", id, id[:i], id[i+1:], err)
				}
			}
			return
		}
		if !validKey(key) || !validName(name) {
			t.Fatalf("accepted %q as %q, %q, which the schema refuses", id, key, name)
		}
		formatted := key + "." + name
		if formatted != id {
			t.Fatalf("parse(%q) = %q, %q, which formats as %q", id, key, name, formatted)
		}
		if k2, n2, err := dataset.ParseDatasetImportID(formatted); err != nil || k2 != key || n2 != name {
			t.Fatalf("round trip of %q: %q, %q, %v", formatted, k2, n2, err)
		}
	})
}

// nextDot is the index of the next "." after i in s, or -1.
func nextDot(s string, i int) int {
	j := strings.Index(s[i+1:], ".")
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// FuzzParamsSubsetRule checks the subset rule of params and format_params,
// with H the object DSS (or the state) holds and W the object the
// configuration writes:
//   - projecting H onto W's keys never adds a key (neither one W lacks nor
//     one H lacks), keeps H's values, and is idempotent;
//   - after a write of W over H (merge(H, W), as DSS stores it), W's keys
//     hold, so the plan right after an apply is empty;
//   - W's keys hold in H exactly when writing W over H changes nothing;
//   - a written value that is not a JSON object never holds.
func FuzzParamsSubsetRule(f *testing.F) {
	seeds := [][2]string{
		{`{"connection":"c","path":"/a","filesSelectionRules":{"mode":"ALL"}}`, `{"path":"/a"}`},
		{`{"path":"/b"}`, `{"path":"/a"}`},
		{`{}`, `{"path":"/a","n":1}`},
		{`{"n":1.0,"big":12345678901234567890}`, `{"n":1,"big":12345678901234567890}`},
		{`{"nested":{"a":1,"b":[1,2]}}`, `{"nested":{"b":[1,2],"a":1}}`},
		{`{"nested":{"a":1,"b":2}}`, `{"nested":{"a":1}}`},
		{`{"x":null}`, `{"x":null}`},
		{`{"x":null}`, `{}`},
		{`{}`, `{"x":null}`},
		{`{"u":"\u00e9"}`, `{"u":"é","v":[]}`},
		{`{"a":1,"a":2}`, `{"a":2}`},
		{`{"a":0}`, `{"a":-0}`},
		{`{"a":1}`, `[]`},
		{`{"a":1}`, `null`},
		{`{"a":1}`, `not json`},
		{`{"a":1}`, `{"a":1} {}`},
		{`{"a":1e400}`, `{"a":1e400}`},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, heldText, writtenText string) {
		held, err := kit.DecodeJSONObject(jsontypes.NewNormalizedValue(heldText))
		if err != nil || held == nil {
			return
		}
		written, err := kit.DecodeJSONObject(jsontypes.NewNormalizedValue(writtenText))
		if err != nil || written == nil {
			if kit.WrittenKeysHold(writtenText, heldText) {
				t.Fatalf("%q, not a JSON object, holds in %q", writtenText, heldText)
			}
			return
		}

		proj := kit.ProjectOnto(held, written)
		for k, v := range proj {
			hv, inH := held[k]
			if _, inW := written[k]; !inW || !inH {
				t.Fatalf("projection added key %q (in W: %t, in H: %t)", k, inW, inH)
			}
			if !reflect.DeepEqual(v, hv) {
				t.Fatalf("key %q: projection %v, held %v", k, v, hv)
			}
		}
		if again := kit.ProjectOnto(held, proj); !reflect.DeepEqual(again, proj) {
			t.Fatalf("projecting a projection changed it: %v -> %v", proj, again)
		}
		if again := kit.ProjectOnto(proj, written); !reflect.DeepEqual(again, proj) {
			t.Fatalf("projecting the projection onto W changed it: %v -> %v", proj, again)
		}
		if !kit.WrittenKeysHold(writtenText, writtenText) {
			t.Fatalf("%q does not hold in itself", writtenText)
		}

		merged := make(map[string]any, len(held)+len(written))
		for k, v := range held {
			merged[k] = v
		}
		for k, v := range written {
			merged[k] = v
		}
		mergedText, err := json.Marshal(merged)
		if err != nil {
			t.Fatalf("merging %q over %q: %v", writtenText, heldText, err)
		}
		if !kit.WrittenKeysHold(writtenText, string(mergedText)) {
			t.Fatalf("after writing %q over %q (giving %s), the written keys do not hold", writtenText, heldText, mergedText)
		}
		// DSS stores numbers as doubles: what it reads back may be rounded
		// (or refused, beyond float64's range).
		mergedDSS, okMerged := asDSSStores(mergedText)
		heldDSS, okHeld := asDSSStores([]byte(heldText))
		if !okMerged || !okHeld {
			return
		}
		if !kit.WrittenKeysHold(writtenText, mergedDSS) {
			t.Fatalf("after writing %q over %q, DSS holds %s, where the written keys do not hold", writtenText, heldText, mergedDSS)
		}
		if holds, noop := kit.WrittenKeysHold(writtenText, heldText), mergedDSS == heldDSS; holds != noop {
			t.Fatalf("W=%q, H=%q: the written keys hold = %t, but writing W over H changes nothing = %t", writtenText, heldText, holds, noop)
		}
	})
}

// asDSSStores is a JSON document as DSS keeps it: numbers as doubles, keys
// once each (the last wins), in a canonical text.
func asDSSStores(doc []byte) (string, bool) {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return "", false
	}
	out, err := json.Marshal(v)
	return string(out), err == nil
}
