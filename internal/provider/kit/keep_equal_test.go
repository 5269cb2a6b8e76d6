package kit_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// KeepEqual's contract, checked over generated pairs: the result is
// JSONEqual to the value written (what the configuration says), and
// wherever old and that value are JSONEqual, at the top or at any depth reached
// key by key and element by element, the result holds old's exact text
// (DSS's 1.0E-23, not Terraform's 0.00000000000000000000001).

// numberSpellings are the same numbers as DSS (Java) and Terraform print
// them; respell picks another spelling of the same value.
var numberSpellings = [][]string{
	{"1.0E-23", "0.00000000000000000000001", "1E-23"},
	{"1000.0", "1000", "1.0E3"},
	{"1.0E8", "100000000"},
	{"60.0", "60"},
	{"1.0E-4", "0.0001"},
	{"0.75", "0.750", "7.5E-1"},
	{"-2.0", "-2"},
	{"9007199254740993"},
	{"0", "0.0", "-0.0"},
}

type jsonGen struct{ r *rand.Rand }

func (g jsonGen) number() json.Number {
	s := numberSpellings[g.r.IntN(len(numberSpellings))]
	return json.Number(s[g.r.IntN(len(s))])
}

func (g jsonGen) value(depth int) any {
	n := 6
	if depth <= 0 {
		n = 4
	}
	switch g.r.IntN(n) {
	case 0:
		return g.number()
	case 1:
		return []string{"a", "1.0", "x y"}[g.r.IntN(3)]
	case 2:
		return g.r.IntN(2) == 0
	case 3:
		return nil
	case 4:
		m := map[string]any{}
		for i := range g.r.IntN(5) {
			m[fmt.Sprintf("k%d", i+g.r.IntN(2))] = g.value(depth - 1)
		}
		return m
	default:
		l := make([]any, g.r.IntN(4))
		for i := range l {
			l[i] = g.value(depth - 1)
		}
		return l
	}
}

// variant is v as a configuration could write it: mostly the same values
// with numbers respelled, some parts changed, keys added or removed,
// lists grown or shrunk.
func (g jsonGen) variant(v any, depth int) any {
	if g.r.IntN(8) == 0 {
		return g.value(depth) // a part changed whole
	}
	switch x := v.(type) {
	case json.Number:
		for _, s := range numberSpellings {
			for _, sp := range s {
				if sp == string(x) {
					return json.Number(s[g.r.IntN(len(s))])
				}
			}
		}
		return x
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			if g.r.IntN(10) == 0 {
				continue // removed
			}
			m[k] = g.variant(e, depth-1)
		}
		if g.r.IntN(6) == 0 {
			m["added"] = g.value(depth - 1)
		}
		return m
	case []any:
		l := make([]any, 0, len(x)+1)
		for _, e := range x {
			l = append(l, g.variant(e, depth-1))
		}
		switch g.r.IntN(8) {
		case 0:
			l = append(l, g.value(depth-1))
		case 1:
			if len(l) > 0 {
				l = l[1:]
			}
		}
		return l
	}
	return v
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkKeepEqual checks the contract on one pair.
func checkKeepEqual(t *testing.T, old, written any) {
	t.Helper()
	got := kit.KeepEqual(kit.DeepCopyJSON(old), written)
	if !kit.JSONEqual(got, written) {
		t.Fatalf("KeepEqual(%s, %s) = %s: not the value written", mustJSON(t, old), mustJSON(t, written), mustJSON(t, got))
	}
	var walk func(o, n, g any, at string)
	walk = func(o, n, g any, at string) {
		if kit.JSONEqual(o, n) {
			if !bytes.Equal(mustJSON(t, g), mustJSON(t, o)) {
				t.Fatalf("at %s of KeepEqual(%s, %s): %s, not DSS's text %s", at, mustJSON(t, old), mustJSON(t, written), mustJSON(t, g), mustJSON(t, o))
			}
			return
		}
		switch nv := n.(type) {
		case map[string]any:
			om, ok1 := o.(map[string]any)
			gm, ok2 := g.(map[string]any)
			if !ok1 || !ok2 || om == nil {
				return
			}
			for k := range nv {
				if _, had := om[k]; had {
					walk(om[k], nv[k], gm[k], at+"."+k)
				}
			}
		case []any:
			ol, ok1 := o.([]any)
			gl, ok2 := g.([]any)
			if ok1 && ok2 && ol != nil && len(ol) == len(nv) {
				for i := range nv {
					walk(ol[i], nv[i], gl[i], fmt.Sprintf("%s[%d]", at, i))
				}
			}
		}
	}
	walk(old, written, got, "$")
}

