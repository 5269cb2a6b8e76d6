package kit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"

	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// hclNumberPrecision is the precision of Terraform's numbers (cty's): a
// number built with less would not compare equal to the same number
// written in the configuration.
const hclNumberPrecision = 512

// ErrHCLObjectUnknown is HCLObjectDecode's error for a value with unknown
// parts (known only at apply).
var ErrHCLObjectUnknown = errors.New("is not known yet")

// HCLObjectAttribute is the resource attribute for a free-form object:
// optional and computed (DSS may hold more than is written), validated at
// plan time, planned with the subset rule. The caller may set Required,
// Sensitive or more plan modifiers on the returned value.
func HCLObjectAttribute(markdown string) schema.DynamicAttribute {
	return schema.DynamicAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: markdown,
		Validators:          []validator.Dynamic{HCLObjectValidator},
		PlanModifiers:       []planmodifier.Dynamic{HCLObjectKeysPlan},
	}
}

// HCLObjectDataSourceAttribute is the data-source attribute for a free-form
// object DSS holds, read whole in the natural form (see HCLObjectValue).
func HCLObjectDataSourceAttribute(markdown string) dsschema.DynamicAttribute {
	return dsschema.DynamicAttribute{Computed: true, MarkdownDescription: markdown}
}

// HCLObjectDecode turns an attribute's value into the JSON object DSS is
// sent. Null gives nil. A string must hold a JSON object (the jsonencode
// form). Unknown parts give ErrHCLObjectUnknown.
func HCLObjectDecode(v types.Dynamic) (map[string]any, error) {
	return hclDecode(v, DecodeJSONObjectText, func(tv tftypes.Value) (map[string]any, error) {
		if !tv.Type().Is(tftypes.Object{}) && !tv.Type().Is(tftypes.Map{}) {
			return nil, fmt.Errorf("must be an object, such as { key = \"value\" }, not %s", hclTypeName(tv.Type()))
		}
		j, err := hclToJSON(tv)
		if err != nil {
			return nil, err
		}
		m, _ := j.(map[string]any)
		if m == nil {
			m = map[string]any{}
		}
		return m, nil
	})
}

// hclDecode is what HCLObjectDecode and HCLListDecode share: null gives
// the zero value, unknown parts ErrHCLObjectUnknown, a string (the
// jsonencode form) goes to fromText and any other value to fromValue.
func hclDecode[T any](v types.Dynamic, fromText func(string) (T, error), fromValue func(tftypes.Value) (T, error)) (T, error) {
	var none T
	if v.IsNull() || v.IsUnderlyingValueNull() {
		return none, nil
	}
	if v.IsUnknown() || v.IsUnderlyingValueUnknown() {
		return none, ErrHCLObjectUnknown
	}
	tv, err := v.UnderlyingValue().ToTerraformValue(context.Background())
	if err != nil {
		return none, err
	}
	if tv.Type().Is(tftypes.String) {
		var s string
		if err := tv.As(&s); err != nil {
			return none, err
		}
		return fromText(s)
	}
	return fromValue(tv)
}

// DecodeJSONObjectText parses the jsonencode form.
func DecodeJSONObjectText(s string) (map[string]any, error) {
	text := bytes.TrimSpace([]byte(s))
	if len(text) == 0 || text[0] != '{' {
		if json.Valid(text) {
			return nil, errors.New("must be an object, such as { key = \"value\" } (a string must hold a JSON object)")
		}
		return nil, errors.New("must be an object, such as { key = \"value\" }; a string is read as JSON and this one is not valid JSON")
	}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("holds invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, errors.New("holds invalid JSON: unexpected data after the object")
	}
	return m, nil
}

// hclTypeName names a value's type for messages.
func hclTypeName(t tftypes.Type) string {
	switch {
	case t.Is(tftypes.String):
		return "a string"
	case t.Is(tftypes.Number):
		return "a number"
	case t.Is(tftypes.Bool):
		return "a bool"
	case t.Is(tftypes.List{}), t.Is(tftypes.Tuple{}), t.Is(tftypes.Set{}):
		return "a list"
	case t.Is(tftypes.Object{}), t.Is(tftypes.Map{}):
		return "an object"
	}
	return t.String()
}

