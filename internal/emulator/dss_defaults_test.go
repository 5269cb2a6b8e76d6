package emulator

import (
	"reflect"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// TestDefaultsMatchTheClients keeps the defaults the emulator fills in and
// the ones dss-adopt leaves out of generated configurations (internal/dss)
// the same: a default added on one side only would either show as a diff
// after adoption or be spelled out for nothing.
func TestDefaultsMatchTheClients(t *testing.T) {
	if !reflect.DeepEqual(fileDatasetTypes, dss.FileDatasetTypes) || !reflect.DeepEqual(sqlDatasetTypes, dss.SQLDatasetTypes) {
		t.Error("the emulator's file and SQL dataset types differ from internal/dss's")
	}
	for _, c := range []struct {
		what      string
		emu, want map[string]any
	}{
		{"file params", defaultFileParams(), dss.DatasetParamsDefaults("Filesystem")},
		{"SQL params", defaultSQLParams(), dss.DatasetParamsDefaults("PostgreSQL")},
		{"csv format params", defaultFormatParams("csv"), dss.FormatParamsDefaults("csv")},
		{"parquet format params", defaultFormatParams("parquet"), dss.FormatParamsDefaults("parquet")},
		{"json format params", defaultFormatParams("json"), dss.FormatParamsDefaults("json")},
	} {
		if !reflect.DeepEqual(c.emu, c.want) {
			t.Errorf("%s: the emulator fills %v, internal/dss says %v", c.what, c.emu, c.want)
		}
	}
}
