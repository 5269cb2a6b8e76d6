package emulator

import (
	"bytes"
	"encoding/json"
	"testing"
)

// The provider refreshes datasets and managed folders from their
// project's list, so each list item must be byte for byte what the
// object's own GET answers (dss-api.md §4.3 and §5.1: DSS's lists return
// whole definitions), whatever the definition holds: numbers, schema,
// partitioning, fields the emulator does not know.
func TestListItemsAreTheGetDocuments(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "MF")
	plain, rich := fsDataset("plain"), fsDataset("rich")
	plain["projectKey"], rich["projectKey"] = "MF", "MF"
	expectOK(t, createDataset(t, u, "MF", testAdmin, plain))
	rich["formatType"] = "csv"
	rich["formatParams"] = map[string]any{"separator": ";", "skipRowsBeforeHeader": 0}
	expectOK(t, createDataset(t, u, "MF", testAdmin, rich))
	d := call(t, u, "GET", dsBase+"MF/datasets/rich", testAdmin, nil).obj()
	d["schema"] = map[string]any{"columns": []any{map[string]any{"name": "a", "type": "bigint", "maxLength": -1}}, "userModified": true}
	d["partitioning"] = map[string]any{"dimensions": []any{map[string]any{"name": "day", "type": "time", "params": map[string]any{"period": "DAY"}}}}
	d["tags"] = []any{"b", "a"}
	d["customFields"] = map[string]any{"big": json.Number("12345678901234567890.5"), "unicode": "é\u2028"}
	expectOK(t, call(t, u, "PUT", dsBase+"MF/datasets/rich", testAdmin, d))
	createFolder(t, u, "models")
	createFolder(t, u, "exports")

	for _, kind := range []struct{ list, key string }{
		{dsBase + "MF/datasets/", "name"},
		{mfBase, "id"},
	} {
		r := call(t, u, "GET", kind.list, testAdmin, nil)
		expectOK(t, r)
		var items []json.RawMessage
		if err := json.Unmarshal(r.raw, &items); err != nil {
			t.Fatal(err)
		}
		if len(items) != 2 {
			t.Fatalf("%s lists %d items: %s", kind.list, len(items), r.raw)
		}
		for _, item := range items {
			var named map[string]any
			if err := json.Unmarshal(item, &named); err != nil {
				t.Fatal(err)
			}
			id, _ := named[kind.key].(string)
			one := call(t, u, "GET", kind.list+id, testAdmin, nil)
			expectOK(t, one)
			if !bytes.Equal(item, bytes.TrimSpace(one.raw)) {
				t.Fatalf("%s item %s differs from its GET:\nlist: %s\nGET:  %s", kind.list, id, item, one.raw)
			}
		}
	}
}
