package dss

import (
	"encoding/json"
	"testing"
)

// TestDuplicateProjectRequestWire: the body holds what DSS's duplicate
// call takes, the connection remapping in the import's list shape (sorted
// by source, so a request is the same each time), and no folder when none
// is given.
func TestDuplicateProjectRequestWire(t *testing.T) {
	b, err := json.Marshal(DuplicateProjectRequest{
		TargetProjectKey: "COPY", TargetProjectName: "Copy", DuplicationMode: "MINIMAL",
		ConnectionRemapping: map[string]string{"pg_b": "pg_d", "pg_a": "pg_c"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"targetProjectKey":"COPY","targetProjectName":"Copy","duplicationMode":"MINIMAL",` +
		`"remapping":{"connections":[{"source":"pg_a","target":"pg_c"},{"source":"pg_b","target":"pg_d"}]}}`
	if string(b) != want {
		t.Fatalf("body\n got %s\nwant %s", b, want)
	}
	b, _ = json.Marshal(DuplicateProjectRequest{TargetProjectKey: "C", TargetProjectName: "c", DuplicationMode: "FULL", TargetProjectFolderID: "f1"})
	if want := `{"targetProjectKey":"C","targetProjectName":"c","duplicationMode":"FULL","targetProjectFolderId":"f1","remapping":{"connections":[]}}`; string(b) != want {
		t.Fatalf("body\n got %s\nwant %s", b, want)
	}
}
