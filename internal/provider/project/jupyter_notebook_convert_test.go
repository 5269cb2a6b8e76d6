package project

import (
	"encoding/json"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

func testNotebookJSON(t *testing.T, text string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(text), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// What a notebook's comparison leaves out (outputs, execution counts,
// DSS's and the kernel's metadata), what it tolerates (keys DSS adds, a
// source as lines), and what it shows (a source, a type, a managed
// metadata key, a cell added or removed).
func TestNotebookHolds(t *testing.T) {
	written := `{"nbformat":4,"metadata":{"kernelspec":{"name":"python3"}},"cells":[
		{"cell_type":"markdown","source":"# T","metadata":{}},
		{"cell_type":"code","source":"a = 1\nprint(a)","metadata":{},"outputs":[],"execution_count":null}]}`
	for _, c := range []struct {
		name, held string
		holds      bool
	}{
		{"as written", written, true},
		{"run, stamped, with ids and the editor's metadata", `{"nbformat":4,"nbformat_minor":5,
			"metadata":{"kernelspec":{"name":"python3","display_name":"Python 3"},"creator":"bob","createdOn":1,"modifiedBy":"bob","language_info":{"version":"3.11"}},
			"cells":[{"id":"x1","cell_type":"markdown","source":["# T"],"metadata":{"editable":true}},
			{"id":"x2","cell_type":"code","source":["a = 1\n","print(a)"],"metadata":{"scrolled":true},"outputs":[{"output_type":"stream","text":"1"}],"execution_count":4}]}`, true},
		{"a source edited", `{"nbformat":4,"metadata":{"kernelspec":{"name":"python3"}},"cells":[
			{"cell_type":"markdown","source":"# T","metadata":{}},{"cell_type":"code","source":"a = 2","metadata":{}}]}`, false},
		{"a cell's type changed", `{"nbformat":4,"metadata":{"kernelspec":{"name":"python3"}},"cells":[
			{"cell_type":"raw","source":"# T","metadata":{}},{"cell_type":"code","source":"a = 1\nprint(a)","metadata":{}}]}`, false},
		{"another kernel", `{"nbformat":4,"metadata":{"kernelspec":{"name":"ir"}},"cells":[
			{"cell_type":"markdown","source":"# T","metadata":{}},{"cell_type":"code","source":"a = 1\nprint(a)","metadata":{}}]}`, false},
		{"a cell added", `{"nbformat":4,"metadata":{"kernelspec":{"name":"python3"}},"cells":[
			{"cell_type":"markdown","source":"# T","metadata":{}},{"cell_type":"code","source":"a = 1\nprint(a)","metadata":{}},{"cell_type":"code","source":"","metadata":{}}]}`, false},
		{"a cell removed", `{"nbformat":4,"metadata":{"kernelspec":{"name":"python3"}},"cells":[{"cell_type":"markdown","source":"# T","metadata":{}}]}`, false},
	} {
		if got := notebookHolds(testNotebookJSON(t, written), testNotebookJSON(t, c.held)); got != c.holds {
			t.Errorf("%s: holds %v, want %v", c.name, got, c.holds)
		}
	}
}

// The merge keeps what DSS holds beyond the configuration, keeps an
// unchanged cell's outputs and id, writes a changed cell as configured,
// and follows the configuration's number of cells.
func TestNotebookMerged(t *testing.T) {
	held := testNotebookJSON(t, `{"nbformat":4,"metadata":{"kernelspec":{"name":"python3"},"creator":"bob","extra":1},"dss":"kept",
		"cells":[{"id":"a","cell_type":"code","source":["x = 1"],"metadata":{"scrolled":true},"outputs":[{"output_type":"stream","text":"1"}],"execution_count":3},
		{"id":"b","cell_type":"code","source":"y = 1","metadata":{},"outputs":[{"output_type":"stream","text":"2"}],"execution_count":4},
		{"id":"c","cell_type":"markdown","source":"gone","metadata":{}}]}`)
	written := testNotebookJSON(t, `{"nbformat":4,"metadata":{"kernelspec":{"name":"python3","display_name":"Python 3"}},
		"cells":[{"cell_type":"code","source":"x = 1","metadata":{},"outputs":[],"execution_count":null},
		{"cell_type":"code","source":"y = 2","metadata":{},"outputs":[],"execution_count":null}]}`)
	got := notebookMerged(held, written)
	want := testNotebookJSON(t, `{"nbformat":4,"metadata":{"kernelspec":{"name":"python3","display_name":"Python 3"},"creator":"bob","extra":1},"dss":"kept",
		"cells":[{"id":"a","cell_type":"code","source":"x = 1","metadata":{"scrolled":true},"outputs":[{"output_type":"stream","text":"1"}],"execution_count":3},
		{"cell_type":"code","source":"y = 2","metadata":{},"outputs":[],"execution_count":null}]}`)
	if !kit.JSONEqual(got, want) {
		g, _ := json.Marshal(got)
		t.Fatalf("merged:\n%s", g)
	}
	if !notebookHolds(written, got) {
		t.Fatal("the merged notebook does not hold what was written")
	}
	// No cells written: DSS's stay.
	if cells := notebookMerged(held, testNotebookJSON(t, `{"nbformat":4}`))["cells"].([]any); len(cells) != 3 {
		t.Fatalf("cells after a write without cells: %v", cells)
	}
}

// An import reads DSS's notebook without what is not managed, a code
// cell with nbformat's empty outputs, and holds it.
func TestNotebookImported(t *testing.T) {
	held := testNotebookJSON(t, `{"metadata":{"kernelspec":{"name":"python3"},"creator":"bob","modifiedBy":"bob","createdOn":1,"language_info":{}},
		"cells":[{"cell_type":"code","source":"x","outputs":[{"text":"1"}],"execution_count":3,"executionCount":3},{"cell_type":"markdown","source":"m"}]}`)
	got := notebookImported(held)
	want := testNotebookJSON(t, `{"metadata":{"kernelspec":{"name":"python3"}},
		"cells":[{"cell_type":"code","source":"x","outputs":[],"execution_count":null},{"cell_type":"markdown","source":"m"}]}`)
	if !kit.JSONEqual(got, want) {
		g, _ := json.Marshal(got)
		t.Fatalf("imported:\n%s", g)
	}
	if !notebookHolds(got, held) {
		t.Fatal("DSS's notebook does not hold its imported view")
	}
}