// hclToJSON converts a known Terraform value to decoded JSON: objects and
// maps to map[string]any, lists, tuples and sets to []any, numbers to
// json.Number.
func hclToJSON(v tftypes.Value) (any, error) {
	if !v.IsKnown() {
		return nil, ErrHCLObjectUnknown
	}
	if v.IsNull() {
		return nil, nil
	}
	t := v.Type()
	switch {
	case t.Is(tftypes.String):
		var s string
		err := v.As(&s)
		return s, err
	case t.Is(tftypes.Bool):
		var b bool
		err := v.As(&b)
		return b, err
	case t.Is(tftypes.Number):
		f := new(big.Float)
		if err := v.As(&f); err != nil {
			return nil, err
		}
		return hclNumberText(f), nil
	case t.Is(tftypes.Object{}), t.Is(tftypes.Map{}):
		var fields map[string]tftypes.Value
		if err := v.As(&fields); err != nil {
			return nil, err
		}
		m := make(map[string]any, len(fields))
		for k, e := range fields {
			j, err := hclToJSON(e)
			if err != nil {
				return nil, err
			}
			m[k] = j
		}
		return m, nil
	case t.Is(tftypes.List{}), t.Is(tftypes.Tuple{}), t.Is(tftypes.Set{}):
		var elems []tftypes.Value
		if err := v.As(&elems); err != nil {
			return nil, err
		}
		s := make([]any, len(elems))
		for i, e := range elems {
			j, err := hclToJSON(e)
			if err != nil {
				return nil, err
			}
			s[i] = j
		}
		return s, nil
	}
	return nil, fmt.Errorf("cannot be sent as JSON: %s", t)
}

// hclNumberText prints a Terraform number as JSON: integers in full,
// others as the shortest decimal that reads back the same, never with an
// exponent (as jsonencode prints them).
func hclNumberText(f *big.Float) json.Number {
	if f.IsInt() {
		return json.Number(f.Text('f', 0))
	}
	return json.Number(f.Text('f', -1))
}

// hclFromJSON builds the natural Terraform value of decoded JSON: an
// object for an object, a tuple for an array, null of no type for null.
func hclFromJSON(v any) (tftypes.Value, error) {
	switch x := v.(type) {
	case nil:
		return tftypes.NewValue(tftypes.DynamicPseudoType, nil), nil
	case string:
		return tftypes.NewValue(tftypes.String, x), nil
	case bool:
		return tftypes.NewValue(tftypes.Bool, x), nil
	case json.Number:
		return HCLNumber(x.String())
	case float64:
		return HCLNumber(strconv.FormatFloat(x, 'g', -1, 64))
	case int:
		return HCLNumber(strconv.Itoa(x))
	case int64:
		return HCLNumber(strconv.FormatInt(x, 10))
	case map[string]any:
		tys := make(map[string]tftypes.Type, len(x))
		vals := make(map[string]tftypes.Value, len(x))
		for k, e := range x {
			tv, err := hclFromJSON(e)
			if err != nil {
				return tftypes.Value{}, err
			}
			tys[k], vals[k] = tv.Type(), tv
		}
		return tftypes.NewValue(tftypes.Object{AttributeTypes: tys}, vals), nil
	case []any:
		tys := make([]tftypes.Type, len(x))
		vals := make([]tftypes.Value, len(x))
		for i, e := range x {
			tv, err := hclFromJSON(e)
			if err != nil {
				return tftypes.Value{}, err
			}
			tys[i], vals[i] = tv.Type(), tv
		}
		return tftypes.NewValue(tftypes.Tuple{ElementTypes: tys}, vals), nil
	}
	// Typed Go values (a struct from the dss package): through JSON.
	b, err := json.Marshal(v)
	if err != nil {
		return tftypes.Value{}, err
	}
	j, err := DecodeJSONValue(string(b))
	if err != nil {
		return tftypes.Value{}, err
	}
	return hclFromJSON(j)
}

