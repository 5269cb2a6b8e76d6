package kit_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Helpers building Terraform values as the configuration gives them.

func tfStr(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func tfNum(t *testing.T, s string) tftypes.Value {
	t.Helper()
	v, err := kit.HCLNumber(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func tfObj(fields map[string]tftypes.Value) tftypes.Value {
	tys := map[string]tftypes.Type{}
	for k, v := range fields {
		tys[k] = v.Type()
	}
	return tftypes.NewValue(tftypes.Object{AttributeTypes: tys}, fields)
}

func tfTuple(elems ...tftypes.Value) tftypes.Value {
	tys := make([]tftypes.Type, len(elems))
	for i, e := range elems {
		tys[i] = e.Type()
	}
	return tftypes.NewValue(tftypes.Tuple{ElementTypes: tys}, elems)
}

func tfDyn(t *testing.T, tv tftypes.Value) types.Dynamic {
	t.Helper()
	d, err := kit.HCLDynamic(tv)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestHCLObjectDecode(t *testing.T) {
	ctx := context.Background()
	_ = ctx
	obj := tfObj(map[string]tftypes.Value{
		"path":  tfStr("/x"),
		"n":     tfNum(t, "10"),
		"f":     tfNum(t, "0.1"),
		"big":   tfNum(t, "12345678901234567890123"),
		"tiny":  tfNum(t, "1e-23"),
		"none":  tftypes.NewValue(tftypes.DynamicPseudoType, nil),
		"empty": tfObj(map[string]tftypes.Value{}),
		"list":  tfTuple(tfNum(t, "1"), tfStr("a"), tfTuple(tftypes.NewValue(tftypes.Bool, true))),
		"map":   tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{"k": tfStr("v")}),
		"set":   tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tfStr("s")}),
	})
	got, err := kit.HCLObjectDecode(tfDyn(t, obj))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(got)
	want := `{"big":12345678901234567890123,"empty":{},"f":0.1,"list":[1,"a",[true]],"map":{"k":"v"},"n":10,"none":null,"path":"/x","set":["s"],"tiny":0.00000000000000000000001}`
	if string(b) != want {
		t.Errorf("decode:\n got %s\nwant %s", b, want)
	}

	// The jsonencode form reads as the object it encodes.
	got, err = kit.HCLObjectDecode(types.DynamicValue(types.StringValue(`{"path":"/x","n":1.5}`)))
	if err != nil || !kit.JSONEqual(got, map[string]any{"path": "/x", "n": json.Number("1.5")}) {
		t.Errorf("jsonencode form: %v, %v", got, err)
	}
	// A map written with tomap.
	got, err = kit.HCLObjectDecode(tfDyn(t, tftypes.NewValue(tftypes.Map{ElementType: tftypes.Number}, map[string]tftypes.Value{"a": tfNum(t, "2")})))
	if err != nil || !kit.JSONEqual(got, map[string]any{"a": 2}) {
		t.Errorf("map form: %v, %v", got, err)
	}
	// An empty object is an empty object, not null.
	if got, err = kit.HCLObjectDecode(tfDyn(t, tfObj(map[string]tftypes.Value{}))); err != nil || got == nil || len(got) != 0 {
		t.Errorf("empty object: %#v, %v", got, err)
	}
	// Null and unknown.
	if got, err = kit.HCLObjectDecode(types.DynamicNull()); got != nil || err != nil {
		t.Errorf("null: %v, %v", got, err)
	}
	if _, err = kit.HCLObjectDecode(types.DynamicUnknown()); !errors.Is(err, kit.ErrHCLObjectUnknown) {
		t.Errorf("unknown: %v", err)
	}
	partly := tfObj(map[string]tftypes.Value{"a": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)})
	if _, err = kit.HCLObjectDecode(tfDyn(t, partly)); !errors.Is(err, kit.ErrHCLObjectUnknown) {
		t.Errorf("partly unknown: %v", err)
	}

	for name, tc := range map[string]struct {
		v    types.Dynamic
		want string
	}{
		"list":         {tfDyn(t, tfTuple(tfStr("a"))), "not a list"},
		"number":       {tfDyn(t, tfNum(t, "3")), "not a number"},
		"json array":   {types.DynamicValue(types.StringValue(`["a"]`)), "a string must hold a JSON object"},
		"invalid json": {types.DynamicValue(types.StringValue(`/x`)), "not valid JSON"},
		"trailing":     {types.DynamicValue(types.StringValue(`{} {}`)), "unexpected data"},
	} {
		if _, err := kit.HCLObjectDecode(tc.v); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", name, err, tc.want)
		}
	}
}

