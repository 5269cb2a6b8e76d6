package dataset

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// writeCheckName: a name is written into meta; a null name is none, so a
// name DSS holds is removed, while a check that has none (no meta, a meta
// without a name, or an empty name) is left exactly as DSS has it.
func TestWriteCheckName(t *testing.T) {
	for _, c := range []struct {
		name, check string
		set         types.String
		want        string
	}{
		{"named", `{"type":"numericRange","meta":{"level":0}}`, types.StringValue("rows"), `{"meta":{"level":0,"name":"rows"},"type":"numericRange"}`},
		{"named, no meta", `{"type":"numericRange"}`, types.StringValue("rows"), `{"meta":{"name":"rows"},"type":"numericRange"}`},
		{"null over a name", `{"type":"numericRange","meta":{"name":"rows","level":1}}`, types.StringNull(), `{"meta":{"level":1},"type":"numericRange"}`},
		{"null, no meta", `{"type":"valueSet"}`, types.StringNull(), `{"type":"valueSet"}`},
		{"null, meta without a name", `{"type":"valueSet","meta":{"level":0}}`, types.StringNull(), `{"meta":{"level":0},"type":"valueSet"}`},
		{"null, an empty name", `{"type":"valueSet","meta":{"name":""}}`, types.StringNull(), `{"meta":{"name":""},"type":"valueSet"}`},
		{"unknown", `{"type":"valueSet","meta":{"name":"x"}}`, types.StringUnknown(), `{"meta":{"name":"x"},"type":"valueSet"}`},
	} {
		var check map[string]any
		if err := json.Unmarshal([]byte(c.check), &check); err != nil {
			t.Fatal(err)
		}
		writeCheckName(check, c.set)
		if got, _ := json.Marshal(check); string(got) != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

// writeEnabled: a flag DSS holds is always written; an object DSS holds
// without one (enabled, as it reads) gets it only when it changes, so a
// real legacy check or probe written back unchanged keeps its document as
// DSS has it; a new object always gets it.
func TestWriteEnabled(t *testing.T) {
	for _, c := range []struct {
		name, object string
		held, set    bool
		want         string
	}{
		{"absent, stays enabled", `{"type":"records"}`, true, true, `{"type":"records"}`},
		{"absent, disabled", `{"type":"records"}`, true, false, `{"enabled":false,"type":"records"}`},
		{"held true, disabled", `{"enabled":true,"type":"records"}`, true, false, `{"enabled":false,"type":"records"}`},
		{"held false, enabled", `{"enabled":false,"type":"records"}`, true, true, `{"enabled":true,"type":"records"}`},
		{"held true, kept", `{"enabled":true,"type":"records"}`, true, true, `{"enabled":true,"type":"records"}`},
		{"new, enabled", `{"type":"records"}`, false, true, `{"enabled":true,"type":"records"}`},
		{"new, disabled", `{"type":"records"}`, false, false, `{"enabled":false,"type":"records"}`},
	} {
		var o map[string]any
		if err := json.Unmarshal([]byte(c.object), &o); err != nil {
			t.Fatal(err)
		}
		writeEnabled(o, c.held, c.set)
		if got, _ := json.Marshal(o); string(got) != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
