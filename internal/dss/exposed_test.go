package dss

import (
	"encoding/json"
	"testing"
)

// A settings document as dataikuapi's add_exposed_object leaves it (no
// quickSharingEnabled, no appearOnFlow) next to one written by DSS's UI,
// with fields the provider does not model at every level: decoded and
// encoded again, it is the same JSON, absent flags still absent.
func TestProjectSettingsRoundTripKeepsExposedEntries(t *testing.T) {
	const wire = `{"projectStatus":"Draft","settings":{"codeEnvs":{"python":{"mode":"INHERIT"}}},
"exposedObjects":{"objects":[
 {"type":"DATASET","localName":"orders","rules":[{"targetProject":"B"}]},
 {"type":"SAVED_MODEL","localName":"aB3dE6gH","quickSharingEnabled":true,"displayName":"m",
  "rules":[{"targetProject":"C","appearOnFlow":false,"future":1}]}],"extraList":[]}}`
	var d ProjectSettings
	if err := json.Unmarshal([]byte(wire), &d); err != nil {
		t.Fatal(err)
	}
	if i := d.FindExposed("SAVED_MODEL", "aB3dE6gH"); i != 1 || *d.ExposedObjects.Objects[i].QuickSharingEnabled != true ||
		d.ExposedObjects.Objects[i].Rules[0].TargetProject != "C" {
		t.Fatalf("decoded: %+v", d.ExposedObjects)
	}
	if d.FindExposed("DATASET", "aB3dE6gH") != -1 || d.ExposedObjects.Objects[0].QuickSharingEnabled != nil {
		t.Fatalf("lookup by type, or absent flag: %+v", d.ExposedObjects)
	}
	out, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if !semanticallyEqualExact(t, string(out), wire) {
		t.Fatalf("round trip changed the document:\n%s\nwant\n%s", out, compact(t, wire))
	}
	// A project whose settings have no exposedObjects gets none written.
	var bare ProjectSettings
	if err := json.Unmarshal([]byte(`{"projectStatus":"x"}`), &bare); err != nil {
		t.Fatal(err)
	}
	if out, _ := json.Marshal(bare); string(out) != `{"projectStatus":"x"}` || bare.FindExposed("DATASET", "x") != -1 {
		t.Fatalf("bare settings: %s", out)
	}
}