// A value DSS holds unchanged is the prior value exactly, type and all;
// only what changed is rebuilt.
func TestHCLObjectKeepForm(t *testing.T) {
	list := tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tfStr("a"), tfStr("b")})
	prior := tfDyn(t, tfObj(map[string]tftypes.Value{
		"n":     tfNum(t, "1"),
		"l":     list,
		"z":     tftypes.NewValue(tftypes.DynamicPseudoType, nil),
		"e":     tfObj(map[string]tftypes.Value{}),
		"s":     tfStr("x"),
		"deep":  tfObj(map[string]tftypes.Value{"a": tfTuple(tfNum(t, "0.5"), tfObj(map[string]tftypes.Value{}))}),
		"tomap": tftypes.NewValue(tftypes.Map{ElementType: tftypes.Number}, map[string]tftypes.Value{"k": tfNum(t, "3")}),
	}))
	// DSS writes doubles Java-style and keys in its own order.
	same := acctest.JSONOf(t, `{"deep":{"a":[0.50,{}]},"e":{},"l":["a","b"],"n":1.0,"s":"x","tomap":{"k":3.0},"z":null}`)
	if got := kit.HCLObjectKeepForm(same, prior); !got.Equal(prior) {
		t.Errorf("unchanged value rebuilt:\n got %s\nwant %s", got, prior)
	}

	// One key drifted: the others keep their form (the list stays a list).
	drift := acctest.JSONOf(t, `{"deep":{"a":[0.5,{}]},"e":{},"l":["a","b"],"n":2,"s":"x","tomap":{"k":3},"z":null}`)
	got := kit.HCLObjectKeepForm(drift, prior)
	if got.Equal(prior) {
		t.Fatal("a drifted value kept the prior")
	}
	tv, err := got.UnderlyingValue().ToTerraformValue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]tftypes.Value
	if err := tv.As(&fields); err != nil {
		t.Fatal(err)
	}
	if !fields["l"].Equal(list) {
		t.Errorf("l lost its form: %s", fields["l"])
	}
	if !fields["tomap"].Type().Is(tftypes.Map{}) {
		t.Errorf("tomap lost its form: %s", fields["tomap"].Type())
	}
	var n big.Float
	if err := fields["n"].As(&n); err != nil || n.Cmp(big.NewFloat(2)) != 0 {
		t.Errorf("n = %s, %v; want 2", n.String(), err)
	}
	if m, _ := kit.HCLObjectDecode(got); !kit.JSONEqual(m, drift) {
		t.Errorf("drifted state %v, want %v", m, drift)
	}

	// A list whose length changed is rebuilt as a tuple.
	grown := acctest.JSONOf(t, `{"l":["a","b","c"]}`)
	got = kit.HCLObjectKeepForm(grown, prior)
	if m, _ := kit.HCLObjectDecode(got); !kit.JSONEqual(m, grown) {
		t.Errorf("grown list: %v", m)
	}

	// The jsonencode form stays a string: the same text when unchanged,
	// DSS's JSON (sorted keys) when not.
	text := types.DynamicValue(types.StringValue(`{ "b": 1.0, "a": "x" }`))
	if got := kit.HCLObjectKeepForm(acctest.JSONOf(t, `{"a":"x","b":1}`), text); !got.Equal(text) {
		t.Errorf("jsonencode form not kept: %s", got)
	}
	got = kit.HCLObjectKeepForm(acctest.JSONOf(t, `{"a":"y","b":1}`), text)
	if want := types.DynamicValue(types.StringValue(`{"a":"y","b":1}`)); !got.Equal(want) {
		t.Errorf("jsonencode form after drift: %s, want %s", got, want)
	}

	// Nothing prior: the natural form. Nothing from DSS: null.
	got = kit.HCLObjectKeepForm(acctest.JSONOf(t, `{"a":[1,{"b":null}]}`), types.DynamicNull())
	want := tfDyn(t, tfObj(map[string]tftypes.Value{"a": tfTuple(tfNum(t, "1"),
		tfObj(map[string]tftypes.Value{"b": tftypes.NewValue(tftypes.DynamicPseudoType, nil)}))}))
	if !got.Equal(want) {
		t.Errorf("natural form:\n got %s\nwant %s", got, want)
	}
	if got := kit.HCLObjectKeepForm(nil, prior); !got.IsNull() {
		t.Errorf("nil object: %s", got)
	}
}