func HCLNumber(text string) (tftypes.Value, error) {
	f, _, err := big.ParseFloat(text, 10, hclNumberPrecision, big.ToNearestEven)
	if err != nil {
		return tftypes.Value{}, fmt.Errorf("number %q: %w", text, err)
	}
	return tftypes.NewValue(tftypes.Number, f), nil
}

// hclKeepForm builds the Terraform value for got, reusing prior wherever it
// already holds the same JSON: prior whole when equal, else object keys
// and tuple or list elements one by one; what differs is built in the
// natural form.
func hclKeepForm(got any, prior tftypes.Value) (tftypes.Value, error) {
	if prior.IsFullyKnown() {
		if pj, err := hclToJSON(prior); err == nil && JSONEqual(pj, got) {
			return prior, nil
		}
	}
	if !prior.IsKnown() || prior.IsNull() {
		return hclFromJSON(got)
	}
	pt := prior.Type()
	switch g := got.(type) {
	case map[string]any:
		if !pt.Is(tftypes.Object{}) && !pt.Is(tftypes.Map{}) {
			break
		}
		var fields map[string]tftypes.Value
		if err := prior.As(&fields); err != nil {
			break
		}
		tys := make(map[string]tftypes.Type, len(g))
		vals := make(map[string]tftypes.Value, len(g))
		for k, e := range g {
			var tv tftypes.Value
			var err error
			if p, ok := fields[k]; ok {
				tv, err = hclKeepForm(e, p)
			} else {
				tv, err = hclFromJSON(e)
			}
			if err != nil {
				return tftypes.Value{}, err
			}
			tys[k], vals[k] = tv.Type(), tv
		}
		return tftypes.NewValue(tftypes.Object{AttributeTypes: tys}, vals), nil
	case []any:
		if !pt.Is(tftypes.Tuple{}) && !pt.Is(tftypes.List{}) {
			break
		}
		var elems []tftypes.Value
		if err := prior.As(&elems); err != nil || len(elems) != len(g) {
			break
		}
		tys := make([]tftypes.Type, len(g))
		vals := make([]tftypes.Value, len(g))
		for i, e := range g {
			tv, err := hclKeepForm(e, elems[i])
			if err != nil {
				return tftypes.Value{}, err
			}
			tys[i], vals[i] = tv.Type(), tv
		}
		return tftypes.NewValue(tftypes.Tuple{ElementTypes: tys}, vals), nil
	}
	return hclFromJSON(got)
}

// HCLDynamic wraps a Terraform value as the attribute's value.
func HCLDynamic(tv tftypes.Value) (types.Dynamic, error) {
	v, err := types.DynamicType.ValueFromTerraform(context.Background(), tv)
	if err != nil {
		return types.DynamicNull(), err
	}
	d, ok := v.(types.Dynamic)
	if !ok {
		return types.DynamicNull(), fmt.Errorf("unexpected value %T", v)
	}
	return d, nil
}

// HCLObjectValue is m in the natural form (objects, tuples), null when m
// is nil: what a data source, or a state with nothing written yet, holds.
func HCLObjectValue(m map[string]any) types.Dynamic {
	if m == nil {
		return types.DynamicNull()
	}
	return hclNaturalValue(m)
}

// hclNaturalValue is decoded JSON (an object or a list, not nil) in the
// natural form; null when it has no Terraform value.
func hclNaturalValue(j any) types.Dynamic {
	tv, err := hclFromJSON(j)
	if err != nil {
		return types.DynamicNull()
	}
	d, err := HCLDynamic(tv)
	if err != nil {
		return types.DynamicNull()
	}
	return d
}

// HCLObjectKeepForm is the state's value for the object got (already
// projected by the caller's rule), in prior's form: prior itself when it
// holds the same JSON; a JSON string when prior is one (the jsonencode
// form); else an object reusing prior's parts that still hold.
func HCLObjectKeepForm(got map[string]any, prior types.Dynamic) types.Dynamic {
	if got == nil {
		return types.DynamicNull()
	}
	return hclObjects.keepForm(got, prior)
}

// HCLObjectSubset applies the subset rule: of DSS's object, the top-level
// keys prior writes (a nested object compared whole), in prior's form.
// Null when prior is null or not an object.
func HCLObjectSubset(fromDSS map[string]any, prior types.Dynamic) types.Dynamic {
	written, err := HCLObjectDecode(prior)
	if err != nil || written == nil {
		return types.DynamicNull()
	}
	return HCLObjectKeepForm(ProjectOnto(fromDSS, written), prior)
}

