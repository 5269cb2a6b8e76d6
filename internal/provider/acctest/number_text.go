package acctest

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// DSS prints doubles Java-style (1.0, 1000000.0, 1.0E-23); Terraform
// prints the same numbers 1, 1000000, 0.00000000000000000000001. A write
// must send DSS's text back for every number it does not change. These
// helpers read and plant a document's exact text and compare it number by
// number.

// RawDocExact is RawDoc with every number as DSS wrote it (json.Number).
func RawDocExact(t *testing.T, path string) map[string]any {
	t.Helper()
	var raw json.RawMessage
	if err := Client(t).Get(Ctx(t), path, nil, &raw); err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	v, err := kit.DecodeJSONValue(string(raw))
	m, _ := v.(map[string]any)
	if err != nil || m == nil {
		t.Fatalf("reading %s: not a JSON object (%v): %s", path, err, raw)
	}
	return m
}

// EditRawDocExact is EditRawDoc keeping the text of every number edit
// does not set (EditRawDoc reads them as float64). A number planted as
// json.Number("1.0E-23") is sent as that text.
func EditRawDocExact(t *testing.T, path string, edit func(map[string]any)) {
	t.Helper()
	m := RawDocExact(t, path)
	edit(m)
	if err := Client(t).Put(Ctx(t), path, nil, m, nil); err != nil {
		t.Fatalf("writing %s: %v", path, err)
	}
}

// NumberTexts is every number of a decoded JSON value (RawDocExact) by
// its path ("params.ratio", "triggers[0].params.minDelay"), as its text.
func NumberTexts(v any) map[string]string {
	out := map[string]string{}
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch x := v.(type) {
		case json.Number:
			out[at] = string(x)
		case map[string]any:
			for k, e := range x {
				walk(e, strings.TrimPrefix(at+"."+k, "."))
			}
		case []any:
			for i, e := range x {
				walk(e, fmt.Sprintf("%s[%d]", at, i))
			}
		}
	}
	walk(v, "")
	return out
}

// NumberTextsAt watches the number text of one document: Take records
// it (in a step's PreConfig, after planting Java-style numbers), Kept
// checks after the step's update that every number recorded, but those
// at the paths changed, still has its text.
type NumberTextsAt struct {
	t      *testing.T
	read   func() any
	before map[string]string
}

// NumberTextsOf watches the document read gives (RawDocExact, or a part
// of it).
func NumberTextsOf(t *testing.T, read func() any) *NumberTextsAt {
	return &NumberTextsAt{t: t, read: read}
}

// Take records the text of every number of the document; it fails the
// test when there is none (nothing to watch).
func (n *NumberTextsAt) Take() {
	n.t.Helper()
	n.before = NumberTexts(n.read())
	if len(n.before) == 0 {
		n.t.Fatal("NumberTextsAt.Take: the document holds no number")
	}
}

// Kept is the check of the step that changed the paths changed (and
// nothing else the document numbers). A path changed also stands for
// everything under it ("versionTag", which DSS bumps on every write).
func (n *NumberTextsAt) Kept(changed ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		if n.before == nil {
			return fmt.Errorf("NumberTextsAt.Kept: Take was not called")
		}
		got := NumberTexts(n.read())
		var bad []string
		for _, k := range slices.Sorted(maps.Keys(n.before)) {
			if !under(k, changed) && got[k] != n.before[k] {
				bad = append(bad, fmt.Sprintf("%s: %q, DSS had %q", k, got[k], n.before[k]))
			}
		}
		if len(bad) > 0 {
			return fmt.Errorf("the write changed the text of numbers it did not change:\n  %s", strings.Join(bad, "\n  "))
		}
		return nil
	}
}

// under reports whether path is one of paths or inside one of them.
func under(path string, paths []string) bool {
	return slices.ContainsFunc(paths, func(p string) bool {
		return path == p || strings.HasPrefix(path, p+".") || strings.HasPrefix(path, p+"[")
	})
}
