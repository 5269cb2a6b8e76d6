package adoptinfo

import (
	"slices"
	"testing"
)

func TestWriteOnlyAfterImportPairsEachValueWithItsVersion(t *testing.T) {
	got := WriteOnlyAfterImport()
	for typ, want := range map[string][]string{
		"dataiku_user":       {"password_wo", "password_wo_version"},
		"dataiku_connection": {"secret_params_wo", "secret_params_wo_version"},
	} {
		if !slices.Equal(got[typ], want) {
			t.Errorf("%s: got %q, want %q", typ, got[typ], want)
		}
	}
	if _, ok := got["dataiku_project"]; ok {
		t.Error("local_variables is readable (sensitive, not write-only): it must not be listed as write-only")
	}
}