// hclObjectWrittenKeysHold reports whether every top-level key of written
// has the same value (semantically) in held, whatever the forms of the two
// values (object or jsonencode string).
func hclObjectWrittenKeysHold(written, held types.Dynamic) bool {
	w, err := HCLObjectDecode(written)
	if err != nil || w == nil {
		return false
	}
	h, err := HCLObjectDecode(held)
	if err != nil {
		return false
	}
	if h == nil {
		return len(w) == 0
	}
	return JSONEqual(ProjectOnto(h, w), w)
}

// HCLObjectSame compares two values as JSON, whatever their forms; null
// and unknown compare as themselves.
func HCLObjectSame(a, b types.Dynamic) bool {
	return hclObjects.same(a, b)
}

// HCLObjectText is a value as text, for messages and tests: the string
// itself in the jsonencode form, else its JSON with sorted keys ("" for
// null or unknown).
func HCLObjectText(v types.Dynamic) string {
	if s, ok := v.UnderlyingValue().(types.String); ok {
		return s.ValueString()
	}
	m, err := HCLObjectDecode(v)
	if err != nil || m == nil {
		return ""
	}
	return EncodeJSONObject(m).ValueString()
}

// HCLObjectKeepPlanned keeps the planned value after a write when every
// key written holds in what was read back: Terraform requires the planned
// value, which may carry more keys than were written (the prior state's,
// see HCLObjectKeysPlan).
func HCLObjectKeepPlanned(got *types.Dynamic, planned, written types.Dynamic) {
	if planned.IsNull() || !HCLFullyKnown(planned) || planned.Equal(written) {
		return // a plan with parts known only at apply is never the state
	}
	if written.IsNull() || hclObjectWrittenKeysHold(written, *got) {
		*got = planned
	}
}

// HCLFullyKnown reports whether a value has no unknown part.
func HCLFullyKnown(v types.Dynamic) bool {
	if v.IsUnknown() || v.IsUnderlyingValueUnknown() {
		return false
	}
	if v.IsNull() {
		return true
	}
	tv, err := v.UnderlyingValue().ToTerraformValue(context.Background())
	return err == nil && tv.IsFullyKnown()
}

// hclObjectRule is what an HCL object attribute requires.
const hclObjectRule = "must be an object, such as `{ key = \"value\" }` (a string holding a JSON object, from `jsonencode`, is also accepted)"

// HCLObjectValidator checks at plan time that a value is an object (or a
// string holding a JSON object).
var HCLObjectValidator = DynamicCheck(hclObjectRule, func(_ context.Context, req validator.DynamicRequest, resp *validator.DynamicResponse) {
	hclObjects.validateForm(req, resp)
})