func TestKeepEqualProperties(t *testing.T) {
	g := jsonGen{rand.New(rand.NewPCG(1, 2))}
	for range 20000 {
		old := g.value(4)
		checkKeepEqual(t, old, g.variant(old, 4))
		checkKeepEqual(t, old, g.value(4)) // unrelated values
	}
}

// The cases of the audit, spelled out: a key changed beside keys DSS
// prints Java-style keeps their text; a removed key is gone; an equal
// value is old itself.
func TestKeepEqualExamples(t *testing.T) {
	dec := func(s string) any {
		v, err := kit.DecodeJSONValue(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct{ old, new, want string }{
		{`{"path":"/a","maxRowChars":1.0E8,"ratio":1.0E-4}`, `{"path":"/b","maxRowChars":100000000,"ratio":0.0001}`, `{"maxRowChars":1.0E8,"path":"/b","ratio":1.0E-4}`},
		{`{"a":1.0,"gone":60.0}`, `{"a":1}`, `{"a":1.0}`},
		{`{"a":1.0,"b":2.0}`, `{"a":1,"b":3}`, `{"a":1.0,"b":3}`},
		{`[1.0,{"x":1.0E-23,"y":1}]`, `[1,{"x":0.00000000000000000000001,"y":2}]`, `[1.0,{"x":1.0E-23,"y":2}]`},
		{`[1.0,2.0]`, `[1,2,3]`, `[1,2,3]`},
		{`{"a":null}`, `{"a":{}}`, `{"a":{}}`},
		{`{"a":{}}`, `{"a":null}`, `{"a":null}`},
		{`1000.0`, `1000`, `1000.0`},
		{`"1.0"`, `1`, `1`},
	} {
		got := mustJSON(t, kit.KeepEqual(dec(c.old), dec(c.new)))
		if string(got) != c.want {
			t.Errorf("KeepEqual(%s, %s) = %s, want %s", c.old, c.new, got, c.want)
		}
	}
	dst := map[string]any{"epsilon": json.Number("1.0E-9"), "scale": json.Number("1000.0"), "keep": "x"}
	kit.MergeKeepingEqual(dst, map[string]any{"epsilon": json.Number("0.000000001"), "scale": json.Number("10"), "new": json.Number("1")})
	if got := string(mustJSON(t, dst)); got != `{"epsilon":1.0E-9,"keep":"x","new":1,"scale":10}` {
		t.Errorf("MergeKeepingEqual: %s", got)
	}
}

// FuzzKeepEqual checks the contract on any two JSON texts.
func FuzzKeepEqual(f *testing.F) {
	f.Add(`{"a":1.0E-23,"b":[1.0,2]}`, `{"a":0.00000000000000000000001,"b":[1,3]}`)
	f.Add(`[1000.0]`, `[1000,1]`)
	f.Add(`{"x":{"y":60.0}}`, `{"x":{"y":60,"z":null}}`)
	f.Fuzz(func(t *testing.T, a, b string) {
		old, err1 := kit.DecodeJSONValue(a)
		written, err2 := kit.DecodeJSONValue(b)
		if err1 != nil || err2 != nil {
			return
		}
		checkKeepEqual(t, old, written)
	})
}

// FreeObjectToDSS (the deployer's infrastructure and published project
// settings): a key DSS holds with the same value stays DSS's bytes; a
// changed one keeps DSS's text of its unchanged parts.
func TestFreeObjectToDSSKeepsDSSText(t *testing.T) {
	extra := dss.Extra{
		"timeout": json.RawMessage(`60.0`),
		"limits":  json.RawMessage(`{ "ratio": 1.0E-4, "label": "a" }`),
		"other":   json.RawMessage(`1000.0`),
	}
	v := kit.HCLObjectValue(map[string]any{
		"timeout": json.Number("60"),
		"limits":  map[string]any{"ratio": json.Number("0.0001"), "label": "b"},
		"added":   json.Number("1"),
	})
	if err := kit.FreeObjectToDSS(v, &extra); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{"timeout": `60.0`, "limits": `{"label":"b","ratio":1.0E-4}`, "other": `1000.0`, "added": `1`} {
		if got := string(extra[k]); got != want {
			t.Errorf("%s: %s, want %s", k, got, want)
		}
	}
}
