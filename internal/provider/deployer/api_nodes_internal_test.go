package deployer

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// Which admin keys a settings save sends: a held node keeps DSS's key
// unless the keys are rotated, a held node without a key gets the
// configured one at once, and a new node gets its configured key.
func TestMergeAPINodesKeys(t *testing.T) {
	held := []dss.APINode{{URL: "https://a", AdminAPIKey: "held-a"}, {URL: "https://b"}}
	planned := []apiNodeModel{
		{URL: types.StringValue("https://a"), GraphitePrefix: types.StringValue("")},
		{URL: types.StringValue("https://b"), GraphitePrefix: types.StringValue("")},
		{URL: types.StringValue("https://c"), GraphitePrefix: types.StringValue("")},
	}
	keys := map[string]string{"https://a": "conf-a", "https://b": "conf-b", "https://c": "conf-c"}
	for _, tc := range []struct {
		rotate bool
		want   []string
	}{
		{rotate: false, want: []string{"held-a", "conf-b", "conf-c"}},
		{rotate: true, want: []string{"conf-a", "conf-b", "conf-c"}},
	} {
		got := mergeAPINodes(held, planned, keys, tc.rotate)
		if len(got) != len(tc.want) {
			t.Fatalf("rotate %v: %d nodes, want %d", tc.rotate, len(got), len(tc.want))
		}
		for i, n := range got {
			if n.AdminAPIKey != tc.want[i] {
				t.Errorf("rotate %v: node %s sends key %q, want %q", tc.rotate, n.URL, n.AdminAPIKey, tc.want[i])
			}
		}
	}
	// Without a configured key, a node without one stays without one.
	if got := mergeAPINodes(held, planned[1:2], nil, false); got[0].AdminAPIKey != "" {
		t.Errorf("node b got key %q with none configured", got[0].AdminAPIKey)
	}
}