// HCLObjectWithout is HCLObjectValidator refusing, besides, the keys
// forbidden gives, for the reason why says.
func HCLObjectWithout(forbidden func(key string) bool, why string) validator.Dynamic {
	return DynamicCheck(hclObjectRule+"; "+why, func(_ context.Context, req validator.DynamicRequest, resp *validator.DynamicResponse) {
		m, ok := hclObjects.validateForm(req, resp)
		if !ok {
			return
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			if forbidden(k) {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			resp.Diagnostics.AddAttributeError(req.Path, "Key not allowed here",
				fmt.Sprintf("Attribute %s must not contain %q: %s.", req.Path, k, why))
		}
	})
}

// HCLObjectKeysPlan plans a free-form object with the subset rule: when
// every key the configuration writes holds in the prior state, the plan is
// the prior state (Terraform accepts the prior value for a configured
// attribute), so DSS's extra keys, an import's whole object or a change of
// form (jsonencode string to object) plan nothing. A null configuration on
// an optional and computed attribute keeps the state (nothing managed).
var HCLObjectKeysPlan = DynamicPlan(writtenKeysRule, func(_ context.Context, req planmodifier.DynamicRequest, resp *planmodifier.DynamicResponse) {
	if req.ConfigValue.IsUnknown() || req.ConfigValue.IsUnderlyingValueUnknown() {
		return // known at apply; apply reads the configuration then
	}
	if req.StateValue.IsNull() || req.StateValue.IsUnknown() {
		resp.PlanValue = req.ConfigValue
		return
	}
	if req.ConfigValue.IsNull() || hclObjectWrittenKeysHold(req.ConfigValue, req.StateValue) {
		resp.PlanValue = req.StateValue
		return
	}
	resp.PlanValue = req.ConfigValue
})

// wholePlanRule is what a free-form value managed whole plans
// (HCLObjectWholePlan, hclListWholePlan).
const wholePlanRule = "When not configured, the value in state is kept and Terraform leaves it alone in DSS; the same JSON in another form is no change."

// HCLObjectWholePlan plans a free-form object managed whole (DSS holds
// exactly what is written, such as project variables): a null
// configuration leaves DSS's value alone and keeps the state (null on
// create); a configuration holding the same JSON as the state, in any form,
// plans the state, so formatting, key order, 1 against 1.0 or a switch from
// jsonencode to the object form never plan a change.
var HCLObjectWholePlan = DynamicPlan(wholePlanRule, func(_ context.Context, req planmodifier.DynamicRequest, resp *planmodifier.DynamicResponse) {
	planWholeDynamic(req, resp, HCLObjectSame)
})

// planWholeDynamic is the plan of a free-form value managed whole
// (HCLObjectWholePlan, hclListWholePlan); same compares two values of the
// attribute as JSON.
func planWholeDynamic(req planmodifier.DynamicRequest, resp *planmodifier.DynamicResponse, same func(a, b types.Dynamic) bool) {
	if req.ConfigValue.IsUnknown() || req.ConfigValue.IsUnderlyingValueUnknown() {
		resp.PlanValue = req.ConfigValue
		return
	}
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	if req.ConfigValue.IsNull() {
		resp.PlanValue = req.StateValue
		if req.State.Raw.IsNull() {
			resp.PlanValue = types.DynamicNull()
		}
		return
	}
	if !req.StateValue.IsNull() && !req.StateValue.IsUnknown() && same(req.ConfigValue, req.StateValue) {
		resp.PlanValue = req.StateValue
		return
	}
	resp.PlanValue = req.ConfigValue
}

// samePlanRule is what HCLObjectSamePlan and HCLListSamePlan plan.
const samePlanRule = "The same JSON in another form is no change."

// HCLObjectSamePlan plans the state when the configuration holds the same
// JSON in another form, for an optional attribute that is not computed
// (Terraform accepts the prior value in place of an equivalent
// configuration); a null configuration plans null as usual.
var HCLObjectSamePlan = DynamicPlan(samePlanRule, func(_ context.Context, req planmodifier.DynamicRequest, resp *planmodifier.DynamicResponse) {
	planSameDynamic(req, resp, HCLObjectSame)
})

// planSameDynamic plans the state when the configuration holds the same
// JSON as it in another form (HCLObjectSamePlan, HCLListSamePlan).
func planSameDynamic(req planmodifier.DynamicRequest, resp *planmodifier.DynamicResponse, same func(a, b types.Dynamic) bool) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.StateValue.IsNull() || req.StateValue.IsUnknown() {
		return
	}
	if same(req.ConfigValue, req.StateValue) {
		resp.PlanValue = req.StateValue
	}
}

// HCLObjectStateUpgrader upgrades a state of schema version 0, where the
// attributes named held JSON text (jsontypes.Normalized), to the dynamic
// attributes: each text becomes a dynamic string value (the jsonencode
// form, which HCLObjectDecode reads as the object it encodes), so that a
// configuration unchanged, or rewritten to the object form, plans nothing.
// Everything else of the state is kept as it is.
func HCLObjectStateUpgrader(attrs ...string) resource.StateUpgrader {
	return resource.StateUpgrader{
		StateUpgrader: func(_ context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
			if req.RawState == nil || req.RawState.JSON == nil {
				resp.Diagnostics.AddError("Cannot upgrade the state", "The prior state has no JSON form.")
				return
			}
			b, err := HCLObjectUpgradeJSON(req.RawState.JSON, attrs...)
			if err != nil {
				resp.Diagnostics.AddError("Cannot upgrade the state", err.Error())
				return
			}
			resp.DynamicValue = &tfprotov6.DynamicValue{JSON: b}
		},
	}
}

