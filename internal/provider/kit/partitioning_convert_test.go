package kit_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// A "value" dimension switched from "time" in DSS keeps its old
// params.period (a leftover). It reads without a period, so the value read
// passes ValidatePartitioning (adoption writes it as the configuration),
// and writing that value back leaves DSS's document byte for byte as it
// was: the leftover and the other params included. A "time" dimension's
// period is still read and written.
func TestPartitioningValueDimensionLeftoverPeriod(t *testing.T) {
	ctx := context.Background()
	const fromDSS = `{"filePathPattern":"%{country}/%Y/.*","dimensions":[` +
		`{"name":"country","type":"value","params":{"period":"DAY","futureKey":1}},` +
		`{"name":"day","type":"time","params":{"period":"MONTH"}}],"ignoreNonMatchingFile":false}`
	p, v := readPartitioning(t, fromDSS)
	dims := v.Attributes()["dimensions"].(types.List).Elements()
	if got := dims[0].(types.Object).Attributes()["period"]; !got.IsNull() {
		t.Errorf("the value dimension's leftover period was read: %v", got)
	}
	if got := dims[1].(types.Object).Attributes()["period"]; !got.Equal(types.StringValue("MONTH")) {
		t.Errorf("the time dimension's period: %v", got)
	}
	expectAdoptable(t, v)

	// Written back unchanged: DSS's document stays as it was.
	expectWrittenBackAsIs(t, v, &p, fromDSS)

	// A period set on the time dimension is written; the value
	// dimension's params are still left alone.
	changed := kit.ApplyPartitioning(ctx, withPeriod(t, v, 1, "YEAR"), &p)
	if changed.HasError() {
		t.Fatal(changed)
	}
	if p.Dimensions[1].Params.Period != "YEAR" || p.Dimensions[0].Params == nil || p.Dimensions[0].Params.Period != "DAY" {
		t.Errorf("after setting the time dimension's period: %+v %+v", p.Dimensions[0].Params, p.Dimensions[1].Params)
	}
}

// readPartitioning is DSS's partitioning fromDSS and the value the kit
// reads from it.
func readPartitioning(t *testing.T, fromDSS string) (*dss.Partitioning, types.Object) {
	t.Helper()
	var p *dss.Partitioning
	if err := json.Unmarshal([]byte(fromDSS), &p); err != nil {
		t.Fatal(err)
	}
	v, diags := kit.PartitioningValue(context.Background(), p, types.ObjectNull(kit.PartitioningAttrTypes))
	if diags.HasError() {
		t.Fatal(diags)
	}
	return p, v
}

// expectAdoptable reports a value read that fails ValidatePartitioning:
// adoption writes it as the configuration.
func expectAdoptable(t *testing.T, v types.Object) {
	t.Helper()
	var vd diag.Diagnostics
	kit.ValidatePartitioning(context.Background(), path.Root("partitioning"), v, &vd)
	if vd.HasError() {
		t.Errorf("the value read fails validation, so no configuration can adopt it: %v", vd)
	}
}

// expectWrittenBackAsIs writes v back over *p and reports any change to
// DSS's document fromDSS.
func expectWrittenBackAsIs(t *testing.T, v types.Object, p **dss.Partitioning, fromDSS string) {
	t.Helper()
	if diags := kit.ApplyPartitioning(context.Background(), v, p); diags.HasError() {
		t.Fatal(diags)
	}
	out, err := json.Marshal(*p)
	if err != nil {
		t.Fatal(err)
	}
	if !kit.JSONEqual(decode(t, string(out)), decode(t, fromDSS)) {
		t.Errorf("the write changed DSS's partitioning:\n got %s\nwant %s", out, fromDSS)
	}
}

func decode(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// withPeriod is v with the period of dimension i set ("": null).
func withPeriod(t *testing.T, v types.Object, i int, period string) types.Object {
	t.Helper()
	attrs := v.Attributes()
	list := attrs["dimensions"].(types.List)
	elems := list.Elements()
	dim := elems[i].(types.Object)
	da := dim.Attributes()
	da["period"] = types.StringValue(period)
	if period == "" {
		da["period"] = types.StringNull()
	}
	elems[i] = types.ObjectValueMust(dim.AttributeTypes(context.Background()), da)
	attrs["dimensions"] = types.ListValueMust(list.ElementType(context.Background()), elems)
	return types.ObjectValueMust(v.AttributeTypes(context.Background()), attrs)
}

// A "time" dimension without params.period (real documents hold them, with
// no params or params without a period) reads with a null period, which
// passes ValidatePartitioning, and writing that value back leaves DSS's
// document as it was. A null period written over a time dimension that has
// one removes the period and keeps its other params: null is "none" there,
// as the read says.
func TestPartitioningTimeDimensionWithoutPeriod(t *testing.T) {
	ctx := context.Background()
	const fromDSS = `{"dimensions":[{"name":"day","type":"time"},{"name":"hour","type":"time","params":{"futureKey":1}},` +
		`{"name":"month","type":"time","params":{"period":"MONTH","futureKey":2}}]}`
	p, v := readPartitioning(t, fromDSS)
	dims := v.Attributes()["dimensions"].(types.List).Elements()
	for i := range 2 {
		if got := dims[i].(types.Object).Attributes()["period"]; !got.IsNull() {
			t.Errorf("dimension %d read a period: %v", i, got)
		}
	}
	expectAdoptable(t, v)
	expectWrittenBackAsIs(t, v, &p, fromDSS)

	if diags := kit.ApplyPartitioning(ctx, withPeriod(t, v, 2, ""), &p); diags.HasError() {
		t.Fatal(diags)
	}
	out, _ := json.Marshal(p.Dimensions[2])
	if want := `{"name":"month","type":"time","params":{"futureKey":2}}`; !kit.JSONEqual(decode(t, string(out)), decode(t, want)) {
		t.Errorf("a null period over DSS's MONTH: %s, want %s", out, want)
	}
}
