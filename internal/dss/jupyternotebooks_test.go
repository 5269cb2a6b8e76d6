package dss

import (
	"encoding/json"
	"testing"
)

// A notebook's content keeps its numbers' exact text and every key
// through a decode and an encode, so that a read-modify-write changes
// only what the caller changed.
func TestJupyterNotebookContentRoundTrip(t *testing.T) {
	in := `{"cells":[{"cell_type":"code","execution_count":12345678901234567890,"outputs":[],"source":["x = 1.50\n"]}],"metadata":{"createdOn":1733480000123,"creator":"bob","x":{"y":[1,2.0]}},"nbformat":4,"nbformat_minor":5}`
	var n JupyterNotebookContent
	if err := json.Unmarshal([]byte(in), &n); err != nil {
		t.Fatal(err)
	}
	if _, ok := n["nbformat"].(json.Number); !ok {
		t.Fatalf("nbformat decoded as %T, want json.Number", n["nbformat"])
	}
	out, err := json.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Fatalf("round trip:\n%s\nwant\n%s", out, in)
	}
}
