package dss

import (
	"encoding/json"
	"strings"
	"testing"
)

// An API infrastructure's settings as DSS writes them: changing one node's
// key keeps the node's other fields, the infrastructure's Kubernetes
// settings, and a node without graphitePrefix stays without one.
func TestAPIInfraSettingsKeepTheRest(t *testing.T) {
	const wire = `{"id":"i","stage":"Production","type":"STATIC","governCheckPolicy":"NO_CHECK",
"apiNodes":[{"url":"http://a","adminAPIKey":"ka","graphitePrefix":"pa","weight":1.50},{"url":"http://b","adminAPIKey":"kb"}],
"permissions":[],"carbonAPISettings":{"carbonAPIURL":"http://c"}}`
	var d APIInfraSettings
	if err := json.Unmarshal([]byte(wire), &d); err != nil {
		t.Fatal(err)
	}
	nodes := d.Nodes()
	if len(nodes) != 2 || nodes[0].AdminAPIKey != "ka" || nodes[1].GraphitePrefix != nil {
		t.Fatalf("decoded %+v", nodes)
	}
	nodes[1].AdminAPIKey = "kb2"
	d.SetNodes(nodes)
	out, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"weight":1.50`, `"carbonAPISettings":{"carbonAPIURL":"http://c"}`, `{"url":"http://b","adminAPIKey":"kb2"}`, `"graphitePrefix":"pa"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("round trip lacks %s: %s", want, out)
		}
	}
	// A K8S infrastructure has no apiNodes: written back without them.
	var k APIInfraSettings
	if err := json.Unmarshal([]byte(`{"id":"k","stage":"Test","type":"K8S","k8sContext":"prod"}`), &k); err != nil {
		t.Fatal(err)
	}
	if k.Nodes() != nil {
		t.Fatalf("K8S nodes %+v", k.Nodes())
	}
	if out, _ := json.Marshal(k); strings.Contains(string(out), "apiNodes") {
		t.Fatalf("K8S settings gained apiNodes: %s", out)
	}
	k.SetNodes(nil)
	if out, _ := json.Marshal(k); !strings.Contains(string(out), `"apiNodes":[]`) {
		t.Fatalf("SetNodes(nil) is not []: %s", out)
	}
}