// HCLObjectUpgradeJSON rewrites the named top-level attributes of a raw
// JSON state from JSON text to the JSON form of a dynamic string value.
func HCLObjectUpgradeJSON(raw []byte, attrs ...string) ([]byte, error) {
	var state map[string]json.RawMessage
	if err := json.Unmarshal(raw, &state); err != nil {
		return nil, fmt.Errorf("the prior state is not a JSON object: %w", err)
	}
	for _, a := range attrs {
		v, ok := state[a]
		if !ok || bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			continue
		}
		var text string
		if err := json.Unmarshal(v, &text); err != nil {
			return nil, fmt.Errorf("attribute %s of the prior state is not a string: %w", a, err)
		}
		dyn, err := json.Marshal(struct {
			Value string `json:"value"`
			Type  string `json:"type"`
		}{text, "string"})
		if err != nil {
			return nil, err
		}
		state[a] = dyn
	}
	return json.Marshal(state)
}

// HCLWholeObject is all of DSS's object in the natural form; null when it
// is empty (what an import or a data source reads).
func HCLWholeObject(fromDSS map[string]any) types.Dynamic {
	if len(fromDSS) == 0 {
		return types.DynamicNull()
	}
	return HCLObjectValue(fromDSS)
}

// kindWithHCLObjects is a kit kind whose free-form object (or list of
// objects) attributes were JSON text (jsontypes.Normalized) in schema version 0 and are dynamic
// attributes since version 1. Its schema sets Version 1; the kit upgrades
// version 0 states with HCLObjectStateUpgrader.
type kindWithHCLObjects interface {
	HCLObjectAttrs() []string
}

// UpgradeState upgrades the states of kinds with HCL object attributes
// (kindWithHCLObjects); other kinds have a single schema version.
func (r *Resource[M]) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	k, ok := r.Kind.(kindWithHCLObjects)
	if !ok {
		return nil
	}
	return map[int64]resource.StateUpgrader{0: HCLObjectStateUpgrader(k.HCLObjectAttrs()...)}
}

// HCL lists of objects: the list variant, for DSS lists held whole (a
// project folder's permissions, a scenario's reporters). The same rules as
// the objects, except that the value is a list (or tuple) of objects, or a
// string holding a JSON array of objects (the jsonencode form), and that it
// is managed whole (hclListWholePlan): there is no subset rule for lists.

// HCLListAttribute is the resource attribute for a list of objects DSS
// holds whole: optional and computed, validated at plan time, a null
// configuration leaving DSS's list alone.
func HCLListAttribute(markdown string) schema.DynamicAttribute {
	return schema.DynamicAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: markdown,
		Validators:          []validator.Dynamic{HCLListValidator},
		PlanModifiers:       []planmodifier.Dynamic{hclListWholePlan},
	}
}

// HCLListDecode turns an attribute's value into the JSON array DSS is
// sent. Null gives nil. A string must hold a JSON array of objects (the
// jsonencode form). Unknown parts give ErrHCLObjectUnknown.
func HCLListDecode(v types.Dynamic) ([]any, error) {
	return hclDecode(v, func(s string) ([]any, error) {
		text := bytes.TrimSpace([]byte(s))
		if !json.Valid(text) {
			return nil, errors.New("must be a list of objects, such as [{ key = \"value\" }]; a string is read as JSON and this one is not valid JSON")
		}
		j, err := DecodeJSONValue(string(text))
		if err != nil {
			return nil, fmt.Errorf("holds invalid JSON: %w", err)
		}
		l, ok := j.([]any)
		if !ok {
			return nil, errors.New("must be a list of objects, such as [{ key = \"value\" }] (a string must hold a JSON array of objects)")
		}
		return hclObjectsOnly(l)
	}, func(tv tftypes.Value) ([]any, error) {
		t := tv.Type()
		if !t.Is(tftypes.List{}) && !t.Is(tftypes.Tuple{}) {
			return nil, fmt.Errorf("must be a list of objects, such as [{ key = \"value\" }], not %s", hclTypeName(t))
		}
		j, err := hclToJSON(tv)
		if err != nil {
			return nil, err
		}
		l, _ := j.([]any)
		return hclObjectsOnly(l)
	})
}

