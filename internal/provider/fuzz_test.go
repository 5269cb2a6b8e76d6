package provider

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
)

// Fuzz targets of the provider's pure parsing: import IDs and the subset
// rule of dataset params/format_params. Their seed corpora run in make test;
// make fuzz runs each for a few seconds.

func FuzzParseProjectImportID(f *testing.F) {
	for _, s := range []string{"SALES", "sales_2024", "", "A.B", "clé", "with space", "A\x00B", strings.Repeat("K", 64), strings.Repeat("K", 65), "_", "0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		key, err := parseProjectImportID(id)
		valid := projectKeyPattern.MatchString(id) && len(id) <= maxProjectKeyLength
		if (err == nil) != valid {
			t.Fatalf("parseProjectImportID(%q) err = %v, but the schema's rule says valid = %t", id, err, valid)
		}
		if err == nil && key != id {
			t.Fatalf("parseProjectImportID(%q) = %q", id, key)
		}
		if err != nil && !strings.Contains(err.Error(), "project key") {
			t.Fatalf("error does not say what an import id is: %v", err)
		}
	})
}

func FuzzParseDatasetImportID(f *testing.F) {
	for _, s := range []string{"SALES.orders", "SALES.", ".orders", "SALES", "A.b.c", "A..b", "", "clé.x", "A.naïve", "A. b",
		strings.Repeat("K", 64) + "." + strings.Repeat("d", 128), strings.Repeat("K", 65) + ".d", "K." + strings.Repeat("d", 129)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		key, name, err := parseDatasetImportID(id)
		if err != nil {
			if key != "" || name != "" {
				t.Fatalf("an error with parts: %q %q", key, name)
			}
			if !strings.Contains(err.Error(), "PROJECT_KEY.dataset_name") {
				t.Fatalf("error does not say what an import id is: %v", err)
			}
			// Refused only if one part breaks the schema's rules.
			k, n, ok := strings.Cut(id, ".")
			if ok && projectKeyPattern.MatchString(k) && len(k) <= maxProjectKeyLength &&
				datasetNamePattern.MatchString(n) && len(n) <= maxDatasetNameLength {
				t.Fatalf("refused a valid id %q: %v", id, err)
			}
			return
		}
		// Accepted: both parts are valid and the id is their reference form,
		// which is also the resource's id after import.
		if datasetID(key, name) != id {
			t.Fatalf("parse(%q) = %q, %q, which does not round-trip", id, key, name)
		}
		if _, err := parseProjectImportID(key); err != nil {
			t.Fatalf("accepted project key %q that a project import refuses: %v", key, err)
		}
		if !datasetNamePattern.MatchString(name) || len(name) > maxDatasetNameLength {
			t.Fatalf("accepted an invalid dataset name %q", name)
		}
	})
}

// FuzzDatasetParamsSubset checks the subset rule of params and
// format_params with what DSS holds (dssText) and what the user wrote
// (writtenText):
//   - the state never holds a key the user did not write, nor a value DSS
//     does not have;
//   - after the provider's write (the written keys merged into DSS's
//     object, sent as JSON and read back as the client decodes it) the
//     state is the user's text exactly, so a write never leaves a diff;
//   - projecting is idempotent.
func FuzzDatasetParamsSubset(f *testing.F) {
	seeds := [][2]string{
		{`{"connection":"c","path":"/a","filesSelectionRules":{"mode":"ALL"}}`, `{"path":"/a"}`},
		{`{"path":"/b"}`, `{"path":"/a"}`},
		{`{}`, `{"path":"/a","n":1}`},
		{`{"n":1.0,"big":12345678901234567890}`, `{"n":1,"big":12345678901234567890}`},
		{`{"nested":{"a":1,"b":[1,2]}}`, `{"nested":{"b":[1,2],"a":1}}`},
		{`{"x":null}`, `{"x":null}`},
		{`{"u":"\u00e9"}`, `{"u":"é","v":[]}`},
		{`[]`, `{}`},
		{`{"a":1}`, `not json`},
		{`{"a":1e400}`, `{"a":-0}`},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, dssText, writtenText string) {
		var fromDSS map[string]any
		if json.Unmarshal([]byte(dssText), &fromDSS) != nil || fromDSS == nil {
			return
		}
		prior := jsontypes.NewNormalizedValue(writtenText)
		written, err := decodeJSONObject(prior)
		if err != nil {
			// Refused at plan time by the same parser: the state keeps nothing.
			if got := subsetJSON(fromDSS, prior, false); !got.IsNull() {
				t.Fatalf("invalid params %q gave a state %q", writtenText, got.ValueString())
			}
			return
		}

		// 1. Only written keys, with DSS's values.
		proj := projectOnto(fromDSS, written)
		for k, v := range proj {
			if _, ok := written[k]; !ok {
				t.Fatalf("key %q not written by the user is in the state", k)
			}
			if !jsonEqual(v, fromDSS[k]) {
				t.Fatalf("key %q: state %v, DSS %v", k, v, fromDSS[k])
			}
		}
		if !sameJSON(projectOnto(fromDSS, proj), proj) {
			t.Fatal("projecting is not idempotent")
		}
		state := subsetJSON(fromDSS, prior, false)
		if !state.IsNull() {
			if _, err := decodeJSONObject(state); err != nil {
				t.Fatalf("the state %q is not a JSON object: %v", state.ValueString(), err)
			}
		}

		// 2. After a write, no diff.
		merged := map[string]any{}
		for k, v := range fromDSS {
			merged[k] = v
		}
		for k, v := range written {
			merged[k] = v
		}
		wire, err := json.Marshal(merged)
		if err != nil {
			return // a number JSON cannot carry (the client would refuse it too)
		}
		var readBack map[string]any
		if err := json.Unmarshal(wire, &readBack); err != nil {
			return // DSS would refuse a number out of float64 range
		}
		after := subsetJSON(readBack, prior, false)
		if after.IsNull() {
			t.Fatalf("after writing %q the state is null", writtenText)
		}
		eq, diags := after.StringSemanticEquals(t.Context(), prior)
		if diags.HasError() || !eq {
			// Numbers beyond float64 precision read back rounded: DSS
			// itself stores them as doubles, so that is a real difference
			// only if the rounded value differs as a double too.
			if !jsonEqual(normalizeNumbers(mustDecode(t, after.ValueString())), normalizeNumbers(mustDecode(t, writtenText))) {
				t.Fatalf("after writing %q over %q, the state is %q: a diff right after apply", writtenText, dssText, after.ValueString())
			}
		}
	})
}

func mustDecode(t *testing.T, s string) any {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decoding %q: %v", s, err)
	}
	return v
}
