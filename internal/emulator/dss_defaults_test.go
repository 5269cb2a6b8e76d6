package emulator

import (
	"reflect"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// TestDefaultsMatchTheClients keeps the defaults the emulator fills in and
// the ones dss-adopt leaves out of generated configurations (internal/dss)
// the same: a default added on one side only would either show as a diff
// after adoption or be spelled out for nothing. Both read
// internal/dss/names; this checks that the emulator's fill applies them.
func TestDefaultsMatchTheClients(t *testing.T) {
	for _, c := range []struct {
		what, typ, format string
		field             string
		want              map[string]any
	}{
		{"file params", "Filesystem", "", "params", dss.DatasetParamsDefaults("Filesystem")},
		{"SQL params", "PostgreSQL", "", "params", dss.DatasetParamsDefaults("PostgreSQL")},
		{"csv format params", "Filesystem", "csv", "formatParams", dss.FormatParamsDefaults("csv")},
		{"parquet format params", "Filesystem", "parquet", "formatParams", dss.FormatParamsDefaults("parquet")},
		{"json format params", "Filesystem", "json", "formatParams", dss.FormatParamsDefaults("json")},
	} {
		doc := map[string]any{"type": c.typ, "formatType": c.format}
		fillDatasetDefaults(doc)
		if !reflect.DeepEqual(doc[c.field], c.want) {
			t.Errorf("%s: the emulator fills %v, internal/dss says %v", c.what, doc[c.field], c.want)
		}
	}
}