// The subset rule: DSS's extra keys never reach the state; a written key
// DSS dropped or changed does.
func TestHCLObjectSubset(t *testing.T) {
	prior := tfDyn(t, tfObj(map[string]tftypes.Value{"path": tfStr("/x"), "opts": tfObj(map[string]tftypes.Value{"a": tfNum(t, "1")})}))
	fromDSS := acctest.JSONOf(t, `{"path":"/x","opts":{"a":1},"filesSelectionRules":{"mode":"ALL"},"notReadyIfEmpty":false}`)
	if got := kit.HCLObjectSubset(fromDSS, prior); !got.Equal(prior) {
		t.Errorf("DSS's extra keys made a change: %s", got)
	}
	// A nested object is compared whole.
	fromDSS = acctest.JSONOf(t, `{"path":"/x","opts":{"a":1,"b":2}}`)
	if m, _ := kit.HCLObjectDecode(kit.HCLObjectSubset(fromDSS, prior)); !kit.JSONEqual(m, fromDSS) {
		t.Errorf("nested drift: %v", m)
	}
	// A written key DSS dropped.
	fromDSS = acctest.JSONOf(t, `{"opts":{"a":1}}`)
	if m, _ := kit.HCLObjectDecode(kit.HCLObjectSubset(fromDSS, prior)); !kit.JSONEqual(m, fromDSS) {
		t.Errorf("dropped key: %v", m)
	}
	if got := kit.HCLObjectSubset(fromDSS, types.DynamicNull()); !got.IsNull() {
		t.Errorf("nothing written: %s", got)
	}
}

func TestHCLObjectKeysPlan(t *testing.T) {
	ctx := context.Background()
	object := tfDyn(t, tfObj(map[string]tftypes.Value{"path": tfStr("/x")}))
	for name, tc := range map[string]struct {
		config, state types.Dynamic
		wantState     bool
	}{
		"import: whole object in state":   {object, types.DynamicValue(types.StringValue(`{"path":"/x","other":1}`)), true},
		"jsonencode state, object config": {object, types.DynamicValue(types.StringValue(`{"path":"/x"}`)), true},
		"object state, jsonencode config": {types.DynamicValue(types.StringValue(`{"path":"/x"}`)), object, true},
		"changed key":                     {object, types.DynamicValue(types.StringValue(`{"path":"/y"}`)), false},
		"new key":                         {tfDyn(t, tfObj(map[string]tftypes.Value{"path": tfStr("/x"), "b": tfStr("")})), object, false},
		"not managed":                     {types.DynamicNull(), object, true},
		"create":                          {object, types.DynamicNull(), false},
	} {
		req := planmodifier.DynamicRequest{ConfigValue: tc.config, StateValue: tc.state, PlanValue: types.DynamicUnknown()}
		resp := planmodifier.DynamicResponse{PlanValue: req.PlanValue}
		kit.HCLObjectKeysPlan.PlanModifyDynamic(ctx, req, &resp)
		want := tc.config
		if tc.wantState {
			want = tc.state
		}
		if !resp.PlanValue.Equal(want) {
			t.Errorf("%s: plan %s, want %s", name, resp.PlanValue, want)
		}
	}
	// A configuration known only at apply stays unknown.
	req := planmodifier.DynamicRequest{ConfigValue: types.DynamicUnknown(), StateValue: object, PlanValue: types.DynamicUnknown()}
	resp := planmodifier.DynamicResponse{PlanValue: req.PlanValue}
	kit.HCLObjectKeysPlan.PlanModifyDynamic(ctx, req, &resp)
	if !resp.PlanValue.IsUnknown() {
		t.Errorf("unknown config planned %s", resp.PlanValue)
	}
}

