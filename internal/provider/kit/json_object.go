package kit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// JSON-object attributes (dataset params and format params, project
// variables) share one parser and one validator.

var ErrNotJSONObject = errors.New("must be a JSON object, such as jsonencode({ key = \"value\" })")

// DecodeJSONObject parses a params-like attribute. Null or unknown gives nil.
func DecodeJSONObject(v jsontypes.Normalized) (map[string]any, error) {
	if v.IsNull() || v.IsUnknown() {
		return nil, nil
	}
	text := bytes.TrimSpace([]byte(v.ValueString()))
	if len(text) > 0 && text[0] != '{' && json.Valid(text) {
		return nil, ErrNotJSONObject
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
		return nil, ErrNotJSONObject
	}
	return m, nil
}

// EncodeJSONObject renders m with sorted keys (encoding/json sorts map keys).
func EncodeJSONObject(m map[string]any) jsontypes.Normalized {
	b, err := json.Marshal(m)
	if err != nil {
		return jsontypes.NewNormalizedNull()
	}
	return jsontypes.NewNormalizedValue(string(b))
}

// JSONObjectValidator checks at plan time that a value is a JSON object.
var JSONObjectValidator = StringCheck("must be a JSON object written with jsonencode({...})", func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := DecodeJSONObject(jsontypes.NewNormalizedValue(req.ConfigValue.ValueString())); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JSON object", "Attribute "+req.Path.String()+" "+err.Error()+".")
	}
})

// JSONEqual compares two JSON-like values semantically (numbers by value,
// object keys in any order). It is the provider's one JSON equality: every
// comparison of JSON values goes through it.
func JSONEqual(a, b any) bool {
	ab, err1 := json.Marshal(normalizeNumbers(a))
	bb, err2 := json.Marshal(normalizeNumbers(b))
	return err1 == nil && err2 == nil && bytes.Equal(ab, bb)
}

// normalizeNumbers reads each number as a float64, so that JSONEqual
// finds 1, 1.0 and 1E0 equal.
func normalizeNumbers(v any) any {
	return mapNumbers(v, func(n json.Number) any {
		f, err := n.Float64()
		if err != nil {
			return n.String()
		}
		return f
	})
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
	return mapNumbers(v, func(n json.Number) any {
		s := n.String()
		if !strings.ContainsAny(s, ".eE") {
			return n
		}
		f, err := n.Float64()
		if err != nil || math.IsInf(f, 0) {
			return n
		}
		return json.Number(strconv.FormatFloat(f, 'f', -1, 64))
	})
}

// mapNumbers copies a JSON-like value decoded with UseNumber, each number
// at any depth replaced by what number makes of it: the one walk under
// the two number rules above (comparing by value, printing as Terraform
// does).
func mapNumbers(v any, number func(json.Number) any) any {
	return mapJSON(v, nil, func(leaf any) any {
		if n, ok := leaf.(json.Number); ok {
			return number(n)
		}
		return leaf
	})
}

// TerraformNumbersObject is terraformNumbers for a JSON object.
func TerraformNumbersObject(m map[string]any) map[string]any {
	out, _ := terraformNumbers(m).(map[string]any) // a map stays a map (nil stays nil)
	return out
}

// SameJSONValue compares two JSON attribute values semantically (see
// JSONEqual); null and unknown compare as themselves.
func SameJSONValue(a, b jsontypes.Normalized) bool {
	if !Known(a) || !Known(b) {
		return a.Equal(b)
	}
	av, err1 := DecodeJSONValue(a.ValueString())
	bv, err2 := DecodeJSONValue(b.ValueString())
	return err1 == nil && err2 == nil && JSONEqual(av, bv)
}

// DecodeJSONValue parses any JSON value, keeping numbers exact.
func DecodeJSONValue(text string) (any, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	dec.UseNumber()
	err := dec.Decode(&v)
	return v, err
}

// Known reports whether a value is set: neither null nor unknown. For a
// planned attribute that means it is managed and its value is known.
func Known(v interface {
	IsNull() bool
	IsUnknown() bool
},
) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// SetKnownString and SetKnownBool write the plan's value v into field
// when the plan knows it: what the plan leaves null or unknown stays as it
// was (as DSS has it, or a default).
func SetKnownString(v types.String, field *string) {
	if Known(v) {
		*field = v.ValueString()
	}
}

