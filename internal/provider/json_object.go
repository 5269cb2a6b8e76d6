package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// JSON-object attributes (dataset params and format params, project
// variables) share one parser and one validator.

var errNotJSONObject = errors.New("must be a JSON object, such as jsonencode({ key = \"value\" })")

// decodeJSONObject parses a params-like attribute. Null or unknown gives nil.
func decodeJSONObject(v jsontypes.Normalized) (map[string]any, error) {
	if v.IsNull() || v.IsUnknown() {
		return nil, nil
	}
	text := bytes.TrimSpace([]byte(v.ValueString()))
	if len(text) > 0 && text[0] != '{' && json.Valid(text) {
		return nil, errNotJSONObject
	}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber() // keeps large integers exact through read-modify-write
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("must be valid JSON: %w", err)
	}
	if dec.More() {
		return nil, errors.New("must be valid JSON: unexpected data after the object")
	}
	if m == nil {
		return nil, errNotJSONObject
	}
	return m, nil
}

// encodeJSONObject renders m with sorted keys (encoding/json sorts map keys).
func encodeJSONObject(m map[string]any) jsontypes.Normalized {
	b, err := json.Marshal(m)
	if err != nil {
		return jsontypes.NewNormalizedNull()
	}
	return jsontypes.NewNormalizedValue(string(b))
}

// jsonObjectValidator checks at plan time that a value is a JSON object.
type jsonObjectValidator struct{ forbidConnection bool }

func (v jsonObjectValidator) Description(_ context.Context) string {
	s := "must be a JSON object written with jsonencode({...})"
	if v.forbidConnection {
		s += " and must not contain \"connection\" (use the connection_name attribute)"
	}
	return s
}

func (v jsonObjectValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v jsonObjectValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	m, err := decodeJSONObject(jsontypes.NewNormalizedValue(req.ConfigValue.ValueString()))
	if err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JSON object", "Attribute "+req.Path.String()+" "+err.Error()+".")
		return
	}
	if v.forbidConnection && slices.ContainsFunc(slices.Collect(maps.Keys(m)), dss.IsConnectionParam) {
		resp.Diagnostics.AddAttributeError(req.Path, "connection belongs in its own attribute",
			"params must not contain \"connection\": set the dataset's connection with the connection_name attribute.")
	}
}

// jsonEqual compares two JSON-like values semantically (numbers by value,
// object keys in any order). It is the provider's one JSON equality: every
// comparison of JSON values goes through it.
func jsonEqual(a, b any) bool {
	ab, err1 := json.Marshal(normalizeNumbers(a))
	bb, err2 := json.Marshal(normalizeNumbers(b))
	return err1 == nil && err2 == nil && bytes.Equal(ab, bb)
}

func normalizeNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return x.String()
		}
		return f
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = normalizeNumbers(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = normalizeNumbers(e)
		}
		return s
	}
	return v
}

// terraformNumbers rewrites the non-integer numbers of a JSON-like value
// as Terraform's jsonencode prints them (shortest decimal, no exponent):
// DSS writes doubles Java-style (1.0, 1.0E-23), and a configuration
// generated from the state, or written with jsonencode, prints them
// 1 and 0.00000000000000000000001. The framework's JSON equality
// (jsontypes.Normalized) compares numbers as text, so without this an
// adopted project plans a change it cannot make. Integers keep their
// text, which may exceed a float64's precision.
func terraformNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		s := x.String()
		if !strings.ContainsAny(s, ".eE") {
			return x
		}
		f, err := x.Float64()
		if err != nil || math.IsInf(f, 0) {
			return x
		}
		return json.Number(strconv.FormatFloat(f, 'f', -1, 64))
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = terraformNumbers(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = terraformNumbers(e)
		}
		return s
	}
	return v
}

// terraformNumbersObject is terraformNumbers for a JSON object.
func terraformNumbersObject(m map[string]any) map[string]any {
	out, _ := terraformNumbers(m).(map[string]any) // a map stays a map (nil stays nil)
	return out
}

// sameJSONValue compares two JSON attribute values semantically (see
// jsonEqual); null and unknown compare as themselves.
func sameJSONValue(a, b jsontypes.Normalized) bool {
	if !known(a) || !known(b) {
		return a.Equal(b)
	}
	av, err1 := decodeJSONValue(a.ValueString())
	bv, err2 := decodeJSONValue(b.ValueString())
	return err1 == nil && err2 == nil && jsonEqual(av, bv)
}

// decodeJSONValue parses any JSON value, keeping numbers exact.
func decodeJSONValue(text string) (any, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	dec.UseNumber()
	err := dec.Decode(&v)
	return v, err
}

// known reports whether a value is set: neither null nor unknown. For a
// planned attribute that means it is managed and its value is known.
func known(v interface {
	IsNull() bool
	IsUnknown() bool
},
) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// keepPlannedJSON keeps a planned JSON object after a write when every key
// written holds in what DSS returned: Terraform requires the planned
// value, which may carry more keys than were written (see writtenKeysPlan).
func keepPlannedJSON(got *jsontypes.Normalized, planned, written jsontypes.Normalized) {
	if !known(planned) || planned.Equal(written) {
		return
	}
	if written.IsNull() || (!got.IsNull() && writtenKeysHold(written.ValueString(), got.ValueString())) {
		*got = planned
	}
}

// jsonArrayValidator checks at plan time that a JSON-text attribute is a
// JSON array of objects (the Project Deployer's permission lists, which
// stay JSON text for now; a project folder's are an HCL list,
// hcl_object.go).
type jsonArrayValidator struct{}

func (jsonArrayValidator) Description(context.Context) string {
	return "must be a JSON array of objects written with jsonencode([{...}])"
}

func (v jsonArrayValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (jsonArrayValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(req.ConfigValue.ValueString()), &list); err != nil || list == nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JSON array",
			"Attribute "+req.Path.String()+" must be a JSON array of objects, such as jsonencode([{ group = \"analysts\", read = true }]).")
	}
}