// hclObjectsOnly is a decoded list (empty, not nil, when there is none)
// once each of its elements is known to be an object.
func hclObjectsOnly(l []any) ([]any, error) {
	if l == nil {
		l = []any{}
	}
	for i, e := range l {
		if _, ok := e.(map[string]any); !ok {
			return nil, fmt.Errorf("must be a list of objects, such as [{ key = \"value\" }]: element %d is not an object", i)
		}
	}
	return l, nil
}

// hclListValue is l in the natural form (a tuple of objects); null when l
// is nil.
func hclListValue(l []any) types.Dynamic {
	if l == nil {
		return types.DynamicNull()
	}
	return hclNaturalValue(l)
}

// HCLListKeepForm is the state's value for DSS's list got, in prior's
// form: prior itself when it holds the same JSON; a JSON string when prior
// is one (the jsonencode form); else a tuple reusing prior's elements that
// still hold.
func HCLListKeepForm(got []any, prior types.Dynamic) types.Dynamic {
	if got == nil {
		return types.DynamicNull()
	}
	return hclLists.keepForm(got, prior)
}

// HCLListSame compares two lists as JSON, whatever their forms; null and
// unknown compare as themselves.
func HCLListSame(a, b types.Dynamic) bool {
	return hclLists.same(a, b)
}

// hclListRule is what an HCL list attribute requires.
const hclListRule = "must be a list of objects, such as `[{ key = \"value\" }]` (a string holding a JSON array of objects, from `jsonencode`, is also accepted)"

// HCLListValidator checks at plan time that a value is a list of objects
// (or a string holding a JSON array of objects).
var HCLListValidator = DynamicCheck(hclListRule, func(_ context.Context, req validator.DynamicRequest, resp *validator.DynamicResponse) {
	hclLists.validateForm(req, resp)
})

// HCLListChecked is HCLListValidator checking, besides, each element with
// its index: check's error is a refusal, under the summary title; why says
// what check requires.
func HCLListChecked(why, title string, check func(i int, elem map[string]any) error) validator.Dynamic {
	return DynamicCheck(hclListRule+"; "+why, func(_ context.Context, req validator.DynamicRequest, resp *validator.DynamicResponse) {
		l, ok := hclLists.validateForm(req, resp)
		if !ok {
			return
		}
		for i, e := range l {
			obj, _ := e.(map[string]any) // HCLListDecode checked each is one
			if err := check(i, obj); err != nil {
				resp.Diagnostics.AddAttributeError(req.Path, title, fmt.Sprintf("Attribute %s: %s.", req.Path, err))
			}
		}
	})
}

// hclListWholePlan plans a list held whole, as HCLObjectWholePlan plans an
// object: a null configuration keeps the state (DSS's list left alone), and
// the same JSON in another form (jsonencode string, tolist, 1 against 1.0)
// plans the state.
var hclListWholePlan = DynamicPlan(wholePlanRule, func(_ context.Context, req planmodifier.DynamicRequest, resp *planmodifier.DynamicResponse) {
	planWholeDynamic(req, resp, HCLListSame)
})

// HCLListSamePlan is HCLObjectSamePlan for a list: for an optional list
// that is not computed, the same JSON in another form plans the state.
var HCLListSamePlan = DynamicPlan(samePlanRule, func(_ context.Context, req planmodifier.DynamicRequest, resp *planmodifier.DynamicResponse) {
	planSameDynamic(req, resp, HCLListSame)
})

// hclVariant is what the object variant and the list variant of these
// attributes do differently; the rules built on it (keepForm, same,
// validateForm) are the same for both.
type hclVariant[T any] struct {
	decode  func(types.Dynamic) (T, error) // HCLObjectDecode or HCLListDecode
	natural func(T) types.Dynamic          // the natural form (objects, tuples)
	// jsonencoded is the jsonencode form (a string) of a value.
	jsonencoded func(T) types.Dynamic
	// invalid is the summary of a refused value; want says what a value
	// must be and isForm which types (besides a string) can be one.
	invalid, want string
	isForm        func(tftypes.Type) bool
}