// SetKnownBool is SetKnownString for a boolean.
func SetKnownBool(v types.Bool, field *bool) {
	if Known(v) {
		*field = v.ValueBool()
	}
}

// KeepPlannedJSON keeps a planned JSON object after a write when every key
// written holds in what DSS returned: Terraform requires the planned
// value, which may carry more keys than were written (see WrittenKeysPlan).
func KeepPlannedJSON(got *jsontypes.Normalized, planned, written jsontypes.Normalized) {
	if !Known(planned) || planned.Equal(written) {
		return
	}
	if written.IsNull() || (!got.IsNull() && WrittenKeysHold(written.ValueString(), got.ValueString())) {
		*got = planned
	}
}

// JSONArrayValidator checks at plan time that a JSON-text attribute is a
// JSON array of objects (the Project Deployer's permission lists, which
// stay JSON text for now; a project folder's are an HCL list,
// hcl_object.go).
var JSONArrayValidator = StringCheck("must be a JSON array of objects written with jsonencode([{...}])", func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !Known(req.ConfigValue) {
		return
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(req.ConfigValue.ValueString()), &list); err != nil || list == nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JSON array",
			"Attribute "+req.Path.String()+" must be a JSON array of objects, such as jsonencode([{ group = \"analysts\", read = true }]).")
	}
})

// ProjectOnto keeps, of DSS's object, the keys of written.
func ProjectOnto(fromDSS, written map[string]any) map[string]any {
	out := make(map[string]any, len(written))
	for k := range written {
		if v, ok := fromDSS[k]; ok {
			out[k] = v
		}
	}
	return out
}

// WrittenSubset applies the subset rule to DSS's object with the keys of
// prior; null when prior writes nothing.
func WrittenSubset(fromDSS map[string]any, prior jsontypes.Normalized) jsontypes.Normalized {
	written, err := DecodeJSONObject(prior)
	if written == nil || err != nil {
		return jsontypes.NewNormalizedNull()
	}
	proj := ProjectOnto(fromDSS, written)
	if JSONEqual(proj, written) {
		// Keep the user's exact text: the framework would keep it anyway as
		// semantically equal, but a number written 1.0 vs 1 would not be.
		return prior
	}
	return EncodeJSONObject(proj)
}

// WholeObject is all of DSS's object; null when it is empty.
func WholeObject(fromDSS map[string]any) jsontypes.Normalized {
	if len(fromDSS) == 0 {
		return jsontypes.NewNormalizedNull()
	}
	return EncodeJSONObject(fromDSS)
}

// WrittenKeysHold reports whether every top-level key of the JSON object
// written has the same value (semantically) in the JSON object held.
func WrittenKeysHold(written, held string) bool {
	w, err := DecodeJSONObject(jsontypes.NewNormalizedValue(written))
	if err != nil || w == nil {
		return false
	}
	h, err := DecodeJSONObject(jsontypes.NewNormalizedValue(held))
	if err != nil || h == nil {
		return len(w) == 0 && err == nil
	}
	return JSONEqual(ProjectOnto(h, w), w)
}

// writtenKeysRule is what the plans of the subset rule say they plan
// (WrittenKeysPlan, HCLObjectKeysPlan).
const writtenKeysRule = "Only the keys written in the configuration are compared with the state."

// WrittenKeysPlan plans params and format_params (Optional and Computed).
// The state may hold more keys than the configuration writes: after an
// import it holds every parameter DSS has, and a key removed from the
// configuration stays until the next write. When every key the
// configuration writes already has that value in the state there is
// nothing to change, so the plan keeps the state's value and shows no
// diff; otherwise the plan is the configuration. A null configuration
// leaves the parameters alone (the state's value is kept).
var WrittenKeysPlan = StringPlan(writtenKeysRule, func(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.ConfigValue.IsUnknown() {
		return // known at apply; apply reads the configuration then
	}
	if req.StateValue.IsNull() || req.StateValue.IsUnknown() {
		resp.PlanValue = req.ConfigValue
		return
	}
	if req.ConfigValue.IsNull() || WrittenKeysHold(req.ConfigValue.ValueString(), req.StateValue.ValueString()) {
		resp.PlanValue = req.StateValue
		return
	}
	resp.PlanValue = req.ConfigValue
})

// DeepCopyJSON copies a decoded JSON value so that doc and the
// configuration never share a map or a slice.
func DeepCopyJSON(v any) any { return CopyJSON(v, nil) }