func TestHCLObjectValidator(t *testing.T) {
	ctx := context.Background()
	v := kit.HCLObjectWithout(func(k string) bool { return k == "connection" }, "set the connection with connection_name")
	for name, tc := range map[string]struct {
		value types.Dynamic
		want  string // "" for no error
	}{
		"object":         {tfDyn(t, tfObj(map[string]tftypes.Value{"path": tfStr("/x")})), ""},
		"jsonencode":     {types.DynamicValue(types.StringValue(`{"path":"/x"}`)), ""},
		"null":           {types.DynamicNull(), ""},
		"unknown":        {types.DynamicUnknown(), ""},
		"partly unknown": {tfDyn(t, tfObj(map[string]tftypes.Value{"a": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)})), ""},
		"unknown list":   {tfDyn(t, tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, tftypes.UnknownValue)})), "not a list"},
		"number":         {tfDyn(t, tfNum(t, "1")), "must be an object"},
		"plain string":   {types.DynamicValue(types.StringValue("/x")), "not valid JSON"},
		"forbidden key":  {tfDyn(t, tfObj(map[string]tftypes.Value{"connection": tfStr("c")})), `must not contain "connection": set the connection`},
		"forbidden json": {types.DynamicValue(types.StringValue(`{"connection":"c"}`)), `must not contain "connection"`},
	} {
		req := validator.DynamicRequest{Path: path.Root("params"), ConfigValue: tc.value}
		var resp validator.DynamicResponse
		v.ValidateDynamic(ctx, req, &resp)
		switch {
		case tc.want == "" && resp.Diagnostics.HasError():
			t.Errorf("%s: unexpected error %v", name, resp.Diagnostics)
		case tc.want != "" && (!resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), tc.want)):
			t.Errorf("%s: diagnostics %v, want an error containing %q", name, resp.Diagnostics, tc.want)
		}
	}
}

func TestHCLObjectUpgradeJSON(t *testing.T) {
	raw := []byte(`{"id":"P.d","params":"{\"path\":\"/x\"}","format_params":null,"tags":["a"]}`)
	b, err := kit.HCLObjectUpgradeJSON(raw, "params", "format_params", "absent")
	if err != nil {
		t.Fatal(err)
	}
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"id": tftypes.String, "params": tftypes.DynamicPseudoType, "format_params": tftypes.DynamicPseudoType,
		"tags": tftypes.List{ElementType: tftypes.String},
	}}
	v, err := tftypes.ValueFromJSONWithOpts(b, typ, tftypes.ValueFromJSONOpts{})
	if err != nil {
		t.Fatalf("upgraded state %s does not read: %v", b, err)
	}
	var fields map[string]tftypes.Value
	if err := v.As(&fields); err != nil {
		t.Fatal(err)
	}
	if want := tfStr(`{"path":"/x"}`); !fields["params"].Equal(want) {
		t.Errorf("params = %s, want %s", fields["params"], want)
	}
	if !fields["format_params"].IsNull() {
		t.Errorf("format_params = %s, want null", fields["format_params"])
	}
	if _, err := kit.HCLObjectUpgradeJSON([]byte(`{"params":3}`), "params"); err == nil {
		t.Error("a number where JSON text was expected upgraded")
	}
}

func TestHCLObjectSameAndKeepPlanned(t *testing.T) {
	object := tfDyn(t, tfObj(map[string]tftypes.Value{"a": tfNum(t, "1"), "b": tfTuple(tfStr("x"))}))
	text := types.DynamicValue(types.StringValue(`{"b":["x"],"a":1.0}`))
	if !kit.HCLObjectSame(object, text) || !kit.HCLObjectSame(types.DynamicNull(), types.DynamicNull()) {
		t.Error("same JSON in two forms compared different")
	}
	if kit.HCLObjectSame(object, types.DynamicValue(types.StringValue(`{"a":1}`))) || kit.HCLObjectSame(object, types.DynamicNull()) {
		t.Error("different JSON compared same")
	}

	// The plan held the prior state's extra key; DSS holds what was written.
	planned := types.DynamicValue(types.StringValue(`{"a":1,"b":["x"],"extra":true}`))
	got := kit.HCLObjectValue(acctest.JSONOf(t, `{"a":1,"b":["x"]}`))
	kit.HCLObjectKeepPlanned(&got, planned, object)
	if !got.Equal(planned) {
		t.Errorf("kept %s, want the plan %s", got, planned)
	}
	// A plan with a part known only at apply (a value from another
	// resource) is never kept: the state must be known.
	partly := tfDyn(t, tfObj(map[string]tftypes.Value{"a": tftypes.NewValue(tftypes.Number, tftypes.UnknownValue), "b": tfTuple(tfStr("x"))}))
	got = kit.HCLObjectValue(acctest.JSONOf(t, `{"a":1,"b":["x"]}`))
	kit.HCLObjectKeepPlanned(&got, partly, object)
	if !kit.HCLFullyKnown(got) || !kit.HCLObjectSame(got, object) {
		t.Errorf("kept %s from a plan with unknown parts", got)
	}
	// DSS did not keep a written key: what DSS holds stays, to show it.
	got = kit.HCLObjectValue(acctest.JSONOf(t, `{"a":2,"b":["x"]}`))
	kit.HCLObjectKeepPlanned(&got, planned, object)
	if got.Equal(planned) {
		t.Error("a key DSS did not keep was hidden by the plan")
	}
}