// hclObjects is the object variant (HCLObjectAttribute).
var hclObjects = hclVariant[map[string]any]{
	decode:  HCLObjectDecode,
	natural: HCLObjectValue,
	jsonencoded: func(m map[string]any) types.Dynamic {
		return types.DynamicValue(types.StringValue(EncodeJSONObject(m).ValueString()))
	},
	invalid: "Invalid object",
	want:    "an object, such as { key = \"value\" }",
	isForm:  func(t tftypes.Type) bool { return t.Is(tftypes.Object{}) || t.Is(tftypes.Map{}) },
}

// hclLists is the list variant (HCLListAttribute).
var hclLists = hclVariant[[]any]{
	decode:  HCLListDecode,
	natural: hclListValue,
	jsonencoded: func(l []any) types.Dynamic {
		b, err := json.Marshal(l)
		if err != nil {
			return hclListValue(l)
		}
		return types.DynamicValue(types.StringValue(string(b)))
	},
	invalid: "Invalid list",
	want:    "a list of objects, such as [{ key = \"value\" }]",
	isForm:  func(t tftypes.Type) bool { return t.Is(tftypes.List{}) || t.Is(tftypes.Tuple{}) },
}

// keepForm is the state's value for got (not nil) in prior's form: prior
// itself when it holds the same JSON; the jsonencode form when prior is a
// string; else the natural form reusing prior's parts that still hold.
func (h hclVariant[T]) keepForm(got T, prior types.Dynamic) types.Dynamic {
	if prior.IsNull() || prior.IsUnknown() || prior.IsUnderlyingValueNull() || prior.IsUnderlyingValueUnknown() {
		return h.natural(got)
	}
	if p, err := h.decode(prior); err == nil && JSONEqual(p, got) {
		return prior
	}
	tv, err := prior.UnderlyingValue().ToTerraformValue(context.Background())
	if err != nil {
		return h.natural(got)
	}
	if tv.Type().Is(tftypes.String) {
		return h.jsonencoded(got)
	}
	kept, err := hclKeepForm(got, tv)
	if err != nil {
		return h.natural(got)
	}
	d, err := HCLDynamic(kept)
	if err != nil {
		return h.natural(got)
	}
	return d
}

// same compares two values as JSON, whatever their forms; null and
// unknown compare as themselves, and so do values that do not decode.
func (h hclVariant[T]) same(a, b types.Dynamic) bool {
	an, bn := a.IsNull() || a.IsUnderlyingValueNull(), b.IsNull() || b.IsUnderlyingValueNull()
	if an || bn {
		return an == bn
	}
	ad, err1 := h.decode(a)
	bd, err2 := h.decode(b)
	if err1 != nil || err2 != nil {
		return a.Equal(b)
	}
	return JSONEqual(ad, bd)
}

// validateForm is the validators' check of a configured value's form: it
// returns the decoded value and true when the value is known and of the
// variant's form; it reports a refused value, and passes a value with
// unknown parts after checking only its type (all that is known yet).
func (h hclVariant[T]) validateForm(req validator.DynamicRequest, resp *validator.DynamicResponse) (T, bool) {
	d, err := h.decode(req.ConfigValue)
	if errors.Is(err, ErrHCLObjectUnknown) {
		if req.ConfigValue.IsUnknown() || req.ConfigValue.IsUnderlyingValueUnknown() {
			return d, false
		}
		if tv, terr := req.ConfigValue.UnderlyingValue().ToTerraformValue(context.Background()); terr == nil {
			t := tv.Type()
			if !h.isForm(t) && !t.Is(tftypes.String) {
				resp.Diagnostics.AddAttributeError(req.Path, h.invalid,
					"Attribute "+req.Path.String()+" must be "+h.want+", not "+hclTypeName(t)+".")
			}
		}
		return d, false
	}
	if err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, h.invalid, "Attribute "+req.Path.String()+" "+err.Error()+".")
		return d, false
	}
	return d, true
}
