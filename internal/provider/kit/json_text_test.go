package kit

import "testing"

// TestEncodeJSONTextLike: the text is indented as the text it replaces
// (two spaces, a tab, or on one line), and < > & stay as they are; the
// result decodes to the value encoded.
func TestEncodeJSONTextLike(t *testing.T) {
	v := map[string]any{"expr": "a < b && c > d", "n": []any{1}}
	for _, tc := range []struct{ like, want string }{
		{"{\n  \"x\": 1\n}", "{\n  \"expr\": \"a < b && c > d\",\n  \"n\": [\n    1\n  ]\n}"},
		{"{\n\t\"x\": 1\n}", "{\n\t\"expr\": \"a < b && c > d\",\n\t\"n\": [\n\t\t1\n\t]\n}"},
		{`{"x": 1}`, `{"expr":"a < b && c > d","n":[1]}`},
		{"", `{"expr":"a < b && c > d","n":[1]}`},
		{"{\n\"x\": 1}", `{"expr":"a < b && c > d","n":[1]}`},
	} {
		got, err := EncodeJSONTextLike(v, tc.like)
		if err != nil || got != tc.want {
			t.Errorf("like %q:\n%s\nwant\n%s (%v)", tc.like, got, tc.want, err)
			continue
		}
		back, err := DecodeJSONValue(got)
		if err != nil || !JSONEqual(back, v) {
			t.Errorf("like %q: %s decodes to %v (%v)", tc.like, got, back, err)
		}
	}
}