// CopyJSON copies a decoded JSON value, leaving out, at any depth, the
// object keys drop reports (none when drop is nil).
func CopyJSON(v any, drop func(key string) bool) any {
	return mapJSON(v, drop, func(leaf any) any { return leaf })
}

// mapJSON is the one walk of a decoded JSON value that CopyJSON and
// mapNumbers share: it copies every object and array, at any depth,
// leaving out the object keys drop reports (none when drop is nil), and
// replaces every other value by what leaf makes of it.
func mapJSON(v any, drop func(key string) bool, leaf func(any) any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			if drop == nil || !drop(k) {
				m[k] = mapJSON(e, drop, leaf)
			}
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = mapJSON(e, drop, leaf)
		}
		return s
	}
	return leaf(v)
}

func NonNilObject(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// KeepEqual is the value to write where DSS holds held and the
// configuration says written: written, except that every part of it
// JSONEqual to the part of held at the same place (numbers compared by
// value) is held's, so that DSS's text of it (1.0E-23, 1000.0) is sent
// back as it came rather than as Terraform prints the same number.
// Objects are compared key by key (written's keys only: a key held has
// and written does not is not in the result), arrays element by element
// when both have the same length; any other difference takes written's
// part whole. The result is always JSONEqual to written, and is held
// itself when the two are JSONEqual.
//
// The result shares parts with held and written: copy it (DeepCopyJSON)
// before changing either.
func KeepEqual(held, written any) any {
	v, _ := keepEqual(held, written)
	return v
}

// keepEqual is KeepEqual(old, w), also reporting whether old and w are
// JSONEqual (then the value is old).
func keepEqual(old, w any) (any, bool) {
	switch nv := w.(type) {
	case map[string]any:
		om, ok := asJSONObject(old)
		if !ok || nv == nil { // a nil map is null
			break
		}
		out := make(map[string]any, len(nv))
		same := len(om) == len(nv)
		for k, n := range nv {
			o, had := om[k]
			if !had {
				out[k], same = n, false
				continue
			}
			v, eq := keepEqual(o, n)
			out[k], same = v, same && eq
		}
		if same {
			return old, true
		}
		return out, false
	case []any:
		ol, ok := old.([]any)
		if !ok || ol == nil || nv == nil || len(ol) != len(nv) { // a nil slice is null
			break
		}
		out := make([]any, len(nv))
		same := true
		for i, n := range nv {
			v, eq := keepEqual(ol[i], n)
			out[i], same = v, same && eq
		}
		if same {
			return old, true
		}
		return out, false
	}
	if JSONEqual(old, w) {
		return old, true
	}
	return w, false
}

// asJSONObject is v as a decoded JSON object, when it is one (a named map
// type such as dss.FreeObject included; a nil map is null, not an object).
func asJSONObject(v any) (map[string]any, bool) {
	if m, ok := v.(map[string]any); ok {
		return m, m != nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Map && !rv.IsNil() && rv.Type().ConvertibleTo(jsonObjectType) {
		m, ok := rv.Convert(jsonObjectType).Interface().(map[string]any)
		return m, ok
	}
	return nil, false
}

var jsonObjectType = reflect.TypeFor[map[string]any]()

// MergeKeepingEqual is maps.Copy(dst, written) (each written key's value
// replaces dst's), each value written going through KeepEqual against the
// one it replaces: what is written is the same, DSS's text of the parts
// that do not change is kept.
func MergeKeepingEqual(dst, written map[string]any) {
	for k, w := range written {
		if old, had := dst[k]; had {
			dst[k] = KeepEqual(old, w)
		} else {
			dst[k] = w
		}
	}
}

// EncodeJSONTextLike encodes v as JSON text for DSS to store as it is (a
// recipe's payload): without encoding/json's HTML escapes (DSS would keep
// `\u003c` where its own text had `<`), and indented as like, the text it
// replaces, is (a newline after its opening bracket; the indent of its
// second line), so that DSS's history shows the keys that changed rather
// than the whole text on one line.
func EncodeJSONTextLike(v any, like string) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if first, rest, ok := strings.Cut(strings.TrimLeft(like, " \t\r\n"), "\n"); ok && (first == "{" || first == "[") {
		second, _, _ := strings.Cut(rest, "\n")
		if indent := second[:len(second)-len(strings.TrimLeft(second, " \t"))]; indent != "" {
			enc.SetIndent("", indent)
		}
	}
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}