// The two schema helpers give what the file's rules promise.
func TestHCLObjectAttributes(t *testing.T) {
	a := kit.HCLObjectAttribute("Params.")
	if !a.Optional || !a.Computed || a.MarkdownDescription != "Params." || len(a.Validators) != 1 || len(a.PlanModifiers) != 1 {
		t.Errorf("resource attribute: %+v", a)
	}
	d := kit.HCLObjectDataSourceAttribute("Params.")
	if !d.Computed || d.Optional || d.MarkdownDescription != "Params." {
		t.Errorf("data-source attribute: %+v", d)
	}
	if kit.HCLObjectStateUpgrader("params").StateUpgrader == nil {
		t.Error("no upgrade function")
	}
}

// The list variant: decode, keep form and plan.
func TestHCLList(t *testing.T) {
	entry := tfObj(map[string]tftypes.Value{"group": tfStr("g"), "read": tftypes.NewValue(tftypes.Bool, true), "n": tfNum(t, "1")})
	tuple := tfDyn(t, tfTuple(entry))
	text := types.DynamicValue(types.StringValue(`[{"group":"g","read":true,"n":1}]`))
	for name, v := range map[string]types.Dynamic{"tuple": tuple, "text": text} {
		l, err := kit.HCLListDecode(v)
		if err != nil || len(l) != 1 || !kit.JSONEqual(l[0], map[string]any{"group": "g", "read": true, "n": 1}) {
			t.Errorf("%s: decoded %v, %v", name, l, err)
		}
	}
	if l, err := kit.HCLListDecode(types.DynamicNull()); l != nil || err != nil {
		t.Errorf("null: %v, %v", l, err)
	}
	if l, err := kit.HCLListDecode(tfDyn(t, tfTuple())); err != nil || l == nil || len(l) != 0 {
		t.Errorf("empty tuple: %v, %v", l, err)
	}
	for name, v := range map[string]types.Dynamic{
		"object":      tfDyn(t, entry),
		"text object": types.DynamicValue(types.StringValue(`{"a":1}`)),
		"not JSON":    types.DynamicValue(types.StringValue(`[{`)),
		"string elem": tfDyn(t, tfTuple(tfStr("g"))),
	} {
		if _, err := kit.HCLListDecode(v); err == nil || !strings.Contains(err.Error(), "must be a list of objects") {
			t.Errorf("%s: %v", name, err)
		}
	}

	// DSS's list unchanged (1.0 for 1, keys in its order): the prior, in
	// its form, string or tuple.
	var same []any
	if err := json.Unmarshal([]byte(`[{"n":1.0,"read":true,"group":"g"}]`), &same); err != nil {
		t.Fatal(err)
	}
	for name, prior := range map[string]types.Dynamic{"tuple": tuple, "text": text} {
		if got := kit.HCLListKeepForm(same, prior); !got.Equal(prior) {
			t.Errorf("%s: unchanged list rebuilt: %s", name, got)
		}
	}
	// Changed in DSS: the string stays a string, the tuple a tuple.
	changed := []any{map[string]any{"group": "h"}}
	if got, ok := kit.HCLListKeepForm(changed, text).UnderlyingValue().(types.String); !ok || got.ValueString() != `[{"group":"h"}]` {
		t.Errorf("text prior: %v", got)
	}
	if got := kit.HCLListKeepForm(changed, tuple); !kit.HCLListSame(got, tfDyn(t, tfTuple(tfObj(map[string]tftypes.Value{"group": tfStr("h")})))) {
		t.Errorf("tuple prior: %s", got)
	}
	if !kit.HCLListSame(tuple, text) || kit.HCLListSame(tuple, kit.HCLListKeepForm(changed, tuple)) {
		t.Error("hclListSame")
	}
}
